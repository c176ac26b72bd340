import { afterAll, beforeAll } from 'vitest';
import { DEMO_AGENT, type Harness, type HarnessOptions, startHarness } from './harness';

type Account = { email: string; password: string };

/** A stand-in that forwards to a harness started in `beforeAll`; reading it outside a test (before then) throws. */
function standIn(started: () => Harness | undefined): Harness {
  return new Proxy({} as Harness, {
    get(_target, key) {
      const harness = started();
      if (!harness) throw new Error('The harness starts in beforeAll: use it inside tests.');
      return Reflect.get(harness, key);
    },
  });
}

/**
 * The usual set-up of an end-to-end file: one harness started (and the demo agent signed in) before
 * its tests and closed after them. Returns a stand-in that forwards to the started harness, so tests
 * write `h.context` as before.
 */
export function harnessForFile(options: HarnessOptions & { account?: Account | null } = {}): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(options);
    if (options.account !== null) await started.signIn(options.account ?? DEMO_AGENT);
  });
  afterAll(async () => {
    await started?.close();
  });
  return standIn(() => started);
}

/**
 * Two browsers against one server, for files where a manager or an admin acts and the agent sees it:
 * the demo agent's harness (which owns the server) and a second Chromium signed in as `account`.
 * `beforeAgentSignIn` runs once the server is up and before the agent's first sync (to set a policy
 * the first sync must already follow). The file's own `beforeAll` hooks run after this set-up.
 */
export function harnessPairForFile(account: Account, { beforeAgentSignIn }: { beforeAgentSignIn?(agent: Harness): Promise<void> } = {}) {
  let agent: Harness | undefined;
  let other: Harness | undefined;
  beforeAll(async () => {
    agent = await startHarness();
    // The second Chromium starts while the agent signs in and syncs; it signs in only after the agent's first sync.
    const otherStarting = startHarness({ server: { url: agent.directServerUrl } });
    otherStarting.catch(() => undefined); // awaited below: a failure is thrown there, not reported as unhandled first
    try {
      await beforeAgentSignIn?.(agent);
      await agent.signIn(DEMO_AGENT);
    } finally {
      other = await otherStarting;
    }
    await other.signIn(account);
  }, 240_000);
  afterAll(async () => {
    await other?.close();
    await agent?.close();
  });
  return { agent: standIn(() => agent), other: standIn(() => other) };
}
