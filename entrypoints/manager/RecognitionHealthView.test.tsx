// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecognitionHealthResponse } from '../../lib/schema/recognition';

const answer: RecognitionHealthResponse = {
  from: '2026-11-07',
  sites: [
    {
      site: 'zendesk',
      seen: 10,
      recognised: 7,
      missed: 3,
      days: [
        { day: '2026-11-20', seen: 6, recognised: 3, missed: 3 },
        { day: '2026-11-19', seen: 4, recognised: 4, missed: 0 },
      ],
      lastMiss: { at: '2026-11-20T09:00:00.000Z', urlPattern: '/agent/tickets/:id', layers: ['adapter', 'field', 'link', 'panel'], named: false },
    },
    { site: 'twitter', seen: 2, recognised: 2, missed: 0, days: [{ day: '2026-11-20', seen: 2, recognised: 2, missed: 0 }], lastMiss: null },
  ],
};
const send = vi.fn(async (_name: string, _request: unknown) => answer);
vi.mock('../../lib/messaging/browser', () => ({ send: (name: string, request: unknown) => send(name, request) }));
const { RecognitionHealthView } = await import('./RecognitionHealthView');

describe('the recognition health view', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('shows per site the pages seen, recognised and missed, by day, and the last miss’s pattern', async () => {
    await act(async () => {
      render(<RecognitionHealthView />, root);
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(send).toHaveBeenCalledWith('manager.recognitionHealth', { days: 14 });
    const rows = [...root.querySelectorAll('[data-testid="recognition-site"]')];
    expect(rows.map((r) => r.getAttribute('data-site'))).toEqual(['zendesk', 'twitter']);
    expect(rows[0]!.textContent).toContain('3 (30%)');
    expect(rows[0]!.textContent).toContain('2026-11-20: 6 / 3');
    expect(rows[0]!.querySelector('[data-testid="recognition-last-miss"]')!.textContent).toContain('/agent/tickets/:id');
    expect(rows[1]!.querySelector('[data-testid="recognition-last-miss"]')!.textContent).toBe('–');
  });
});
