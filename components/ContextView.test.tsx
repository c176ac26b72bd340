// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageContext } from '../lib/schema';
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
});
