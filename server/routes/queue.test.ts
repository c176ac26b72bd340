import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult } from '../../lib/schema/api';
import { PresenceEvent, PresenceListResponse, RoutingRule, type RoutingRule as Rule, TeammatesResponse } from '../../lib/schema/queue';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, appliedChange, createCase, ENGINES, expectError, expectOk } from '../testing';
import { matchRule } from './queue';

const JANE_TWEET = 'case-jane-doe-tw';

describe.each(ENGINES)('queue routes on %s', (engine) => {
  let clock = DEMO_CLOCK.getTime();
  const { api } = appForSuite(engine, { now: () => new Date(clock), liveHeartbeatMs: 200 });
  let alex: string;
  let bea: string;
  let cy: string;
  let morgan: string;

  beforeAll(async () => {
    alex = await api.signIn('agent@tandem.demo');
    bea = await api.signIn('agent2@tandem.demo');
    cy = await api.signIn('billing@tandem.demo');
    morgan = await api.signIn('manager@tandem.demo');
  });

  const newCase = (token: string, fields: Record<string, unknown> = {}) => api.pushOne(token, createCase(fields));

  async function addRule(body: Record<string, unknown>, token = morgan): Promise<Rule> {
    return expectOk(await api.post('/queue/routing-rules', token, body), RoutingRule, 201);
  }

  it('lists the active people who share a team with the caller', async () => {
    const { teammates } = await expectOk(await api.get('/queue/teammates', alex), TeammatesResponse);
    expect(teammates.map((t) => t.name)).toEqual(['Ada Admin', 'Alex Agent', 'Bea Berg', 'Morgan Manager']);
    const billing = await expectOk(await api.get('/queue/teammates', cy), TeammatesResponse);
    expect(billing.teammates.map((t) => t.id)).not.toContain('user-bea');
  });

  it("tells the case's team who is viewing or replying, over the live stream and on request", async () => {
    const live = await api.openLive(bea);
    try {
      await live.until((t) => t.includes(': connected'));
      await expectOk(await api.post('/queue/presence', alex, { caseId: JANE_TWEET, state: 'replying' }), PresenceEvent);
      await live.until((t) => t.includes('event: presence'));
      expect(PresenceEvent.parse(live.events('presence')[0])).toMatchObject({
        caseId: JANE_TWEET,
        userId: 'user-alex',
        userName: 'Alex Agent',
        state: 'replying',
        teamId: 'team-care',
      });
      const { presence } = await expectOk(await api.get('/queue/presence', bea), PresenceListResponse);
      expect(presence).toEqual([expect.objectContaining({ caseId: JANE_TWEET, userId: 'user-alex', state: 'replying' })]);
      // Another team sees none of it, and may not announce itself on a case it cannot see.
      expect((await expectOk(await api.get('/queue/presence', cy), PresenceListResponse)).presence).toEqual([]);
      await expectError(await api.post('/queue/presence', cy, { caseId: JANE_TWEET, state: 'viewing' }), 404, 'not_found');
      // Leaving ends it at once; otherwise it lapses after the TTL.
      await api.post('/queue/presence', alex, { caseId: JANE_TWEET, state: 'left' });
      await live.until((t) => t.includes('"state":"left"'));
      expect((await expectOk(await api.get('/queue/presence', bea), PresenceListResponse)).presence).toEqual([]);
      await api.post('/queue/presence', alex, { caseId: JANE_TWEET, state: 'viewing' });
      clock += 31_000;
      expect((await expectOk(await api.get('/queue/presence', bea), PresenceListResponse)).presence).toEqual([]);
    } finally {
      live.close();
    }
  });

  it('refuses a claim that crosses an earlier one: the second claimant gets a conflict showing who has it', async () => {
    const { id, version } = appliedChange(await newCase(alex)).record;
    const first = await api.pushOne(alex, { entity: 'cases', op: 'update', recordId: id, baseVersion: version, patch: { assigneeId: 'user-alex' } });
    expect(first.status).toBe('applied');
    const second = await api.pushOne(bea, { entity: 'cases', op: 'update', recordId: id, baseVersion: version, patch: { assigneeId: 'user-bea' } });
    expect(second).toMatchObject({ status: 'conflict', fields: ['assigneeId'] });
    if (second.status === 'conflict' && second.current.entity === 'cases') expect(second.current.record.assigneeId).toBe('user-alex');
    // Releasing on top of the current version works, and then Bea may claim it.
    const release = await api.pushOne(alex, { entity: 'cases', op: 'update', recordId: id, baseVersion: version + 1, patch: { assigneeId: null } });
    expect(release.status).toBe('applied');
    expect((await api.pushOne(bea, { entity: 'cases', op: 'update', recordId: id, baseVersion: version + 2, patch: { assigneeId: 'user-bea' } })).status).toBe(
      'applied',
    );
  });

  it('lets managers, not agents, set routing rules, with targets that exist', async () => {
    await expectError(
      await api.post('/queue/routing-rules', alex, { teamId: 'team-care', name: 'x', match: {}, target: { kind: 'person', userId: 'user-bea' } }),
      403,
      'forbidden',
    );
    await expectError(
      await api.post('/queue/routing-rules', morgan, { teamId: 'team-care', name: 'x', match: {}, target: { kind: 'person', userId: 'user-cy' } }),
      400,
      'invalid_request',
    );
    await expectError(
      await api.post('/queue/routing-rules', morgan, { teamId: 'team-care', name: 'x', match: {}, target: { kind: 'team', teamId: 'team-nope' } }),
      400,
      'unknown_team',
    );
  });

  it('routes a new case by channel, tag, language or tier to the first matching rule, when it arrives unassigned', async () => {
    const tier = await addRule({
      teamId: 'team-care',
      name: 'Gold to Bea',
      position: 20,
      match: { tier: 'gold', channel: 'twitter' },
      target: { kind: 'person', userId: 'user-bea' },
    });
    await addRule({
      teamId: 'team-care',
      name: 'Refund chats to Alex',
      position: 10,
      match: { tag: 'refunds', channel: 'chat' },
      target: { kind: 'person', userId: 'user-alex' },
    });
    await addRule({
      teamId: 'team-care',
      name: 'German to Morgan',
      position: 30,
      match: { language: 'de' },
      target: { kind: 'person', userId: 'user-morgan' },
    });
    const assignee = async (r: MutationResult) =>
      r.status === 'applied' && r.change.entity === 'cases' ? r.change.record.assigneeId : `not applied: ${r.status}`;

    expect(await assignee(await newCase(alex, { channel: 'twitter' }))).toBe('user-bea'); // Jane is gold
    expect(await assignee(await newCase(alex, { channel: 'chat', tags: ['refunds'] }))).toBe('user-alex');
    expect(await assignee(await newCase(alex, { channel: 'chat' }))).toBe(null);
    expect(await assignee(await newCase(alex, { channel: 'email', customerId: 'cust-lena-vogel' }))).toBe('user-morgan'); // Lena speaks German
    // A case created already assigned keeps its assignee; a disabled rule does nothing.
    expect(await assignee(await newCase(alex, { channel: 'twitter', assigneeId: 'user-alex' }))).toBe('user-alex');
    await expectOk(await api.post(`/queue/routing-rules/${tier.id}`, morgan, { enabled: false }), RoutingRule);
    expect(await assignee(await newCase(alex, { channel: 'twitter' }))).toBe(null);
    const { rules } = (await (await api.get('/queue/routing-rules', alex)).json()) as { rules: Rule[] };
    expect(rules.map((r) => r.name)).toEqual(['Refund chats to Alex', 'Gold to Bea', 'German to Morgan']);
    for (const r of rules) await api.post(`/queue/routing-rules/${r.id}/delete`, morgan);
  });

  it('hands a case a rule routes to another team over, with the interactions pushed alongside it', async () => {
    const rule = await addRule({
      teamId: 'team-care',
      name: 'Billing tag to billing',
      match: { tag: 'billing-dispute' },
      target: { kind: 'team', teamId: 'team-billing' },
    });
    const caseId = `case-${randomUUID()}`;
    const results = await api.push(
      alex,
      { ...createCase({ subject: 'Disputed bill', priority: 'high', channel: 'email', tags: ['billing-dispute'] }), recordId: caseId },
      {
        entity: 'interactions',
        op: 'create',
        recordId: `int-${randomUUID()}`,
        data: {
          teamId: 'team-care',
          customerId: 'cust-jane-doe',
          caseId,
          channel: 'email',
          visibility: 'private',
          direction: 'inbound',
          text: 'My bill is wrong',
          occurredAt: DEMO_CLOCK.toISOString(),
        },
      },
    );
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const pulled = await api.pullAll(cy);
    const moved = pulled.changes.filter((c) => c.record.id === caseId || ('caseId' in c.record && c.record.caseId === caseId));
    expect(moved.map((c) => [c.entity, (c.record as { teamId: string }).teamId])).toEqual([
      ['cases', 'team-billing'],
      ['interactions', 'team-billing'],
    ]);
    await api.post(`/queue/routing-rules/${rule.id}/delete`, morgan);
  });
});

describe('matchRule', () => {
  const rule = (id: string, match: Rule['match'], enabled = true): Rule => ({
    id,
    teamId: 't',
    name: id,
    position: 0,
    enabled,
    match,
    target: { kind: 'person', userId: 'u' },
    updatedAt: DEMO_CLOCK.toISOString(),
  });
  it('needs every condition of a rule to hold and takes the first such rule', () => {
    const rules = [rule('off', {}, false), rule('tw-gold', { channel: 'twitter', tier: 'gold' }), rule('any', {})];
    expect(matchRule(rules, { channel: 'twitter', tags: [] }, { tier: 'gold', language: 'en' })?.id).toBe('tw-gold');
    expect(matchRule(rules, { channel: 'twitter', tags: [] }, { tier: 'silver', language: 'en' })?.id).toBe('any');
    expect(matchRule(rules.slice(0, 2), { channel: 'twitter', tags: [] }, null)).toBe(null);
  });
});
