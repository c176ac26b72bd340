// @vitest-environment happy-dom
// The queue's rendered window under live changes: rows moving in and out of it, rows changing inside it, and the
// selection, which the list's memo must not lose (it skips re-rendering when the window holds the same rows).
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { queueRow } from '../lib/queue/test-rows';
import type { QueueCase } from '../lib/schema/queue';
import { type QueueActions, QueueList } from './QueueList';

const root = document.createElement('div');
const noop = () => {};
const actions: QueueActions = { onSelect: noop, onOpen: noop, onClaim: noop, onRelease: noop, onAssign: noop, onReply: noop, onDismissConflict: noop };
const names = new Map([['user-bea', 'Bea Berg']]);
const presence = new Map();
const teammates = [{ id: 'user-bea', name: 'Bea Berg', email: 'bea@x', role: 'agent' as const, teamIds: ['team-care'] }];

const draw = (rows: readonly QueueCase[], selectedId: string | null = null) =>
  render(
    <QueueList rows={rows} selectedId={selectedId} meId="user-me" names={names} presence={presence} teammates={teammates} actions={actions} pageSize={40} />,
    root,
  );
const shownIds = () => [...root.querySelectorAll('[data-testid="tandem-queue-row"]')].map((li) => li.getAttribute('data-case-id'));
const more = () => root.querySelector('.tdm-queue-more')?.textContent ?? null;
const selectedIds = () => [...root.querySelectorAll('[aria-selected="true"]')].map((li) => li.getAttribute('data-case-id'));

const rows = Array.from({ length: 60 }, (_, i) => queueRow(`case-${String(i).padStart(2, '0')}`));
const ids = (from: number, to: number) => rows.slice(from, to).map((r) => r.id);

describe('QueueList under live changes', () => {
  afterEach(() => render(null, root));

  it('keeps the window when a change lands outside it, and says how many rows are left', () => {
    draw(rows);
    expect(shownIds()).toEqual(ids(0, 40));
    expect(more()).toBe('Show 20 more of 20');
    draw(rows.filter((r) => r.id !== 'case-56'));
    expect(shownIds()).toEqual(ids(0, 40));
    expect(more()).toBe('Show 19 more of 19');
  });

  it('shows a row that moves into the window in its place, and lets the last one go', () => {
    draw(rows);
    const late = { ...rows[56]!, version: 2 };
    draw([late, ...rows.filter((r) => r.id !== 'case-56')]);
    expect(shownIds()).toEqual(['case-56', ...ids(0, 39)]);
  });

  it('shows what changed on a row inside the window', () => {
    draw(rows);
    const claimed = { ...rows[1]!, assigneeId: 'user-bea', version: 2 };
    draw(rows.map((r) => (r.id === 'case-01' ? claimed : r)));
    const assignees = [...root.querySelectorAll('[data-testid="tandem-queue-assignee"]')].map((el) => el.textContent);
    expect(assignees.slice(0, 3)).toEqual(['Unassigned', 'Claimed by Bea Berg', 'Unassigned']);
  });

  it('moves the selection over the same rows, and renders down to a selected row past the window', () => {
    draw(rows);
    draw(rows, 'case-01');
    expect(selectedIds()).toEqual(['case-01']);
    draw(rows, 'case-02');
    expect(selectedIds()).toEqual(['case-02']);
    draw(rows, 'case-45');
    expect(shownIds()).toEqual(ids(0, 60));
    expect(selectedIds()).toEqual(['case-45']);
  });
});
