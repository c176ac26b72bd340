import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, slaDueAt } from '../../lib/cases/sla-policy';
import type { MutationResult } from '../../lib/schema/api';
import type { Case } from '../../lib/schema/entities';
import { SlaPoliciesResponse, TeamCalendar, TeamSlaPolicy } from '../../lib/schema/sla';
import { DEMO_CLOCK } from '../seed/demo';
import { addUser, appForSuite, appliedChange, createCase, ENGINES, expectError, expectOk } from '../testing';

// Before the server's clock (DEMO_CLOCK, 09:00): a clock starts at the capture's time, never later than the server's.
const CREATED = '2026-11-20T08:00:00.000Z';
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
    // The server sets the deadline, whatever the extension computed offline; null still means the case has no SLA.
    expect(record(await newCase({ slaDueAt: plus(999) })).slaDueAt).toBe(plus(10));
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

const BERLIN_OFFICE = {
  timeZone: 'Europe/Berlin',
  hours: {
    sun: [],
    mon: [{ from: '09:00', to: '17:00' }],
    tue: [{ from: '09:00', to: '17:00' }],
    wed: [{ from: '09:00', to: '17:00' }],
    thu: [{ from: '09:00', to: '17:00' }],
    fri: [{ from: '09:00', to: '17:00' }],
    sat: [],
  },
  holidays: [{ date: '2026-12-24', name: 'Christmas Eve', yearly: true }],
};

