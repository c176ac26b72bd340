// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaptureDraft } from '../lib/sites/types';
import { CaptureForm } from './CaptureForm';
import { ContextView } from './ContextView';
import { SuggestionList } from './SuggestionList';
import { gateInput, onTrusted } from './trusted';

// Page scripts share the overlay's DOM: everything they can do to its controls, all untrusted events.
const draft: CaptureDraft = {
  site: 'twitter',
  channel: 'twitter',
  visibility: 'public',
  identities: [{ kind: 'twitter', value: 'planted' }],
  authorName: 'Planted',
  text: 'My router is broken',
  url: 'https://x.com/planted/status/1',
  externalId: '1',
  postedAt: null,
  pageTitle: null,
};

describe('write actions ignore events a page script makes', () => {
  const root = document.createElement('div');
  document.body.append(root);
  afterEach(() => render(null, root));

  it('runs the handler for the user’s own events only', () => {
    const handler = vi.fn();
    onTrusted(handler)(new MouseEvent('click'));
    expect(handler).not.toHaveBeenCalled();
    const userClick = new MouseEvent('click');
    Object.defineProperty(userClick, 'isTrusted', { value: true });
    onTrusted(handler)(userClick);
    expect(handler).toHaveBeenCalledWith(userClick);
  });

  it('refuses even the user’s own events while the gate is closed (the overlay frame covered or faded)', () => {
    const handler = vi.fn();
    const userClick = new MouseEvent('click');
    Object.defineProperty(userClick, 'isTrusted', { value: true });
    let visible = false;
    gateInput(() => visible);
    try {
      onTrusted(handler)(userClick);
      expect(handler).not.toHaveBeenCalled();
      visible = true;
      onTrusted(handler)(userClick);
      expect(handler).toHaveBeenCalledOnce();
    } finally {
      gateInput(() => true);
    }
  });

  it('does not capture when a script clicks the button, requests a submit, presses Enter or edits the subject', () => {
    const onSubmit = vi.fn();
    render(<CaptureForm draft={draft} busy={false} onSubmit={onSubmit} onCancel={() => undefined} />, root);
    const form = root.querySelector('form')!;
    const subject = form.querySelector<HTMLInputElement>('input[name="subject"]')!;
    subject.value = 'Chosen by the page';
    subject.dispatchEvent(new InputEvent('input', { bubbles: true }));
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    form.requestSubmit();
    subject.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('does not create a contact, insert or vote when a script clicks', () => {
    const onCreateContact = vi.fn();
    const onInsert = vi.fn();
    const onVote = vi.fn();
    const context = { ...draft, url: 'https://x.com/planted', displayName: null, recordId: null, subject: null, conversation: '', hasReplyBox: true };
    render(
      <>
        <ContextView context={context} resolution={{ status: 'unknown', identities: draft.identities }} compact onCreateContact={onCreateContact} />
        <SuggestionList
          items={[
            {
              kind: 'snippet',
              id: 'snip-1',
              title: 'Refund',
              summary: '',
              reason: '',
              matchedTerms: [],
              insertText: 'Hi Jane',
              pinned: false,
            },
          ]}
          votes={{}}
          onInsert={onInsert}
          onVote={onVote}
        />
      </>,
      root,
    );
    for (const button of Array.from(root.querySelectorAll('button'))) button.click();
    expect(onCreateContact).not.toHaveBeenCalled();
    expect(onInsert).not.toHaveBeenCalled();
    expect(onVote).not.toHaveBeenCalled();
  });
});
