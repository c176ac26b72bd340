// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useBrowserLanguage } from '../../lib/i18n/test-setup';
import { DEFAULT_ASSIGNMENT, type TeamAssignment } from '../../lib/schema/assignment';

const assignment: TeamAssignment = {
  teamId: 'team-care',
  settings: { ...DEFAULT_ASSIGNMENT, matchSkills: true },
  updatedAt: null,
  agents: [],
};
const send = vi.fn(async (name: string): Promise<unknown> => {
  if (name === 'assignment.team') return assignment;
  throw new Error(`unexpected ${name}`);
});
vi.mock('../../lib/messaging/browser', () => ({ send: (name: string) => send(name) }));
const { teams } = await import('../../lib/manager/state');
const { AssignmentView } = await import('./AssignmentView');

const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe('the assignment view', () => {
  const root = document.createElement('div');
  afterEach(() => {
    render(null, root);
    useBrowserLanguage('en');
  });

  const matchOptions = async () => {
    teams.value = [{ id: 'team-care', name: 'Care' } as (typeof teams.value)[number]];
    render(<AssignmentView />, root);
    // The team's settings load once the view's effects have run.
    await settle();
    await settle();
    const boxes = ['skills', 'language'].map((m) => root.querySelector<HTMLInputElement>(`[data-testid="manager-assignment-match-${m}"]`));
    return boxes.map((box) => ({ label: box?.parentElement?.textContent?.trim(), checked: box?.checked }));
  };

  it('names the match options in English as before', async () => {
    expect(await matchOptions()).toEqual([
      { label: 'skills', checked: true },
      { label: 'language', checked: false },
    ]);
  });

  it('names the match options in the browser’s language (German here)', async () => {
    useBrowserLanguage('de');
    expect((await matchOptions()).map((o) => o.label)).toEqual(['Fähigkeiten', 'Sprache']);
  });
});
