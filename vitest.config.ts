import { availableParallelism } from 'node:os';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// Unit and server tests. End-to-end tests have their own config (e2e/vitest.config.ts).
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    include: [
      'lib/**/*.test.{ts,tsx}',
      'components/**/*.test.{ts,tsx}',
      'entrypoints/**/*.test.{ts,tsx}',
      'server/**/*.test.ts',
      'scripts/**/*.test.ts',
      'meta/**/*.test.ts',
      'modules/**/*.test.ts',
    ],
    environment: 'node',
    // Vitest's default is one worker fewer than the cores: a single worker on CI's two, the other core idle while that
    // worker runs PGlite's WASM. The server suites' databases are their own (server/testing.ts), so files may overlap.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A worker imports each module once for all the files it runs, not once per file: the run took half the time
    // (585 → 283 s, CPU 1,110 → 523 s; 336 s of it had been imports). What a file could leave behind in the shared
    // fakes (IndexedDB, the fake browser, timers, spies, stubbed environment variables) is reset before each file
    // (lib/test-support/between-files.ts). docs/testing.md, "One import per worker".
    isolate: false,
    // WXT's fake browser has no i18n: UI text comes from the English catalog, as in an English browser.
    setupFiles: ['lib/test-support/between-files.ts', 'lib/i18n/test-setup.ts'],
    // Once per run: the migrated databases every server suite's database is copied from (initdb and the migrations
    // took 5–12 s a database on a loaded 2-core machine; a copy 1–2 s). docs/testing.md.
    globalSetup: ['server/test-templates.ts'],
    // Opening a PGlite database (WASM start, migrations, seed) took 9 s at load 13 on this 2-core machine, and CI runs
    // the PostgreSQL fault suite's browser beside this run (scripts/test.ts): the limits leave room for a busy machine;
    // a real hang still fails.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
