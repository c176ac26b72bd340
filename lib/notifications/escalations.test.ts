import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { kase, useTestDatabase } from '../db/test-fixtures';
import { useBrowserLanguage } from '../i18n/test-setup';
import type { Change, Role } from '../schema';
import type { SlaClock } from '../schema/sla-clock';
import { createEscalationNotifier, type EscalationNotice } from './escalations';

const db = useTestDatabase();
const NOW = new Date('2026-11-23T09:00:00.000Z');
const escalatedClock = (at: string): SlaClock => ({
  response: { kind: 'first', targetMinutes: 60, usedMinutes: 0, runningSince: '2026-11-23T08:00:00.000Z', dueAt: '2026-11-23T09:00:00.000Z', escalatedAt: at },
  resolution: null,
});
const change = (id: string, fields: Parameters<typeof kase>[2]): Change => ({ entity: 'cases', seq: 1, record: kase(id, 'c-jane', fields) });

function notifierFor(me: { id: string; role: Role; teamIds: string[] }) {
  const shown: EscalationNotice[] = [];
  const notifier = createEscalationNotifier({
    db: db(),
    now: () => NOW,
    me: async () => me,
    notify: async (n) => void shown.push(n),
  });
  return { notifier, shown };
}

describe('escalation notifications', () => {
  afterEach(() => useBrowserLanguage('en'));
  const escalated = change('k-1', { assigneeId: 'user-alex', subject: 'Refund stuck', slaClock: escalatedClock('2026-11-23T08:45:00.000Z') });

  it('tells the assignee once, however often the case is pulled again', async () => {
    const { notifier, shown } = notifierFor({ id: 'user-alex', role: 'agent', teamIds: ['team-care'] });
    notifier.onPulled([escalated]);
    notifier.onPulled([escalated]);
    await notifier.settled();
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('First reply escalated on your case');
    expect(shown[0]?.message).toContain('Refund stuck');
  });

  it('speaks the browser’s language (German here)', async () => {
    useBrowserLanguage('de');
    const { notifier, shown } = notifierFor({ id: 'user-alex', role: 'agent', teamIds: ['team-care'] });
    notifier.onPulled([escalated]);
    await notifier.settled();
    expect(shown[0]?.title).toBe('Erste Antwort eskaliert bei Ihrem Fall');
    expect(shown[0]?.message).toMatch(/^„Refund stuck“ hat den Großteil der Zielzeit für „Erste Antwort“ verbraucht \(fällig um .+\)\.$/);
  });

  it('tells the team’s managers, and no other agent of the team', async () => {
    const manager = notifierFor({ id: 'user-morgan', role: 'manager', teamIds: ['team-care'] });
    manager.notifier.onPulled([escalated]);
    await manager.notifier.settled();
    expect(manager.shown.map((n) => n.title)).toEqual(['First reply escalated']);

    const otherManager = notifierFor({ id: 'user-billy', role: 'manager', teamIds: ['team-billing'] });
    const colleague = notifierFor({ id: 'user-bea', role: 'agent', teamIds: ['team-care'] });
    for (const { notifier } of [otherManager, colleague]) notifier.onPulled([escalated]);
    await Promise.all([otherManager.notifier.settled(), colleague.notifier.settled()]);
    expect([...otherManager.shown, ...colleague.shown]).toEqual([]);
  });

  it('stays quiet about cases never escalated and about escalations an hour old when they arrive', async () => {
    const { notifier, shown } = notifierFor({ id: 'user-alex', role: 'agent', teamIds: ['team-care'] });
    notifier.onPulled([
      change('k-2', {
        assigneeId: 'user-alex',
        slaClock: { ...escalatedClock(NOW.toISOString()), response: { ...escalatedClock(NOW.toISOString()).response!, escalatedAt: undefined } },
      }),
      change('k-3', { assigneeId: 'user-alex', slaClock: escalatedClock('2026-11-23T07:59:00.000Z') }),
    ]);
    await notifier.settled();
    expect(shown).toEqual([]);
  });
});
