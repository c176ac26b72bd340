// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useBrowserLanguage } from '../../lib/i18n/test-setup';
import type { AccessLogEntry, TeamRetention } from '../../lib/schema/privacy';

const entry = (fields: Partial<AccessLogEntry>): AccessLogEntry => ({
  id: '1',
  at: '2026-11-20T10:00:00.000Z',
  userId: 'user-ada',
  userName: 'Ada Admin',
  teamId: 'team-care',
  customerId: null,
  action: 'retention_run',
  surface: null,
  field: null,
  reason: null,
  details: null,
  ...fields,
});

const ENTRIES: AccessLogEntry[] = [
  entry({
    id: '3',
    action: 'erased',
    customerId: 'cust-jane-doe',
    reason: 'Anfrage #4711 per E-Mail',
    details: { removed: { customers: 1, interactions: 3, cases: 2, screenshots: 1 } },
  }),
  entry({ id: '2', details: { days: 365, removed: { customers: 0, interactions: 12, cases: 1, screenshots: 0 } } }),
  // Written before the counts were data: the server's sentence, shown as stored.
  entry({ id: '1', reason: 'older than 30 days: 1 interaction, 0 cases, 0 screenshots' }),
];
const TEAMS: TeamRetention[] = [
  {
    teamId: 'team-care',
    teamName: 'Care',
    days: 365,
    updatedAt: null,
    updatedBy: null,
    lastRun: { at: '2026-11-20T10:00:00.000Z', summary: null, details: { days: 365, removed: { customers: 0, interactions: 12, cases: 1, screenshots: 0 } } },
  },
];

const send = vi.fn(async (name: string) => (name === 'manager.accessLog' ? { entries: ENTRIES, retentionDays: 365 } : { teams: TEAMS }));
vi.mock('../../lib/messaging/browser', () => ({ send: (name: string) => send(name) }));
const { AccessLogView } = await import('./AccessLogView');
const { RetentionView } = await import('./RetentionView');

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 10)));

describe('what retention runs and erasures removed, in the console', () => {
  const root = document.createElement('div');
  afterEach(() => {
    render(null, root);
    useBrowserLanguage('en');
  });

  const reasons = () => [...root.querySelectorAll('[data-testid="access-log-reason"]')].map((cell) => cell.textContent);

  it('words the access log’s counts in German beside the admin’s own reason, and keeps an old entry’s stored sentence', async () => {
    useBrowserLanguage('de');
    await act(async () => render(<AccessLogView />, root));
    await settle();
    expect(reasons()).toEqual([
      'Anfrage #4711 per E-Mail (gelöscht: 1 Kunde, 3 Interaktionen, 2 Fälle, 1 Screenshot)',
      'älter als 365 Tage: 12 Interaktionen, 1 Fall, 0 Screenshots',
      'older than 30 days: 1 interaction, 0 cases, 0 screenshots',
    ]);
  });

  it('words them in English for an English reader', async () => {
    await act(async () => render(<AccessLogView />, root));
    await settle();
    expect(reasons().slice(0, 2)).toEqual([
      'Anfrage #4711 per E-Mail (erased: 1 customer, 3 interactions, 2 cases, 1 screenshot)',
      'older than 365 days: 12 interactions, 1 case, 0 screenshots',
    ]);
  });

  it('shows a team’s last retention run in German', async () => {
    useBrowserLanguage('de');
    await act(async () => render(<RetentionView />, root));
    await settle();
    expect(root.querySelector('[data-testid="retention-last-summary"]')?.textContent).toBe('älter als 365 Tage: 12 Interaktionen, 1 Fall, 0 Screenshots');
  });
});
