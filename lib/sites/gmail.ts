// Gmail: the customer in the open thread (the last sender who is not the signed-in agent), and a
// capture button on each of their messages. What it reads, and the public evidence for it:
// docs/sites.md#gmail.

import { identities } from '../identity/page-identity';
import type { PageContext } from '../schema';
import { blockText, buildContext, clipTail, nobodyInFocus, nonEmpty, text } from './dom';
import { layered } from './harvest';
import type { CaptureItem, SiteAdapter } from './types';

const THREAD_ID = /^[A-Za-z0-9_-]{16,}$/;
const TITLE_ACCOUNT = /\s-\s(\S+@\S+)\s-\s/;

function threadId(url: URL): string | null {
  const parts = url.hash.replace(/^#/, '').split('/');
  const last = parts.length > 1 ? parts[parts.length - 1]! : '';
  return THREAD_ID.test(last) ? last : null;
}

// The Google Account button: "Google Account: Alex Agent (agent@example.com)".
const CHROME_ACCOUNT = /\(([^()\s]+@[^()\s]+)\)/;
// The same button in another UI language ("Google-Konto: …", "Compte Google : …"): a short label, a colon, then the
// name and the address in brackets, as the whole label. Looked for outside the mail pane only, where no message is.
const TRANSLATED_ACCOUNT = /^[^:()@]{1,40}:\s*[^()@]*\(([^()\s]+@[^()\s]+)\)\s*$/;

function accountButtonLabel(doc: Document): string {
  const english = doc.querySelector('a[aria-label^="Google Account:"]')?.getAttribute('aria-label');
  if (english) return english;
  for (const link of Array.from(doc.querySelectorAll('a[aria-label*="@"]'))) {
    if (link.closest('div[role="main"]')) continue;
    const label = link.getAttribute('aria-label') ?? '';
    if (TRANSLATED_ACCOUNT.test(label)) return label;
  }
  return '';
}

/**
 * The signed-in agent's address, to tell their own messages from the customer's: from the document
 * title ("Inbox - me@example.com - Gmail"), else (tenants whose title does not name it) the account button.
 */
export function accountEmail(doc: Document): string | null {
  const fromTitle = TITLE_ACCOUNT.exec(doc.title)?.[1];
  return (fromTitle ?? CHROME_ACCOUNT.exec(accountButtonLabel(doc))?.[1])?.toLowerCase() ?? null;
}

function read(doc: Document, url: URL): PageContext | null {
  const id = threadId(url);
  const main = doc.querySelector('div[role="main"]') ?? doc;
  if (!id) {
    // A list of threads: nobody is in focus until one is opened.
    return nobodyInFocus(doc, url, 'gmail', 'private');
  }
  const subject = nonEmpty(text(main.querySelector('h2.hP')));
  const messages = Array.from(main.querySelectorAll('div.adn.ads[data-message-id]'));
  if (!subject && messages.length === 0) return null; // thread still loading
  const me = accountEmail(doc);
  const senders = messages.map((m) => m.querySelector('span.gD[email]'));
  const customer = [...senders].reverse().find((s) => s && s.getAttribute('email')?.toLowerCase() !== me) ?? null;
  const conversation = clipTail(
    messages
      .map((m, i) => {
        const body = blockText(m.querySelector('div.a3s'), '.gmail_quote');
        const who = senders[i]?.getAttribute('name') ?? text(senders[i]);
        return body ? `${who ? `${who}: ` : ''}${body}` : '';
      })
      .filter(Boolean)
      .join('\n\n'),
    5000,
  );
  const replyBox = gmail.replyBox(doc);
  return buildContext(doc, url, {
    site: 'gmail',
    ...layered([['email', customer?.getAttribute('email')]], []),
    displayName: nonEmpty(customer?.getAttribute('name') ?? text(customer)),
    recordId: id,
    subject,
    conversation,
    visibility: 'private',
    hasReplyBox: replyBox !== null,
  });
}

/** Each message in the open thread from someone other than the signed-in agent gets a capture button. */
function captureItems(doc: Document, url: URL): CaptureItem[] {
  if (!threadId(url)) return [];
  const main = doc.querySelector('div[role="main"]') ?? doc;
  const me = accountEmail(doc);
  return Array.from(main.querySelectorAll('div.adn.ads[data-message-id]')).flatMap((message): CaptureItem[] => {
    const sender = message.querySelector('span.gD[email]');
    const email = sender?.getAttribute('email') ?? null;
    if (!sender || !email || email.toLowerCase() === me) return [];
    return [
      {
        element: message,
        anchor: sender.parentElement ?? message,
        draft: {
          site: 'gmail',
          channel: 'email',
          visibility: 'private',
          identities: identities([['email', email]]),
          authorName: nonEmpty(sender.getAttribute('name') ?? text(sender)),
          text: blockText(message.querySelector('div.a3s'), '.gmail_quote'),
          url: url.href,
          externalId: message.getAttribute('data-legacy-message-id') ?? message.getAttribute('data-message-id'),
          postedAt: null,
          pageTitle: doc.title || null,
        },
      },
    ];
  });
}

export const gmail: SiteAdapter = {
  name: 'gmail',
  matches: (url) => url.protocol === 'https:' && url.hostname === 'mail.google.com',
  recordPage: (url) => threadId(url) !== null,
  read,
  replyBox: (doc) =>
    doc.querySelector<HTMLElement>('div[contenteditable="true"][role="textbox"][aria-label="Message Body"]') ??
    // The aria-label is translated in other UI languages.
    doc.querySelector<HTMLElement>('div[role="main"] div[contenteditable="true"][role="textbox"]'),
  observeRoot: (doc) => doc.querySelector('div[role="main"]')?.parentElement ?? null,
  captureItems,
};
