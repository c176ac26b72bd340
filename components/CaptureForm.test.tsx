// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redact } from '../lib/capture/redact';
import { DEFAULT_REDACTION } from '../lib/schema/redaction';
import type { CaptureDraft } from '../lib/sites/types';
import { CaptureForm } from './CaptureForm';

const draft: CaptureDraft = {
  site: 'twitter',
  channel: 'twitter',
  visibility: 'public',
  identities: [{ kind: 'twitter', value: 'jane_doe' }],
  authorName: 'Jane Doe',
  text: 'Charge failed again, here is my key sk_live_51HxQk2eZvKYlo2C0aBcDeFgHiJk and card 4111 1111 1111 1111',
  url: 'https://x.com/jane_doe/status/1861234567890123456',
  externalId: '1861234567890123456',
  postedAt: '2026-11-21T09:14:00.000Z',
  pageTitle: 'Jane Doe on X',
};

describe('the capture form’s redaction list', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));
  const listed = () => [...root.querySelectorAll('[data-testid="tandem-capture-redactions"] li')].map((li) => li.textContent);

  it('lists, before saving, each value saving will remove, from the text and the subject', async () => {
    // The background's answer is the redactor's own list for these texts.
    const preview = vi.fn(async (texts: string[]) => texts.flatMap((t) => redact(t, DEFAULT_REDACTION).items));
    render(<CaptureForm draft={draft} busy={false} onSubmit={() => undefined} onCancel={() => undefined} previewRedactions={preview} />, root);
    await vi.waitFor(() => expect(listed()).toEqual(['Secret sk_l…HiJk', 'Card 4111…1111']));
    expect(preview).toHaveBeenCalledWith([draft.text, expect.any(String)]);
    expect(root.querySelector('[data-testid="tandem-capture-redactions"] mark')?.textContent).toBe('sk_l…HiJk');
  });

  it('shows no list when nothing would be removed', async () => {
    const preview = vi.fn(async () => []);
    const plain = { ...draft, text: 'My eSIM stopped working' };
    render(<CaptureForm draft={plain} busy={false} onSubmit={() => undefined} onCancel={() => undefined} previewRedactions={preview} />, root);
    await vi.waitFor(() => expect(preview).toHaveBeenCalled());
    expect(root.querySelector('[data-testid="tandem-capture-redactions"]')).toBeNull();
  });
});

describe('the capture form’s incident offer', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));
  const userClick = (el: Element) => {
    const click = new MouseEvent('click', { bubbles: true });
    Object.defineProperty(click, 'isTrusted', { value: true });
    el.dispatchEvent(click);
  };
  const offer = {
    broadcastId: 'bc-leeds',
    title: 'Possible incident: Leeds · Signal',
    terms: ['leed', 'signal'],
    snippetId: 'snip-wifi',
    reply: 'Turn on Wi-Fi calling while we fix the mast.',
  };
  const post = { ...draft, text: 'No signal in Leeds since noon' };

  async function renderWithOffer(onSubmit: (input: unknown) => void) {
    const find = vi.fn(async () => offer);
    render(<CaptureForm draft={post} busy={false} onSubmit={onSubmit} onCancel={() => undefined} findIncidentOffer={find} />, root);
    await vi.waitFor(() => expect(root.querySelector('[data-testid="tandem-capture-incident"]')).not.toBeNull());
    expect(find).toHaveBeenCalledWith(post.text);
  }

  it('shows the broadcast’s reply prefilled; one click uses it and the capture carries it with the broadcast', async () => {
    const onSubmit = vi.fn();
    await renderWithOffer(onSubmit);
    expect(root.querySelector('legend')?.textContent).toContain('Possible incident: Leeds · Signal');
    expect(root.querySelector<HTMLTextAreaElement>('textarea[name="incident-reply"]')?.value).toBe(offer.reply);
    const use = root.querySelector('[data-testid="tandem-capture-incident-use"]')!;
    userClick(use);
    await vi.waitFor(() => expect(use.getAttribute('aria-pressed')).toBe('true'));
    userClick(root.querySelector('button[type="submit"]')!);
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ incidentNote: { broadcastId: 'bc-leeds', text: offer.reply } }));
  });

  it('captures without the note unless the agent uses the reply', async () => {
    const onSubmit = vi.fn();
    await renderWithOffer(onSubmit);
    userClick(root.querySelector('button[type="submit"]')!);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]?.[0]).not.toHaveProperty('incidentNote');
  });
});
