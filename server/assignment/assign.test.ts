import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MyAgentStatus, TeamAssignment } from '../../lib/schema/assignment';
import type { Case } from '../../lib/schema/entities';
import { addUser, appForSuite, appliedChange, createCase, ENGINES, expectError, expectOk } from '../testing';
import { returnAwayAgentsCases } from './assign';

const ROUND_ROBIN = { mode: 'round_robin', capacity: null, autoAwayMinutes: null, returnAfterMinutes: null } as const;

describe.each(ENGINES)('assignment of new cases on %s', (engine) => {
  let clock = new Date('2026-11-24T09:00:00.000Z');
  const { db, api } = appForSuite(engine, { now: () => clock });
  const minutesLater = (m: number) => new Date(Date.parse('2026-11-24T09:00:00.000Z') + m * 60_000);
  let bea = '';
  let morgan = '';

  beforeAll(async () => {
    // Two more agents of team-care beside the demo's Alex and Bea.
    await addUser(db(), { id: 'user-dana', email: 'dana@tandem.test', name: 'Dana Diaz', role: 'agent', teamIds: ['team-care'] });
    await addUser(db(), { id: 'user-eli', email: 'eli@tandem.test', name: 'Eli Eze', role: 'agent', teamIds: ['team-care'] });
    bea = await api.signIn('agent2@tandem.demo');
    morgan = await api.signIn('manager@tandem.demo');
  });

  beforeEach(async () => {
    clock = minutesLater(0);
    await db().query('delete from agent_status');
  });

  const setTeam = async (settings: Record<string, unknown>) =>
    expectOk(await api.put('/assignment/teams/team-care', morgan, { ...ROUND_ROBIN, ...settings }), TeamAssignment);
  const setStatus = async (token: string, status: string, reason = 'manual') =>
    expectOk(await api.put('/assignment/status', token, { status, reason }), MyAgentStatus);
  const capture = async () => (appliedChange(await api.pushOne(bea, createCase())).record as Case).assigneeId;

  it('round-robin gives three new cases to three available agents in turn and skips the one away', async () => {
    await setTeam({ mode: 'round_robin' });
    await setStatus(await api.signIn('agent@tandem.demo'), 'away');
    await db().query(`update assignment_settings set last_assignee_id = null`);
    expect([await capture(), await capture(), await capture()]).toEqual(['user-bea', 'user-dana', 'user-eli']);
    // The turn wraps round, still past Alex.
    expect(await capture()).toBe('user-bea');
  });

  it('leaves new cases in the pool in manual mode, and keeps an assignee the capture set', async () => {
    await setTeam({ mode: 'manual' });
    expect(await capture()).toBeNull();
    await setTeam({ mode: 'round_robin' });
    const own = appliedChange(await api.pushOne(bea, createCase({ assigneeId: 'user-alex' }))).record as Case;
    expect(own.assigneeId).toBe('user-alex');
  });

  it('load-balanced gives each case to the available agent with the fewest open cases, within capacity', async () => {
    await setTeam({ mode: 'load_balanced' });
    for (let i = 0; i < 3; i++) {
      const { agents } = await expectOk(await api.get('/assignment/teams/team-care', morgan), TeamAssignment);
      const fewest = Math.min(...agents.map((a) => a.openCases));
      const chosen = await capture();
      expect(agents.find((a) => a.id === chosen)?.openCases).toBe(fewest);
    }
    // Only Dana available, one case below capacity: she takes one, the next waits in the pool.
    const { agents } = await expectOk(await api.get('/assignment/teams/team-care', morgan), TeamAssignment);
    for (const email of ['agent@tandem.demo', 'agent2@tandem.demo', 'eli@tandem.test']) await setStatus(await api.signIn(email), 'away');
    await setTeam({ mode: 'load_balanced', capacity: (agents.find((a) => a.id === 'user-dana')?.openCases ?? 0) + 1 });
    expect(await capture()).toBe('user-dana');
    expect(await capture()).toBeNull();
  });

  it('assigns concurrent creates exactly in turn: no two read the same turn', async () => {
    await setTeam({ mode: 'round_robin' });
    const results = await Promise.all(Array.from({ length: 12 }, () => capture()));
    const perAgent = new Map<string | null, number>();
    for (const id of results) perAgent.set(id, (perAgent.get(id) ?? 0) + 1);
    expect(Object.fromEntries(perAgent)).toEqual({ 'user-alex': 3, 'user-bea': 3, 'user-dana': 3, 'user-eli': 3 });
  });

  it('matches skills and the customer’s language when the team asks, falling back to every available agent', async () => {
    await setTeam({
      mode: 'round_robin',
      matchSkills: true,
      matchLanguage: true,
      agentSkills: [
        { userId: 'user-alex', skills: ['Billing'], languages: ['en'] },
        { userId: 'user-bea', skills: ['esim'], languages: ['en', 'de'] },
        { userId: 'user-dana', skills: ['esim'], languages: ['pt-BR'] },
        { userId: 'user-eli', skills: [], languages: ['de'] },
      ],
    });
    const { agents } = await expectOk(await api.get('/assignment/teams/team-care', morgan), TeamAssignment);
    expect(agents.find((a) => a.id === 'user-alex')).toMatchObject({ skills: ['billing'], languages: ['en'] });
    await db().query(`update assignment_settings set last_assignee_id = null`);

    // A German customer captured with her case in one push: only Bea has both the eSIM skill and German.
    const captureFor = async (language: string, tags: string[]) => {
      const customerId = `cust-${crypto.randomUUID()}`;
      const customer = {
        teamId: 'team-care',
        name: 'Routed Customer',
        tier: 'standard',
        language,
        identities: [{ kind: 'email', value: `${customerId}@example.com` }],
      };
      const [, result] = await api.push(bea, { entity: 'customers', op: 'create', recordId: customerId, data: customer }, createCase({ customerId, tags }));
      return (appliedChange(result!).record as Case).assigneeId;
    };
    expect([await captureFor('de', ['esim']), await captureFor('de-AT', ['esim', 'vip'])]).toEqual(['user-bea', 'user-bea']);
    // Portuguese and eSIM: Dana; a billing question in German: nobody has both, so every available agent takes turns.
    expect(await captureFor('pt', ['esim'])).toBe('user-dana');
    expect(await captureFor('de', ['billing'])).toBe('user-eli');
    // Bea away: the German eSIM case falls back to the turn among everyone available.
    await setStatus(bea, 'away');
    expect(await captureFor('de', ['esim'])).toBe('user-alex');

    // Matching off: the case's needs count for nothing, the turn goes on.
    await setTeam({ mode: 'round_robin' });
    expect(await captureFor('de', ['esim'])).toBe('user-dana');
  });

  it('refuses skills for someone who is not an agent of the team', async () => {
    await expectError(
      await api.put('/assignment/teams/team-care', morgan, { ...ROUND_ROBIN, agentSkills: [{ userId: 'user-morgan', skills: ['x'], languages: [] }] }),
      400,
      'invalid_request',
    );
  });

  it('lets only managers set the mode, and refuses settings out of range', async () => {
    await expectError(await api.put('/assignment/teams/team-care', bea, ROUND_ROBIN), 403, 'forbidden');
    await expectError(await api.put('/assignment/teams/team-care', morgan, { ...ROUND_ROBIN, capacity: 0 }), 400, 'invalid_request');
    await expectError(await api.get('/assignment/teams/team-care', bea), 403, 'forbidden');
  });

  it('an idle signal sets an available agent away and brings back only an agent it set away', async () => {
    expect(await setStatus(bea, 'away', 'idle')).toMatchObject({ status: 'away', reason: 'idle', since: clock.toISOString() });
    expect(await setStatus(bea, 'available', 'idle')).toMatchObject({ status: 'available' });
    await setStatus(bea, 'away');
    // The agent chose away: coming back to the keyboard does not make them available.
    expect(await setStatus(bea, 'available', 'idle')).toMatchObject({ status: 'away', reason: 'manual' });
    expect(await setStatus(bea, 'available')).toMatchObject({ status: 'available' });
    await setTeam({ autoAwayMinutes: 10 });
    expect((await expectOk(await api.get('/assignment/status', bea), MyAgentStatus)).autoAwayMinutes).toBe(10);
  });

  it('returns an away agent’s open cases to the pool after the team’s time, not before, and nobody else’s', async () => {
    await setTeam({ mode: 'manual', returnAfterMinutes: 30 });
    const beasCase = appliedChange(await api.pushOne(bea, createCase({ assigneeId: 'user-bea' }))).record as Case;
    const danasCase = appliedChange(await api.pushOne(bea, createCase({ assigneeId: 'user-dana' }))).record as Case;
    await setStatus(bea, 'away');
    expect(await returnAwayAgentsCases(db(), minutesLater(29))).not.toContain(beasCase.id);
    const returned = await returnAwayAgentsCases(db(), minutesLater(30));
    expect(returned).toContain(beasCase.id);
    expect(returned).not.toContain(danasCase.id);
    const { rows } = await db().query<{ id: string; data: Case }>('select id, data from cases where id = any($1::text[])', [[beasCase.id, danasCase.id]]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.data.assigneeId]))).toEqual({ [beasCase.id]: null, [danasCase.id]: 'user-dana' });
  });
});
