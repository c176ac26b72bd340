/**
 * The semantic stage in the browser: a throwaway MV3 extension (this page, the uint8 model, TF.js's WebAssembly
 * backend) built with Vite and loaded into /usr/bin/chromium by playwright-core, under the CSP an extension page may
 * have ("script-src 'self' 'wasm-unsafe-eval'": no unsafe-eval). Prints the model's load time, the stage's p50/p95
 * (embed the page + rerank 20 candidates by their synced vectors), the size it adds, and any CSP violation.
 * Then, when the extension is built (`npm run build`), the stage as wired in it (semantic-wired.ts): from the lexical
 * list shown to the re-ordered list shown in the overlay frame, and the size it adds to .output/chrome-mv3.
 * Run: npm run bench:knowledge:semantic-browser   (~2 min; KEEP=1 keeps the built probe in the temp folder)
 */

import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { writeQuantisedUseLite } from '../../server/knowledge/embed-model';
import { folderBytes } from '../files';
import { latencies, ms, table } from '../stats';
import { measureWired } from './semantic-wired';

const TARGET_P95_MS = 50;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

console.log(`Semantic stage in Chromium; ${cpus().length} cores, load average ${load()} (1/5/15 min) at the start.`);
const dir = mkdtempSync(join(tmpdir(), 'tandem-semantic-browser-'));
try {
  await build({
    logLevel: 'error',
    configFile: false,
    // Not the extension's public/ (its _locales would need a default_locale).
    publicDir: false,
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: true,
      lib: { entry: fileURLToPath(new URL('./semantic-browser-page.ts', import.meta.url)), formats: ['es'], fileName: () => 'page.js' },
    },
  });
  const scriptBytes = statSync(join(dir, 'page.js')).size;
  writeQuantisedUseLite(join(dir, 'model'));
  const modelBytes = folderBytes(join(dir, 'model'));
  // The single-threaded backends only (SIMD and the fallback); the threaded one cannot start under the CSP.
  const coreDir = dirname(createRequire(import.meta.url).resolve('@energetic-ai/core'));
  let wasmBytes = 0;
  for (const file of ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm']) {
    copyFileSync(join(coreDir, file), join(dir, 'model', file));
    wasmBytes += statSync(join(dir, 'model', file)).size;
  }
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'semantic bench',
      version: '1.0',
      background: { service_worker: 'sw.js' },
      content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    }),
  );
  // A service worker only so that the extension's id can be read from its URL.
  writeFileSync(join(dir, 'sw.js'), "self.addEventListener('install', () => {});");
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>semantic</title><script type="module" src="page.js"></script>');

  const context = await chromium.launchPersistentContext('', {
    executablePath: '/usr/bin/chromium',
    headless: true,
    // Extensions load only in the new headless mode.
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--headless=new'],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/page.html`);
    await page.waitForFunction(() => document.title === 'done', null, { timeout: 180_000 });
    const f = (await page.evaluate(() => (window as unknown as { __semantic: Record<string, unknown> }).__semantic)) as {
      loadMs?: number;
      stageP50?: number;
      stageP95?: number;
      runs?: number;
      error?: string;
      cspViolations: string[];
    };
    if (f.error) throw new Error(f.error);
    console.log(
      `\n${table([
        ['what', 'figure'],
        ['model load (WebAssembly backend ready, weights + vocabulary, first embed)', ms(f.loadMs ?? Number.NaN)],
        [
          `page embedded + 20 candidates reranked, p50 / p95 of ${f.runs}`,
          `${ms(f.stageP50 ?? Number.NaN)} / ${ms(f.stageP95 ?? Number.NaN)} (≤ ${TARGET_P95_MS})`,
        ],
        ['added to the extension: model (uint8)', mb(modelBytes)],
        ['added: TF.js + tokenizer + the page (minified)', mb(scriptBytes)],
        ['added: WebAssembly backends (SIMD + fallback)', mb(wasmBytes)],
        ['added in all', mb(modelBytes + scriptBytes + wasmBytes)],
        ['CSP violations (script-src self wasm-unsafe-eval)', f.cspViolations.length ? f.cspViolations.join('; ') : 'none'],
      ])}`,
    );
  } finally {
    await context.close();
  }
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}

const WIRED_RUNS = 30;
console.log(`\nThe stage as wired in the built extension (.output/chrome-mv3), load average ${load()}:`);
const wired = await measureWired(WIRED_RUNS);
if (!wired) console.log('  skipped: no built extension with the encoder (run npm run build first)');
else {
  const warm = latencies(wired.warmMs);
  const sorted = [...wired.warmMs].sort((a, b) => a - b);
  console.log(
    `\n${table([
      ['what', 'figure'],
      ['lexical list shown → re-ordered list shown, first page (offscreen document + worker + model start)', ms(wired.coldMs)],
      [
        `same, warm, p50 / p95 (min / max) of ${wired.warmMs.length} pages (not timed: ${wired.already} whose lexical answer already led with the trash article, nothing to re-order; ${wired.withAnswer} shown re-ordered with their answer; ${wired.missed} with no re-order within 5 s)`,
        `${ms(warm.p50)} / ${ms(warm.p95)} (${ms(sorted[0] ?? Number.NaN)} / ${ms(sorted.at(-1) ?? Number.NaN)})`,
      ],
      ['built extension (.output/chrome-mv3)', mb(wired.extensionBytes)],
      ['of which the encoder (semantic/, encoder-worker.js, offscreen.html)', mb(wired.encoderBytes)],
    ])}`,
  );
}
console.log(`Load average at the end: ${load()}.`);
