// The extension's UI must render on a plain Debian Chromium, which has no emoji font: a
// character from those blocks in a component shows as an empty box. Icons are inline SVG
// (components/icons.tsx). Comments are not rendered, so they are skipped.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['components', 'entrypoints'];
// The emoji planes and the emoji presentation selector (arrows, shapes and ✓ are in DejaVu Sans, Debian's default font).
const NEEDS_SYMBOL_FONT = /[\u{1F000}-\u{1FAFF}]|\uFE0F/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') && !e.name.includes('.test.') ? [join(dir, e.name)] : [],
  );
}

/** The file without its comments (block, JSX and line comments), so only rendered text and code remain. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('UI text needs no emoji font', () => {
  it('no component or page renders such a character', () => {
    const offenders = ROOTS.flatMap(tsxFiles).flatMap((file) =>
      withoutComments(readFileSync(file, 'utf8'))
        .split('\n')
        .flatMap((line, i) => (NEEDS_SYMBOL_FONT.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
