import { defineConfig } from 'vitest/config';

// The Firefox smoke run (npm run test:firefox): the built MV2 add-on in Debian's Firefox ESR, driven over WebDriver BiDi
// by puppeteer-core, against the fixture sites and a real server. In `npm test`'s second phase (scripts/test.ts; docs/testing.md, "Firefox").
export default defineConfig({
  test: {
    include: ['e2e-firefox/**/*.test.ts'],
    // The same migrated PGlite template the Chromium suite starts its servers from.
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
