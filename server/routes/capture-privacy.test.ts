import { beforeAll, describe, expect, it } from 'vitest';
import { CapturePrivacyResponse, SetNeverCaptureRequest, TeamRedaction } from '../../lib/schema/capture-privacy';
import { DEFAULT_REDACTION } from '../../lib/schema/redaction';
import { DEMO_CLOCK } from '../seed/demo';
import { addUser, appForSuite, ENGINES, expectError, expectOk } from '../testing';

describe.each(ENGINES)('never-capture sites and redaction options on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  let admin: string;
  let agent: string;
  let careManager: string;

  beforeAll(async () => {
    admin = await api.signIn('admin@tandem.demo');
    agent = await api.signIn('agent@tandem.demo');
    await addUser(db(), { id: 'user-casey', email: 'care-manager@tandem.demo', name: 'Casey Care', role: 'manager', teamIds: ['team-care'] });
    careManager = await api.signIn('care-manager@tandem.demo');
  });

  const published = async (token: string) => expectOk(await api.get('/capture-privacy', token), CapturePrivacyResponse);

  it('gives every signed-in user the admin’s never-capture list, lower-cased and sorted', async () => {
    expect((await published(agent)).neverCapture).toEqual([]);
    const saved = await expectOk(await api.put('/capture-privacy/never-capture', admin, { hosts: ['MyBank.com', '*.health.example'] }), SetNeverCaptureRequest);
    expect(saved.hosts).toEqual(['*.health.example', 'mybank.com']);
    expect((await published(agent)).neverCapture).toEqual(['*.health.example', 'mybank.com']);
    await expectOk(await api.put('/capture-privacy/never-capture', admin, { hosts: [] }), SetNeverCaptureRequest);
    expect((await published(agent)).neverCapture).toEqual([]);
    await expectError(await api.get('/capture-privacy'), 401, 'unauthorized');
  });

  it.each([
    ['a scheme', 'https://mybank.com'],
    ['a path', 'mybank.com/login'],
    ['a whole top-level domain', 'com'],
    ['a wildcard in the middle', 'my*.bank.com'],
  ])('refuses %s and keeps the list', async (_, host) => {
    await expectError(await api.put('/capture-privacy/never-capture', admin, { hosts: [host] }), 400, 'invalid_request');
    expect((await published(agent)).neverCapture).toEqual([]);
  });

  it('lets only an admin change the list', async () => {
    for (const token of [agent, careManager])
      await expectError(await api.put('/capture-privacy/never-capture', token, { hosts: ['mybank.com'] }), 403, 'forbidden');
    expect((await published(agent)).neverCapture).toEqual([]);
  });

  it('gives each user their teams’ redaction options: the defaults until a manager sets them', async () => {
    const before = await published(agent);
    expect(before.teams.map((t) => t.teamId)).toEqual(['team-care']);
    expect(before.teams[0]?.options).toEqual(DEFAULT_REDACTION);
    const set = await expectOk(await api.put('/capture-privacy/redaction/team-care', careManager, { email: true, phone: true, card: false }), TeamRedaction);
    expect(set.options).toEqual({ ...DEFAULT_REDACTION, email: true, phone: true, card: false });
    expect((await published(agent)).teams[0]).toEqual(set);
    await expectError(await api.put('/capture-privacy/redaction/team-billing', careManager, {}), 403, 'forbidden');
    await expectError(await api.put('/capture-privacy/redaction/team-care', agent, {}), 403, 'forbidden');
    await expectError(await api.put('/capture-privacy/redaction/team-care', careManager, { email: 'yes' }), 400, 'invalid_request');
  });
});
