import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in Debian's Chromium against fixture sites and a real server.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    // The migrated PGlite database each file's server starts from (e2e/global-setup.ts).
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // One Chromium at a time: CI has two cores.
    fileParallelism: false,
    // One import of the harness, Playwright and the server per run, not per file (≈ 3 s a file: 130 s of a run's
    // 45 files, 10 s without). Each file still starts its own server and browser (e2e/harness.ts); what outlives a
    // file is module state: the PGlite template's bytes, read once.
    isolate: false,
    // wxt/browser takes globalThis.chrome when first imported; with one import per run, the English catalog must be
    // there before any file's first import of it (e2e/queue.test.ts labels SLA clocks with lib/cases/sla.ts).
    setupFiles: ['lib/i18n/node-english.ts'],
  },
});
