// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer, PageContext, Resolution } from '../lib/schema';
import { ContextView } from './ContextView';

const context: PageContext = {
  site: 'generic',
  url: 'https://news.example.com/',
  identities: [{ kind: 'email', value: 'p1@example.com' }],
  displayName: null,
  recordId: null,
  subject: null,
  conversation: '',
  visibility: 'private',
  hasReplyBox: false,
};

describe('ContextView', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('asks the agent to pick one person when the tab has used its lookup budget', () => {
    render(<ContextView context={context} resolution={{ status: 'busy' }} compact onCreateContact={() => undefined} />, root);
    expect(root.textContent).toContain('This page shows many people; pick one.');
    expect(root.querySelector('button')).toBeNull();
  });

  const customer = (id: string, name: string): Customer => ({
    id,
    name,
    version: 1,
    updatedAt: '2026-11-01T00:00:00.000Z',
    deleted: false,
    teamId: 'team-care',
    identities: [{ kind: 'email', value: 'p1@example.com' }],
    tier: 'standard',
    currency: 'USD',
    language: 'en',
    tags: [],
    createdAt: '2026-11-01T00:00:00.000Z',
  });
  const matched: Resolution = {
    status: 'matched',
    view: { customer: customer('c-alex', 'Alex Carter'), openCases: [], timeline: [], matchedBy: context.identities },
    otherMatches: [
      { id: 'c-sam', name: 'Sam Carter', plausible: true },
      { id: 'c-far', name: 'Far Match' },
    ],
  };

  it('offers the plausible people as a pick, and names only the others under "Also matches"', () => {
    render(<ContextView context={context} resolution={matched} compact onPick={() => undefined} />, root);
    expect(Array.from(root.querySelectorAll('[data-testid="tandem-pick-person"]')).map((b) => b.textContent)).toEqual(['Sam Carter']);
    expect(root.textContent).toContain('Also matches: Far Match');
    expect(root.textContent).not.toContain('Also matches: Sam Carter');
  });

  it('without a pick action (a view that cannot pick), lists everyone under "Also matches"', () => {
    render(<ContextView context={context} resolution={matched} compact />, root);
    expect(root.querySelector('[data-testid="tandem-person-picker"]')).toBeNull();
    expect(root.textContent).toContain('Also matches: Sam Carter, Far Match');
  });
});
