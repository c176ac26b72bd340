import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { DEMO_CLOCK, DEMO_PASSWORD } from '../seed/demo';
import { appForSuite, client, ENGINES, expectError } from '../testing';
import { ADDRESS_LIMIT_FACTOR } from './auth';

describe.each(ENGINES)('sign-in limits on %s', (engine) => {
  const { db } = appForSuite(engine, { now: () => DEMO_CLOCK });

  it('limits failed sign-ins from one address across many emails (a sprayed password), then lifts after a minute', async () => {
    let clock = DEMO_CLOCK;
    const signInLimit = 3;
    const sprayed = client(createApp({ db: db(), now: () => clock, signInLimit }));
    const failures = signInLimit * ADDRESS_LIMIT_FACTOR;
    // One attempt per email, far below the per-account limit, so only the per-address limit can stop it.
    for (let i = 0; i < failures; i++) {
      const attempt = { email: `nobody-${i}@tandem.demo`, password: 'Winter2026!' };
      await expectError(await sprayed.post('/auth/sign-in', undefined, attempt), 401, 'invalid_credentials');
    }
    const blocked = await sprayed.post('/auth/sign-in', undefined, { email: 'agent@tandem.demo', password: DEMO_PASSWORD });
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    await expectError(blocked, 429, 'rate_limited');
    clock = new Date(DEMO_CLOCK.getTime() + 61_000);
    await sprayed.signIn('agent@tandem.demo');
  });
});
