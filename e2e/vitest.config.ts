import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in Debian's Chromium against fixture sites and a real server.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    // The browser fault suite (200 seeded schedules, ~5 min) runs on its own (`npm run test:faults`, `npm run soak`):
    // one of two full runs on 2026-11-26 failed it while the same 200 schedules passed alone, so it is kept out of
    // `npm test` until that flake is found (issue 17, docs/operations.md).
    exclude: process.env.TANDEM_FAULT_SUITE === '1' ? [] : ['e2e/faults.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // One Chromium at a time: CI has two cores.
    fileParallelism: false,
  },
});
