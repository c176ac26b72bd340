import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { sendFromContent } from './content';
import { dispatch, type Handlers } from './dispatch';
import { MessageError } from './error';

const policy = { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/' };
const page = { id: 'ext-id', url: 'https://tandemdemo.zendesk.com/agent/tickets/4521', tab: { id: 7 } };

/** The background as the content script meets it: the real dispatcher behind runtime messaging. */
function background(handlers: Partial<Handlers>): void {
  fakeBrowser.runtime.onMessage.addListener((raw: unknown) => dispatch(raw, page, handlers as Handlers, policy));
}

beforeEach(() => fakeBrowser.reset());

describe('sendFromContent', () => {
  it("answers the handler's value, validated by the background", async () => {
    background({ 'capture.find': async ({ externalId }) => ({ caseId: `case-for-${externalId}`, pending: true }) });
    await expect(sendFromContent('capture.find', { site: 'twitter', externalId: '42' })).resolves.toEqual({ caseId: 'case-for-42', pending: true });
  });

  it("throws the background's refusal as a MessageError with its code and message", async () => {
    background({
      'capture.find': async () => {
        throw new MessageError('signed_out', 'Sign in first.');
      },
    });
    const refusal = sendFromContent('capture.find', { site: 'twitter', externalId: '42' });
    await expect(refusal).rejects.toBeInstanceOf(MessageError);
    await expect(refusal).rejects.toMatchObject({ code: 'signed_out', message: 'Sign in first.' });
  });

  it('refuses an invalid payload in the background, not here', async () => {
    background({});
    await expect(sendFromContent('capture.find', { site: 'twitter', externalId: 'x'.repeat(500) })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('explains a reply that is not an envelope (an older background, another listener)', async () => {
    for (const reply of [{ ok: 'yes' }, { ok: false, error: { code: 1 } }, { ok: true }, 'hello']) {
      fakeBrowser.reset();
      fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve(reply));
      await expect(sendFromContent('usage.record', { events: [] })).rejects.toMatchObject({ code: 'no_reply' });
    }
  });

  it('only compiles for messages declared from the content script', () => {
    // @ts-expect-error status.get is declared `from: 'extension'`: a content script cannot even name it.
    const forbidden = () => sendFromContent('status.get', {});
    expect(forbidden).toBeTypeOf('function');
  });
});
