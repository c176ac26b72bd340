// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../lib/schema';
import { CaseList } from './CaseList';

const kase = (id: string, extra: Partial<Case> = {}): Case => ({
  id,
  version: 2,
  updatedAt: '2026-11-20T16:20:00.000Z',
  deleted: false,
  teamId: 'team-care',
  customerId: 'cust-1',
  subject: 'No signal in Leeds',
  status: 'open',
  priority: 'normal',
  channel: 'twitter',
  slaDueAt: null,
  assigneeId: null,
  tags: [],
  source: { url: null, site: 'twitter', externalId: null, pageTitle: null },
  createdAt: '2026-11-20T16:05:00.000Z',
  ...extra,
});

describe('CaseList', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('shows the workaround of the incident a case is linked to, as text', () => {
    const note = {
      kind: 'workaround',
      text: 'Turn on <b>Wi-Fi Calling</b> until the mast is back.',
      incidentId: 'inc-1',
      createdAt: '2026-11-20T16:20:00.000Z',
    } as const;
    render(<CaseList cases={[kase('case-1', { notes: [note] }), kase('case-2')]} />, root);
    const notes = [...root.querySelectorAll('[data-testid="tandem-case-note"]')];
    expect(notes.map((n) => n.textContent)).toEqual(['Workaround: Turn on <b>Wi-Fi Calling</b> until the mast is back.']);
    expect(root.querySelector('b')).toBeNull();
  });
});
