import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, slaDueAt } from '../../lib/cases/sla-policy';
import type { MutationResult } from '../../lib/schema/api';
import { SlaPoliciesResponse, TeamSlaPolicy } from '../../lib/schema/sla';
import { DEMO_CLOCK } from '../seed/demo';
import { addUser, appForSuite, appliedChange, createCase, ENGINES, expectError, expectOk } from '../testing';

const CREATED = '2026-11-20T10:00:00.000Z';
const plus = (minutes: number) => new Date(Date.parse(CREATED) + minutes * 60_000).toISOString();

describe.each(ENGINES)('sla routes on %s', (engine) => {
  const { db, api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  let alex: string;
  let morgan: string;
  let billy: string;

  beforeAll(async () => {
    // A manager of team-billing only.
    await addUser(db(), { id: 'user-billy', email: 'billy@tandem.demo', name: 'Billy Boss', role: 'manager', teamIds: ['team-billing'] });
    alex = await api.signIn('agent@tandem.demo');
    morgan = await api.signIn('manager@tandem.demo');
    billy = await api.signIn('billy@tandem.demo');
  });

  const put = (teamId: string, token: string, body: unknown) => api.put(`/sla/policies/${teamId}`, token, body);
  const careRows = async () => (await db().query<{ n: number }>("select count(*)::int as n from sla_policies where team_id = 'team-care'")).rows[0]?.n;
  const record = (r: MutationResult) => appliedChange(r).record as Record<string, unknown>;
  const newCase = (fields: Record<string, unknown> = {}) => api.pushOne(alex, createCase({ subject: 'SLA test', createdAt: CREATED, ...fields }));

  it('returns the defaults for each of the caller’s teams until a manager sets a policy', async () => {
    const body = await expectOk(await api.get('/sla/policies', alex), SlaPoliciesResponse);
    expect(body.defaults).toEqual(DEFAULT_SLA_POLICY);
    expect(body.teams).toEqual([{ teamId: 'team-care', policy: DEFAULT_SLA_POLICY, overrides: {}, updatedAt: null }]);
    expect(DEFAULT_SLA_POLICY.live.normal.firstResponseMinutes).toBe(60);
    expect(record(await newCase()).slaDueAt).toBe(slaDueAt('chat', 'normal', CREATED));
  });

  it('refuses agents, managers of another team and bad input, writing nothing', async () => {
    const good = { live: { normal: { firstResponseMinutes: 10, resolutionMinutes: 120 } } };
    await expectError(await put('team-care', alex, good), 403, 'forbidden');
    await expectError(await put('team-care', billy, good), 403, 'forbidden');
    for (const bad of [
      { live: { normal: { firstResponseMinutes: 10, resolutionMinutes: 120, extra: 1 } } },
      { chatty: {} },
      { live: { asap: { firstResponseMinutes: 10, resolutionMinutes: 120 } } },
      { live: { normal: { firstResponseMinutes: 0, resolutionMinutes: 120 } } },
      { live: { normal: { firstResponseMinutes: 1.5, resolutionMinutes: 120 } } },
      { live: { normal: { firstResponseMinutes: 10, resolutionMinutes: 10 ** 9 } } },
      { live: { normal: { firstResponseMinutes: 100, resolutionMinutes: 50 } } },
    ]) {
      await expectError(await put('team-care', morgan, bad), 400, 'invalid_request');
    }
    expect(await careRows()).toBe(0);
  });

  it('lets a manager set their team’s policy, which new cases and priority changes then use', async () => {
    const body = { live: { normal: { firstResponseMinutes: 10, resolutionMinutes: 120 }, urgent: { firstResponseMinutes: 5, resolutionMinutes: 60 } } };
    const saved = await expectOk(await put('team-care', morgan, body), TeamSlaPolicy);
    expect(saved.policy.live.normal).toEqual({ firstResponseMinutes: 10, resolutionMinutes: 120 });
    expect(saved.policy.ticket).toEqual(DEFAULT_SLA_POLICY.ticket);
    expect(await careRows()).toBe(2);

    const listed = await expectOk(await api.get('/sla/policies', morgan), SlaPoliciesResponse);
    expect(listed.teams.map((t) => t.teamId)).toEqual(['team-billing', 'team-care']);
    expect(listed.teams.find((t) => t.teamId === 'team-care')?.policy).toEqual(saved.policy);
    expect(listed.teams.find((t) => t.teamId === 'team-billing')?.policy).toEqual(DEFAULT_SLA_POLICY);

    const created = record(await newCase());
    expect(created.slaDueAt).toBe(plus(10));
    // An explicit slaDueAt (or null) on create still wins.
    expect(record(await newCase({ slaDueAt: null })).slaDueAt).toBeNull();

    const raised = record(
      await api.pushOne(alex, { entity: 'cases', op: 'update', recordId: created.id, baseVersion: created.version, patch: { priority: 'urgent' } }),
    );
    expect(raised.slaDueAt).toBe(plus(5));
    // A priority change with its own slaDueAt keeps that one.
    const own = record(
      await api.pushOne(alex, {
        entity: 'cases',
        op: 'update',
        recordId: created.id,
        baseVersion: raised.version,
        patch: { priority: 'low', slaDueAt: plus(999) },
      }),
    );
    expect(own.slaDueAt).toBe(plus(999));
    // Other edits leave the deadline alone.
    const renamed = record(
      await api.pushOne(alex, { entity: 'cases', op: 'update', recordId: created.id, baseVersion: own.version, patch: { subject: 'Renamed' } }),
    );
    expect(renamed.slaDueAt).toBe(plus(999));
    // Another priority change: recomputed from createdAt with the team policy (here its default entry).
    const high = record(
      await api.pushOne(alex, { entity: 'cases', op: 'update', recordId: created.id, baseVersion: renamed.version, patch: { priority: 'high' } }),
    );
    expect(high.slaDueAt).toBe(plus(DEFAULT_SLA_POLICY.live.high.firstResponseMinutes));

    // PUT replaces: an empty body restores the defaults.
    const reset = await expectOk(await put('team-care', morgan, {}), TeamSlaPolicy);
    expect(reset).toEqual({ teamId: 'team-care', policy: DEFAULT_SLA_POLICY, overrides: {}, updatedAt: null });
    expect(await careRows()).toBe(0);
  });
});