describe.each(ENGINES)('business calendars and case clocks on %s', (engine) => {
  // The server's clock, moved by each step (Friday 20 November 2026, 19:00 in Berlin, to begin with).
  let clock = new Date('2026-11-20T18:00:00.000Z');
  const { db, api } = appForSuite(engine, { now: () => clock });
  let alex: string;
  let morgan: string;
  let billy: string;

  beforeAll(async () => {
    await addUser(db(), { id: 'user-billy', email: 'billy@tandem.demo', name: 'Billy Boss', role: 'manager', teamIds: ['team-billing'] });
    alex = await api.signIn('agent@tandem.demo');
    morgan = await api.signIn('manager@tandem.demo');
    billy = await api.signIn('billy@tandem.demo');
  });

  const putCalendar = (teamId: string, token: string, body: unknown) => api.put(`/sla/calendars/${teamId}`, token, body);
  const caseRow = async (id: string) => (await db().query<{ data: Case }>('select data from cases where id = $1', [id])).rows[0]?.data as Case;
  const interaction = (caseId: string, direction: 'inbound' | 'outbound') => ({
    entity: 'interactions',
    op: 'create',
    recordId: `int-${randomUUID()}`,
    data: {
      teamId: 'team-care',
      customerId: 'cust-jane-doe',
      caseId,
      channel: 'chat',
      visibility: 'private',
      direction,
      text: direction === 'inbound' ? 'Any news?' : 'We are on it.',
      occurredAt: clock.toISOString(),
    },
  });

  it('lets only managers of the team set a calendar, and refuses calendars that cannot be counted in', async () => {
    await expectError(await putCalendar('team-care', alex, BERLIN_OFFICE), 403, 'forbidden');
    await expectError(await putCalendar('team-care', billy, BERLIN_OFFICE), 403, 'forbidden');
    for (const bad of [
      { ...BERLIN_OFFICE, timeZone: 'Mars/Olympus_Mons' },
      {
        ...BERLIN_OFFICE,
        hours: {
          ...BERLIN_OFFICE.hours,
          mon: [
            { from: '09:00', to: '12:00' },
            { from: '11:00', to: '13:00' },
          ],
        },
      },
      { ...BERLIN_OFFICE, hours: { ...BERLIN_OFFICE.hours, mon: [{ from: '17:00', to: '09:00' }] } },
      { ...BERLIN_OFFICE, hours: Object.fromEntries(Object.keys(BERLIN_OFFICE.hours).map((d) => [d, []])) },
      { ...BERLIN_OFFICE, holidays: [{ date: '2026-02-30', name: 'Never' }] },
    ]) {
      await expectError(await putCalendar('team-care', morgan, bad), 400, 'invalid_request');
    }
    const listed = await expectOk(await api.get('/sla/policies', alex), SlaPoliciesResponse);
    expect(listed.calendars).toEqual([{ teamId: 'team-care', calendar: null, updatedAt: null }]);
  });

  it('counts a Friday-evening case’s first response from Monday morning, and stops the clock while it is pending', async () => {
    const saved = await expectOk(await putCalendar('team-care', morgan, BERLIN_OFFICE), TeamCalendar);
    expect(saved.calendar?.timeZone).toBe('Europe/Berlin');
    const listed = await expectOk(await api.get('/sla/policies', alex), SlaPoliciesResponse);
    expect(listed.calendars?.[0]?.calendar).toEqual(BERLIN_OFFICE);

    // Live chat, normal: one business hour. Captured at 19:00 on Friday: due at 10:00 on Monday in Berlin.
    const created = appliedChange(await api.pushOne(alex, createCase({ createdAt: clock.toISOString() }))).record as Case;
    expect(created.slaDueAt).toBe('2026-11-23T09:00:00.000Z');
    expect(created.slaClock?.response).toMatchObject({ kind: 'first', targetMinutes: 60, usedMinutes: 0 });

    // Monday 09:30 in Berlin, half an hour used: the agent asks the customer and sets the case pending.
    clock = new Date('2026-11-23T08:30:00.000Z');
    alex = await api.signIn('agent@tandem.demo'); // the weekend outlived Friday's session
    const pending = appliedChange(
      await api.pushOne(alex, { entity: 'cases', op: 'update', recordId: created.id, baseVersion: created.version, patch: { status: 'pending' } }),
    ).record as Case;
    expect(pending.slaDueAt).toBeNull();
    expect(pending.slaClock?.response).toMatchObject({ usedMinutes: 30, runningSince: null, dueAt: null });

    // The customer writes at 13:00: the case is open again with its 30 minutes left.
    clock = new Date('2026-11-23T12:00:00.000Z');
    appliedChange(await api.pushOne(alex, interaction(created.id, 'inbound')));
    const resumed = await caseRow(created.id);
    expect(resumed.status).toBe('open');
    expect(resumed.slaDueAt).toBe('2026-11-23T12:30:00.000Z');

    // The agent answers at 13:10 (met); the customer writes again at 14:00, which starts a next-response target.
    clock = new Date('2026-11-23T12:10:00.000Z');
    appliedChange(await api.pushOne(alex, interaction(created.id, 'outbound')));
    expect((await caseRow(created.id)).slaClock?.response).toBeNull();
    clock = new Date('2026-11-23T13:00:00.000Z');
    appliedChange(await api.pushOne(alex, interaction(created.id, 'inbound')));
    const next = await caseRow(created.id);
    expect(next.slaClock?.response).toMatchObject({ kind: 'next', dueAt: '2026-11-23T14:00:00.000Z' });
    // The first-response deadline stays what the reports count against.
    expect(next.slaDueAt).toBe('2026-11-23T12:30:00.000Z');

    // Solved: nothing runs any more; the clock keeps how each stopped target ended (the next response, still owed, none).
    const solved = appliedChange(
      await api.pushOne(alex, { entity: 'cases', op: 'update', recordId: created.id, baseVersion: next.version, patch: { status: 'solved' } }),
    ).record as Case;
    expect(solved.slaClock).toEqual({
      response: null,
      resolution: null,
      outcomes: [
        { target: 'first', met: true, at: '2026-11-23T12:10:00.000Z', dueAt: '2026-11-23T12:30:00.000Z' },
        { target: 'resolution', met: true, at: '2026-11-23T13:00:00.000Z', dueAt: expect.any(String) },
      ],
    });
  });

  it('lets a manager remove the calendar: clocks run around the clock again', async () => {
    clock = new Date('2026-11-20T18:00:00.000Z');
    alex = await api.signIn('agent@tandem.demo');
    morgan = await api.signIn('manager@tandem.demo');
    const res = await api.post('/sla/calendars/team-care/delete', morgan);
    expect(await expectOk(res, TeamCalendar)).toEqual({ teamId: 'team-care', calendar: null, updatedAt: null });
    const created = appliedChange(await api.pushOne(alex, createCase({ createdAt: clock.toISOString() }))).record as Case;
    expect(created.slaDueAt).toBe('2026-11-20T19:00:00.000Z');
  });
});
