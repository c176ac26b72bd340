// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { kase } from '../lib/db/test-fixtures';
import { CaseList } from './CaseList';

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
    render(<CaseList cases={[kase('case-1', 'cust-1', { notes: [note] }), kase('case-2', 'cust-1')]} />, root);
    const notes = [...root.querySelectorAll('[data-testid="tandem-case-note"]')];
    expect(notes.map((n) => n.textContent)).toEqual(['Workaround: Turn on <b>Wi-Fi Calling</b> until the mast is back.']);
    expect(root.querySelector('b')).toBeNull();
  });
});
