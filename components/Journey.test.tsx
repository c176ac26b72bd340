// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Case, Interaction } from '../lib/schema';
import { Journey } from './Journey';

const interaction = (id: string, channel: Interaction['channel'], occurredAt: string, visibility: Interaction['visibility']): Interaction => ({
  id,
  version: 1,
  updatedAt: occurredAt,
  deleted: false,
  teamId: 'team-care',
  customerId: 'cust-1',
  caseId: 'case-1',
  channel,
  visibility,
  direction: 'inbound',
  text: '<img src=x onerror=alert(1)>',
  sourceUrl: null,
  authorName: null,
  occurredAt,
});

const kase = { id: 'case-1', subject: 'No signal at home' } as Case;

describe('Journey', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('shows the path an issue took across channels, each step public or private, and where the customer hopped', () => {
    render(
      <Journey
        items={[interaction('b', 'twitter', '2026-11-20T10:00:00.000Z', 'public'), interaction('a', 'email', '2026-11-19T10:00:00.000Z', 'private')]}
        cases={[kase]}
      />,
      root,
    );
    expect(root.querySelector('summary strong')?.textContent).toBe('No signal at home');
    expect(root.querySelector('[data-testid="tandem-journey-path"]')?.textContent).toBe('email → X · 1 hop');
    const steps = [...root.querySelectorAll('[data-testid="tandem-journey-step"]')];
    expect(steps.map((s) => [s.getAttribute('data-hop'), s.querySelector('.tdm-visibility')?.textContent])).toEqual([
      ['false', 'private'],
      ['true', 'public'],
    ]);
    expect(root.querySelector('img')).toBeNull();
  });

  it('shows nothing for a customer with no interactions', () => {
    render(<Journey items={[]} cases={[]} />, root);
    expect(root.textContent).toBe('');
  });
});
