import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SLA_POLICY, mergeSlaPolicy } from '../cases/sla-policy';
import { applyChanges, type LocalWrite, writeLocal } from '../db';
import { customer, useTestDatabase } from '../db/test-fixtures';
import type { CaptureInput } from '../schema';
import { fakeApi } from '../session/test-fixtures';
import { createCaptureHandlers } from './handlers';
import { DEFAULT_REDACTION } from './redact';
import { saveTeamRedaction } from './redact-settings';
import { refreshSlaPolicies } from './sla-policies';

const db = useTestDatabase();
const sender = {};
const AT = '2026-11-22T10:00:00.000Z';

function tweet(overrides: Partial<CaptureInput> = {}): CaptureInput {
  return {
    site: 'twitter',
    channel: 'twitter',
    visibility: 'public',
    identities: [{ kind: 'twitter', value: 'jane_doe' }],
    authorName: 'Jane Doe',
    text: 'My eSIM stopped working',
    url: 'https://x.com/jane_doe/status/1861234567890123456',
    externalId: '1861234567890123456',
    postedAt: '2026-11-21T09:14:00.000Z',
    pageTitle: 'Jane Doe on X',
    subject: 'eSIM stopped working',
    priority: 'high',
    tags: [],
    ...overrides,
  };
}

function setup(teamIds: string[] = ['team-care']) {
  const write = vi.fn((writes: LocalWrite[]) => writeLocal(db(), writes));
  const handlers = createCaptureHandlers({
    db: db(),
    agent: async () => (teamIds.length > 0 ? { id: 'u-ana', name: 'Ana', teamIds } : null),
    write,
    now: () => new Date(AT),
  });
  const capture = (input: CaptureInput) => handlers['capture.create']({ capture: input }, sender);
  return { handlers, write, capture };
}

describe('capture.create', () => {
  it('creates a case for a new source, on the known customer, queued for the server', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: customer('cust-jane', { name: 'Jane Doe', identities: [{ kind: 'twitter', value: 'jane_doe' }] }) },
    ]);
    const { capture } = setup();
    const result = await capture(tweet());
    expect(result).toMatchObject({
      status: 'created',
      customerId: 'cust-jane',
      customerName: 'Jane Doe',
      customerCreated: false,
      redacted: null,
      pending: true,
    });
    expect((await db().cases.get(result.caseId))?.source.externalId).toBe('1861234567890123456');
  });

  it('returns the existing case when the same source is captured again, and writes nothing', async () => {
    const { capture, write } = setup();
    const first = await capture(tweet());
    expect(first).toMatchObject({ status: 'created', customerCreated: true, customerName: 'Jane Doe' });
    const again = await capture(tweet({ text: 'Captured twice' }));
    expect(again).toEqual({ ...first, status: 'existing', customerCreated: false, redacted: null });
    expect(write).toHaveBeenCalledOnce();
    expect(await db().cases.count()).toBe(1);
  });

  it('says the existing case has reached the server once its writes are confirmed', async () => {
    const { capture } = setup();
    const first = await capture(tweet());
    await db().outbox.clear();
    expect((await capture(tweet())).pending).toBe(false);
    expect(first.pending).toBe(true);
  });

  it('sets the deadline from the team’s service levels as last synced', async () => {
    const policy = mergeSlaPolicy({ social: { high: { firstResponseMinutes: 15, resolutionMinutes: 240 } } });
    await refreshSlaPolicies(
      db(),
      fakeApi({ slaPolicies: async () => ({ defaults: DEFAULT_SLA_POLICY, teams: [{ teamId: 'team-care', policy, overrides: {}, updatedAt: null }] }) }),
    );
    const { capture } = setup();
    expect((await capture(tweet())).slaDueAt).toBe('2026-11-22T10:15:00.000Z');
  });

  it('redacts with the agent’s settings', async () => {
    const handlers = createCaptureHandlers({
      db: db(),
      agent: async () => ({ id: 'u-ana', name: 'Ana', teamIds: ['team-care'] }),
      write: (writes) => writeLocal(db(), writes),
      getRedaction: async () => ({ ...DEFAULT_REDACTION, card: false }),
      now: () => new Date(AT),
    });
    const result = await handlers['capture.create']({ capture: tweet({ text: 'Card 4111 1111 1111 1111 was charged' }) }, sender);
    expect(result.redacted).toBeNull();
  });

  it('redacts with the team’s options once synced, and previews exactly what saving removes', async () => {
    await saveTeamRedaction(db(), [{ teamId: 'team-care', options: { ...DEFAULT_REDACTION, email: true }, updatedAt: AT }]);
    const handlers = createCaptureHandlers({
      db: db(),
      agent: async () => ({ id: 'u-ana', name: 'Ana', teamIds: ['team-care'] }),
      write: (writes) => writeLocal(db(), writes),
      getRedaction: async () => ({ ...DEFAULT_REDACTION, secret: false }),
      now: () => new Date(AT),
    });
    const text = 'Reach me at jane@example.com, my key is sk_live_51HxQk2eZvKYlo2C0aBcDeFgHiJk';
    const preview = await handlers['capture.redactPreview']({ texts: [text, 'Key leaked'] }, sender);
    expect(preview.items).toEqual([
      { kind: 'secret', excerpt: 'sk_l…HiJk' },
      { kind: 'email', excerpt: 'jane@example.com' },
    ]);
    const result = await handlers['capture.create']({ capture: tweet({ text }) }, sender);
    expect(result.redacted).toBe('Removed before saving: 1 secret, 1 email address.');
  });

  it('refuses on a device nobody signed in on', async () => {
    const { capture } = setup([]);
    await expect(capture(tweet())).rejects.toMatchObject({ code: 'signed_out' });
  });
});

describe('capture.find', () => {
  it('finds the case made from a source, and nothing for another', async () => {
    const { capture, handlers } = setup();
    const { caseId } = await capture(tweet());
    expect(await handlers['capture.find']({ site: 'twitter', externalId: '1861234567890123456' }, sender)).toEqual({ caseId, pending: true });
    expect(await handlers['capture.find']({ site: 'twitter', externalId: '1' }, sender)).toEqual({ caseId: null, pending: false });
  });
});
