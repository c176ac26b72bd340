import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../db/test-fixtures';
import { MessageError } from '../messaging/dispatch';
import { createSession, teamForNewRecords } from './session';
import { fakeApi, signInAnswer } from './test-fixtures';

const db = useTestDatabase();

function setup(now: string) {
  const made: Array<{ baseUrl: string; token: string | null }> = [];
  const session = createSession({
    db: db(),
    getBackendUrl: async () => 'https://tandem.example',
    createApi: (baseUrl, token) => {
      made.push({ baseUrl, token });
      return fakeApi({});
    },
    now: () => new Date(now),
  });
  return { session, made };
}

describe('the stored session', () => {
  it('gives the agent, the credentials and a signed-in client while the token is valid', async () => {
    const { session, made } = setup('2026-11-20T09:00:00.000Z');
    await session.save(signInAnswer('u-ana'));
    expect(await session.agent()).toEqual({ id: 'u-ana', name: 'Agent u-ana', teamIds: ['team-care'] });
    expect(await session.credentials()).toEqual({ baseUrl: 'https://tandem.example', token: 'token-u-ana' });
    expect(await session.signedInApi()).not.toBeNull();
    expect(made).toEqual([{ baseUrl: 'https://tandem.example', token: 'token-u-ana' }]);
  });

  it('still knows the agent after the token expired, but no longer calls the server as them', async () => {
    const { session } = setup('2028-01-01T00:00:00.000Z');
    await session.save(signInAnswer('u-ana'));
    expect((await session.agent())?.id).toBe('u-ana');
    expect(await session.current()).toBeNull();
    expect(await session.credentials()).toBeNull();
    expect(await session.signedInApi()).toBeNull();
  });

  it('forgets the agent when the session ends', async () => {
    const { session } = setup('2026-11-20T09:00:00.000Z');
    await session.save(signInAnswer('u-ana'));
    await session.end();
    expect(await session.agent()).toBeNull();
    expect(await session.signedInApi()).toBeNull();
  });
});

describe('teamForNewRecords', () => {
  it('is the agent’s first team, and refuses on a device nobody signed in on', () => {
    expect(teamForNewRecords({ id: 'u-ana', name: 'Ana', teamIds: ['team-care', 'team-billing'] }, 'capture cases')).toBe('team-care');
    expect(() => teamForNewRecords(null, 'capture cases')).toThrow(
      new MessageError('signed_out', 'Sign in to Tandem once to capture cases (it works offline afterwards).'),
    );
  });
});
