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
  },
});
