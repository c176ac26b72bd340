import { afterAll, beforeAll } from 'vitest';
import { DEMO_AGENT, type Harness, type HarnessOptions, startHarness } from './harness';

/**
 * The usual set-up of an end-to-end file: one harness started (and the demo agent signed in) before
 * its tests and closed after them. Returns a stand-in that forwards to the started harness, so tests
 * write `h.context` as before; reading it outside a test (before `beforeAll` ran) throws.
 */
export function harnessForFile(options: HarnessOptions & { account?: { email: string; password: string } | null } = {}): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(options);
    if (options.account !== null) await started.signIn(options.account ?? DEMO_AGENT);
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as Harness, {
    get(_target, key) {
      if (!started) throw new Error('The harness starts in beforeAll: use it inside tests.');
      return Reflect.get(started, key);
    },
  });
}
