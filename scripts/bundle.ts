// What the content script costs every page an agent opens, measured one way for the build check
// (scripts/check-bundle.ts) and the overlay bench (bench/overlay/run.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The built content script, relative to the repository root: Tandem's overlay with its CSS inlined. */
export const CONTENT_SCRIPT = '.output/chrome-mv3/content-scripts/overlay.js';
export const CONTENT_SCRIPT_GZIP_BUDGET = 50 * 1024;

/** A built file, by its path from the repository root (or an absolute one). */
export function readBuilt(file: string = CONTENT_SCRIPT): Buffer {
  return readFileSync(path.resolve(import.meta.dirname, '..', file));
}

export interface BundleSize {
  minified: number;
  gzip: number;
}

/** Bytes as built (already minified) and gzipped at level 9, as a store or CDN would serve them. */
export function measureBundle(code: Uint8Array): BundleSize {
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

export function formatBundleSize({ minified, gzip }: BundleSize): string {
  return `${kb(minified)} minified, ${kb(gzip)} gzip (-9)`;
}

/**
 * Libraries the content script must not carry, each with a string its minified code keeps: zod names
 * its error class "ZodError" (v3 and v4, classic and mini), and libphonenumber-js cannot work without
 * its metadata, whose JSON has a `country_calling_codes` key.
 */
const FORBIDDEN_LIBRARIES = [
  { name: 'zod', marker: 'ZodError' },
  { name: 'libphonenumber-js', marker: 'country_calling_codes' },
] as const;

/** The forbidden libraries a built bundle contains. */
export function forbiddenLibraries(code: string): string[] {
  return FORBIDDEN_LIBRARIES.filter(({ marker }) => code.includes(marker)).map(({ name }) => name);
}

/** A built content script's size, and what is wrong with it: over the gzip budget, or carrying a forbidden library. */
export function checkContentScript(code: Uint8Array): { size: BundleSize; problems: string[] } {
  const size = measureBundle(code);
  const problems = [
    ...(size.gzip > CONTENT_SCRIPT_GZIP_BUDGET ? [`${kb(size.gzip)} gzip is over the ${kb(CONTENT_SCRIPT_GZIP_BUDGET)} budget`] : []),
    ...forbiddenLibraries(new TextDecoder().decode(code)).map((name) => `contains ${name}, which belongs in the background`),
  ];
  return { size, problems };
}
