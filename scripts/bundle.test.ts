import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_GZIP_BUDGET, checkContentScript, forbiddenLibraries, measureBundle } from './bundle';

/** A minified browser bundle of `source`, as a build would emit it. */
async function bundle(source: string): Promise<string> {
  const out = await build({
    stdin: { contents: source, resolveDir: process.cwd() },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

describe('forbiddenLibraries', () => {
  it('finds zod in a minified bundle, whichever entry point was imported', async () => {
    expect(forbiddenLibraries(await bundle("import { z } from 'zod'; console.log(z.string().parse('x'));"))).toEqual(['zod']);
    expect(forbiddenLibraries(await bundle("import * as z from 'zod/mini'; console.log(z.parse(z.string(), 'x'));"))).toEqual(['zod']);
  });

  it('finds libphonenumber-js in a minified bundle, with the bundled or separately imported metadata', async () => {
    const full = "import { parsePhoneNumberFromString } from 'libphonenumber-js'; console.log(parsePhoneNumberFromString('+447700900123'));";
    const core =
      "import { isValidPhoneNumber } from 'libphonenumber-js/core'; import metadata from 'libphonenumber-js/min/metadata'; console.log(isValidPhoneNumber('+447700900123', metadata));";
    expect(forbiddenLibraries(await bundle(full))).toEqual(['libphonenumber-js']);
    expect(forbiddenLibraries(await bundle(core))).toEqual(['libphonenumber-js']);
  });

  it('passes a bundle of other libraries', async () => {
    expect(forbiddenLibraries(await bundle("import { marked } from 'marked'; console.log(marked.parse('**roaming** in the EU'));"))).toEqual([]);
  });
});

describe('checkContentScript', () => {
  it('measures bytes as built and gzipped', () => {
    const size = measureBundle(new TextEncoder().encode('roaming '.repeat(1000)));
    expect(size.minified).toBe(8000);
    expect(size.gzip).toBeLessThan(200);
  });

  it('passes a small clean script and fails one over the gzip budget', () => {
    expect(checkContentScript(new TextEncoder().encode('console.log("overlay")')).problems).toEqual([]);
    // Random bytes do not compress: just over the budget once gzipped.
    const { problems } = checkContentScript(randomBytes(CONTENT_SCRIPT_GZIP_BUDGET + 1));
    expect(problems).toEqual([expect.stringMatching(/gzip is over the 50\.0 kB budget$/)]);
  });
});
