// Runs a bench entry (bundled with esbuild) in a headless Chromium page of a blank local origin (IndexedDB needs a
// real one), for benches that measure lib/ code on the browser's own storage: bench/sync/idb-probe.ts,
// bench/overlay/lookup.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM } from '../e2e/harness';

/** Calls `use` with a fresh page holding the bundled entry (call it again for another) and the browser's version. */
export async function withBundlePage<T>(entry: string, use: (newPage: () => Promise<Page>, version: string) => Promise<T>): Promise<T> {
  const bundle = await build({ entryPoints: [entry], bundle: true, format: 'iife', write: false, platform: 'browser', logLevel: 'silent' });
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const profile = mkdtempSync(join(tmpdir(), 'tandem-bench-page-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const newPage = async () => {
      const page = await context.newPage();
      await page.goto(url);
      await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
      return page;
    };
    return await use(newPage, context.browser()?.version() ?? '');
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
