import { describe, expect, it } from 'vitest';
import { type Candidate, pickAssignee } from './pick';

const agents = (...open: number[]): Candidate[] => open.map((openCases, i) => ({ id: `user-${String.fromCharCode(97 + i)}`, openCases }));

/** Assigns `count` cases one after another, as the server does, counting each one into its agent's load. */
function assignInSequence(mode: 'round_robin' | 'load_balanced', start: Candidate[], count: number, capacity: number | null = null): (string | null)[] {
  const load = start.map((c) => ({ ...c }));
  let last: string | null = null;
  const out: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const id = pickAssignee(mode, load, { capacity, lastAssigneeId: last });
    out.push(id);
    const chosen = load.find((c) => c.id === id);
    if (chosen) {
      chosen.openCases++;
      last = chosen.id;
    }
  }
  return out;
}

describe('pickAssignee', () => {
  it('leaves every case in the pool in manual mode', () => {
    expect(pickAssignee('manual', agents(0, 0), { capacity: null, lastAssigneeId: null })).toBeNull();
  });

  it('round-robin gives consecutive cases to each available agent in turn, whatever their load', () => {
    expect(assignInSequence('round_robin', agents(5, 0, 9), 4)).toEqual(['user-a', 'user-b', 'user-c', 'user-a']);
  });

  it('round-robin moves on from the last assignee even when that agent is no longer a candidate', () => {
    const withoutB = agents(0, 0, 0).filter((c) => c.id !== 'user-b');
    expect(pickAssignee('round_robin', withoutB, { capacity: null, lastAssigneeId: 'user-b' })).toBe('user-c');
    expect(pickAssignee('round_robin', withoutB, { capacity: null, lastAssigneeId: 'user-c' })).toBe('user-a');
  });

  it('load-balanced gives each case to the agent with the fewest open cases, ties in turn', () => {
    expect(assignInSequence('load_balanced', agents(3, 1, 1), 4)).toEqual(['user-b', 'user-c', 'user-b', 'user-c']);
  });

  it('passes over agents at capacity and leaves the case in the pool when all are full', () => {
    expect(assignInSequence('round_robin', agents(1, 2, 0), 3, 2)).toEqual(['user-a', 'user-c', 'user-c']);
    expect(pickAssignee('load_balanced', agents(2, 2), { capacity: 2, lastAssigneeId: null })).toBeNull();
    expect(pickAssignee('round_robin', [], { capacity: null, lastAssigneeId: 'user-a' })).toBeNull();
  });
});

describe('skills and language matching', () => {
  const team: Candidate[] = [
    { id: 'user-a', openCases: 0, skills: ['billing'], languages: ['en'] },
    { id: 'user-b', openCases: 0, skills: ['esim', 'billing'], languages: ['de', 'en'] },
    { id: 'user-c', openCases: 0, skills: [], languages: ['pt-BR'] },
  ];
  const both = { capacity: null, lastAssigneeId: null, matchSkills: true, matchLanguage: true };

  it('round-robin takes turns among the agents with the case’s skills, past those without', () => {
    const rules = { ...both, matchLanguage: false, needs: { tags: ['Billing', 'vip'], language: null } };
    expect(pickAssignee('round_robin', team, { ...rules, lastAssigneeId: 'user-a' })).toBe('user-b');
    expect(pickAssignee('round_robin', team, { ...rules, lastAssigneeId: 'user-b' })).toBe('user-a');
  });

  it('matches the customer’s language on its primary subtag', () => {
    expect(pickAssignee('round_robin', team, { ...both, needs: { tags: [], language: 'pt' } })).toBe('user-c');
    expect(pickAssignee('round_robin', team, { ...both, needs: { tags: ['esim'], language: 'de-AT' } })).toBe('user-b');
  });

  it('load-balanced picks the least loaded of the matching agents, not of the team', () => {
    const loaded = team.map((c) => ({ ...c, openCases: c.id === 'user-b' ? 4 : 0 }));
    expect(pickAssignee('load_balanced', loaded, { ...both, needs: { tags: ['esim'], language: null } })).toBe('user-b');
  });

  it('falls back to every available agent when none matches, and ignores the case when the team does not match', () => {
    expect(pickAssignee('round_robin', team, { ...both, needs: { tags: [], language: 'fr' }, lastAssigneeId: 'user-a' })).toBe('user-b');
    const off = { capacity: null, lastAssigneeId: 'user-a', needs: { tags: ['esim'], language: 'pt' } };
    expect(pickAssignee('round_robin', team, off)).toBe('user-b');
    expect(pickAssignee('round_robin', team, { ...off, lastAssigneeId: 'user-b' })).toBe('user-c');
  });

  it('never passes capacity for a match: a full specialist leaves the case to the others', () => {
    const full = team.map((c) => ({ ...c, openCases: c.id === 'user-b' ? 2 : 0 }));
    expect(pickAssignee('round_robin', full, { ...both, capacity: 2, needs: { tags: ['esim'], language: null } })).toBe('user-a');
  });
});
