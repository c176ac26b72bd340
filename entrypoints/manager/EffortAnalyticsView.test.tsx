// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { effortReport } from '../../lib/effort/report';
import { useBrowserLanguage } from '../../lib/i18n/test-setup';
import { teams } from '../../lib/manager/state';

// Two cases of team-care: a roaming case on email that hopped to X and back, and an untagged chat.
const REPORT = {
  teamId: 'team-care',
  from: '2026-12-07T00:00:00.000Z',
  to: '2026-12-21T00:00:00.000Z',
  ...effortReport(
    [
      { id: 'a', channel: 'email', tags: ['roaming'], createdAt: '2026-12-08T10:00:00.000Z' },
      { id: 'b', channel: 'chat', tags: [], createdAt: '2026-12-15T10:00:00.000Z' },
    ],
    [
      { caseId: 'a', channel: 'email', direction: 'inbound', occurredAt: '2026-12-08T10:00:00.000Z' },
      { caseId: 'a', channel: 'twitter', direction: 'inbound', occurredAt: '2026-12-09T10:00:00.000Z' },
      { caseId: 'a', channel: 'email', direction: 'inbound', occurredAt: '2026-12-10T10:00:00.000Z' },
      { caseId: 'b', channel: 'chat', direction: 'inbound', occurredAt: '2026-12-15T10:00:00.000Z' },
    ],
  ),
};
const send = vi.fn(async (name: string, _request: unknown): Promise<unknown> => {
  if (name === 'manager.effortReport') return REPORT;
  throw new Error(`unexpected ${name}`);
});
vi.mock('../../lib/messaging/browser', () => ({ send: (name: string, request: unknown) => send(name, request) }));
const { EffortAnalyticsView } = await import('./EffortAnalyticsView');

const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe('effort analytics in the console', () => {
  const root = document.createElement('div');
  document.body.append(root);
  afterEach(() => render(null, root));
  const $ = (testId: string) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);

  it('asks for the manager’s team and shows the totals, each dimension as a chart with its table, and exports the CSV', async () => {
    teams.value = [
      { id: 'team-other', name: 'Other', member: false },
      { id: 'team-care', name: 'Customer Care', member: true },
    ];
    await act(async () => render(<EffortAnalyticsView />, root));
    await act(async () => $('effort-show')?.click());
    await settle();
    expect(send).toHaveBeenCalledWith('manager.effortReport', expect.objectContaining({ teamId: 'team-care' }));
    expect($('effort-totals')?.textContent).toContain('2 cases, 4 customer messages: 2.00 contacts and 1.00 channel switches per case; on 50%');
    // The charts' tables: label, then contacts and switches per case (or the repeat share).
    const rows = (testId: string) =>
      [...($(testId)?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((cell) => cell.textContent).join(' | '));
    expect(rows('chart-effort-topic-per-case')).toEqual(['roaming (1 case) | 3 | 2', '(no tag) (1 case) | 1 | 0']);
    expect(rows('chart-effort-channel-repeat')).toEqual(['email (1 case) | 100%', 'chat (1 case) | 0%']);
    expect(rows('chart-effort-week-per-case')).toEqual(['Week of Dec 7, 2026 (1 case) | 3 | 2', 'Week of Dec 14, 2026 (1 case) | 1 | 0']);

    let saved: Blob | null = null;
    URL.createObjectURL = (blob: Blob) => {
      saved = blob;
      return 'blob:effort';
    };
    URL.revokeObjectURL = () => undefined;
    await act(async () => $('effort-export')?.click());
    const csv = await (saved as Blob | null)?.text();
    expect(csv?.split('\r\n').slice(0, 2)).toEqual([
      'by,key,cases,contacts,contacts_per_case,switches_per_case,repeat_share',
      'topic,roaming,1,3,3.0000,2.0000,1.0000',
    ]);
  });

  it('speaks German in a German browser: the totals, chart titles and week labels in German words and number formats', async () => {
    teams.value = [{ id: 'team-care', name: 'Customer Care', member: true }];
    useBrowserLanguage('de');
    try {
      await act(async () => render(<EffortAnalyticsView />, root));
      expect($('effort-show')?.textContent).toBe('Aufwand anzeigen');
      await act(async () => $('effort-show')?.click());
      await settle();
      expect($('effort-totals')?.textContent).toBe(
        '2 Fälle, 4 Kundennachrichten: 2,00 Kontakte und 1,00 Kanalwechsel pro Fall; bei 50\u00a0% hat der Kunde innerhalb von 7 Tagen erneut geschrieben.',
      );
      const firstCells = (testId: string) => [...($(testId)?.querySelectorAll('tbody tr') ?? [])].map((tr) => tr.children[0]?.textContent);
      expect(firstCells('chart-effort-week-per-case')).toEqual(['Woche ab 07.12.2026 (1 Fall)', 'Woche ab 14.12.2026 (1 Fall)']);
      expect(root.textContent).toContain('Aufwand pro Fall nach Kanal');
      expect(root.textContent).not.toMatch(/Effort per case|Week of|Show effort/);
    } finally {
      useBrowserLanguage('en');
    }
  });
});
