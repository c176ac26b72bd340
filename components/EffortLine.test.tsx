// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EffortLine } from './EffortLine';

describe('EffortLine', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));
  const now = new Date('2026-11-20T12:00:00.000Z');

  it('says how hard a customer who wrote on two channels has had to work', () => {
    const effort = { contacts: 3, channels: ['email', 'twitter'] as const, switches: 1, repeats: 2, firstAt: '2026-11-18T13:00:00.000Z' };
    render(<EffortLine effort={{ ...effort, channels: [...effort.channels] }} now={now} />, root);
    expect(root.querySelector('[data-testid="tandem-effort"]')?.textContent).toBe('3rd contact in 2 days · tried email, X');
  });

  it('shows nothing for a first contact or an unknown effort', () => {
    render(<EffortLine effort={{ contacts: 1, channels: ['chat'], switches: 0, repeats: 0, firstAt: now.toISOString() }} now={now} />, root);
    expect(root.textContent).toBe('');
    render(<EffortLine effort={undefined} now={now} />, root);
    expect(root.textContent).toBe('');
  });
});
