// Zendesk agent workspace: the requester of the open ticket (other open tickets stay in the DOM), and
// capture buttons on the customer's comments. What it reads, and the public evidence for it:
// docs/sites.md#zendesk.

import { identities } from '../identity/page-identity';
import type { Channel, IdentityKind, PageContext } from '../schema';
import { blockText, buildContext, clipTail, firstEditable, isoTime, nobodyInFocus, nonEmpty, text } from './dom';
import { addressIn } from './generic';
import { harvest, layered } from './harvest';
import type { CaptureItem, SiteAdapter } from './types';

const TICKET_PATH = /^\/agent\/tickets\/(\d{1,20})/;
const USER_HREF = /\/agent\/users\/(\d{1,20})/;
// The requester combobox, or (another workspace layout) the requester field of the ticket-fields sidebar.
const REQUESTER = '[data-test-id="requester-input"], [data-test-id^="ticket-system-field-requester"]';
// What the harvest skips in a ticket: the conversation (agents' signatures, CCs, quotes), the composer, other people's fields.
const NOT_THE_REQUESTER =
  '[data-test-id="omni-log-container"], [data-test-id*="composer"], [data-test-id*="assignee"], [data-test-id*="ccs"], [data-test-id*="follower"], [data-test-id*="collaborator"]';

/** The open ticket's workspace (others stay in the DOM, hidden), else the document. */
function openTicketScope(doc: Document): ParentNode {
  const id = ticketId(doc, new URL(doc.location?.href ?? 'about:blank'));
  return (id && doc.querySelector(`[data-ticket-id="${id}"]`)) || doc;
}

function ticketId(doc: Document, url: URL): string | null {
  const fromUrl = TICKET_PATH.exec(url.pathname)?.[1];
  if (fromUrl) return fromUrl;
  return doc.querySelector('[data-selected="true"][data-entity-id]')?.getAttribute('data-entity-id') ?? null;
}

function userIdIn(el: Element | null): string | null {
  if (!el) return null;
  const withAttr = el.closest('[data-user-id]') ?? el.querySelector('[data-user-id]');
  if (withAttr) return withAttr.getAttribute('data-user-id');
  for (const a of Array.from(el.querySelectorAll('a[href]'))) {
    const m = USER_HREF.exec(a.getAttribute('href') ?? '');
    if (m) return m[1]!;
  }
  return null;
}

/** What the requester field shows: an input's value, else its text (without the field's own label). */
function requesterValue(requester: Element | null): string {
  if (!requester) return '';
  if (requester instanceof HTMLInputElement) return requester.value;
  const copy = requester.cloneNode(true) as Element;
  for (const label of Array.from(copy.querySelectorAll('label'))) label.remove();
  return text(copy);
}

function read(doc: Document, url: URL): PageContext | null {
  const id = ticketId(doc, url);
  const replyBox = zendesk.replyBox(doc);
  if (!id) {
    // Views and dashboards list many requesters: nobody is in focus.
    return nobodyInFocus(doc, url, 'zendesk', 'private');
  }
  // Other open tickets stay in the DOM as hidden workspaces: read only this ticket's.
  const scope: ParentNode = doc.querySelector(`[data-ticket-id="${id}"]`) ?? doc;
  const subjectEl = scope.querySelector<HTMLInputElement>('input[data-test-id="omni-header-subject"], [data-test-id="ticket-pane-subject"]');
  const subject = nonEmpty(subjectEl ? (subjectEl.value ?? text(subjectEl)) : null);
  const requester = scope.querySelector(REQUESTER);
  const requesterText = requesterValue(requester);
  const items = Array.from(scope.querySelectorAll('[data-test-id="omni-log-container"] article[data-test-id="omni-log-comment-item"]'));
  // The sender's name sits inside the message element in one layout and beside it, in the item's header, in another.
  const firstEndUser = items.find((i) => i.querySelector('[data-test-id="omni-log-item-message"][type="end-user"]')) ?? null;
  const endUserSender = firstEndUser?.querySelector('[data-test-id="omni-log-item-sender"]') ?? null;

  if (!subjectEl && !requester && items.length === 0) return null; // not rendered yet

  const email = addressIn(requesterText);
  const userId = userIdIn(requester) ?? userIdIn(endUserSender);
  const harvested = harvest([scope instanceof Element ? scope : doc.body], { exclude: NOT_THE_REQUESTER });
  const name =
    nonEmpty(text(requester?.querySelector('a[href*="/agent/users/"]'))) ??
    harvested.name ??
    nonEmpty(
      requesterText
        .replace(/<[^>]*>/g, '')
        .replace(email ?? '', '')
        .replace(/[<>]/g, ''),
    ) ??
    nonEmpty(text(endUserSender));

  const conversation = clipTail(
    items
      .map((item) => {
        const sender = text(item.querySelector('[data-test-id="omni-log-item-sender"]'));
        const body = text(item.querySelector('[data-test-id="omni-log-message-content"]'));
        return body ? (sender ? `${sender}: ${body}` : body) : '';
      })
      .filter(Boolean)
      .join('\n\n'),
    5000,
  );
  const candidates: Array<[IdentityKind, string | null]> = [
    ['email', email],
    ['zendesk', userId],
  ];
  return buildContext(doc, url, {
    site: 'zendesk',
    ...layered(candidates, harvested.evidence),
    displayName: name,
    recordId: id,
    subject,
    conversation,
    visibility: 'private',
    hasReplyBox: replyBox !== null,
  });
}

const ORIGIN_CHANNEL: Record<string, Channel> = {
  EmailInteraction: 'email',
  WebInteraction: 'web',
  MobileSdkInteraction: 'chat',
  ChatInteraction: 'chat',
};

/** The channel a comment came in through, as the ticket shows it: its origin, else its "via …" label. */
function itemChannel(item: Element): Channel {
  const origin = item.querySelector('[data-test-id="omni-log-message-content"]')?.getAttribute('data-originated-from') ?? '';
  if (ORIGIN_CHANNEL[origin]) return ORIGIN_CHANNEL[origin];
  const via = text(item.querySelector('[data-test-id="omni-log-item-via"]')).toLowerCase();
  if (/\bemail\b/.test(via)) return 'email';
  if (/\b(messaging|chat)\b/.test(via)) return 'chat';
  if (/\bweb\b/.test(via)) return 'web';
  return 'zendesk';
}

/**
 * Each comment the customer wrote in the open ticket's conversation gets a capture button in its
 * header. Agents' replies and internal notes get none. The customer is the requester (their email
 * and Zendesk id); another end user on the ticket (a CC) is known only by their Zendesk id.
 */
function captureItems(doc: Document, url: URL): CaptureItem[] {
  const id = ticketId(doc, url);
  if (!id) return [];
  const scope: ParentNode = doc.querySelector(`[data-ticket-id="${id}"]`) ?? doc;
  const requester = scope.querySelector(REQUESTER);
  const requesterText = requesterValue(requester);
  const requesterEmail = addressIn(requesterText);
  const requesterId = userIdIn(requester);
  const permalink = new URL(`/agent/tickets/${id}`, url.origin).href;
  const items = Array.from(scope.querySelectorAll('[data-test-id="omni-log-container"] article[data-test-id="omni-log-comment-item"]'));
  return items.flatMap((item): CaptureItem[] => {
    const message = item.querySelector('[data-test-id="omni-log-item-message"]');
    if (message?.getAttribute('type') !== 'end-user') return [];
    if (item.querySelector('[data-test-id="omni-log-internal-note-tag"], [data-test-id="omni-log-avatar-badge-AgentBadge"]')) return [];
    const sender = item.querySelector('[data-test-id="omni-log-item-sender"]');
    const senderId = userIdIn(sender);
    const isRequester = !senderId || !requesterId || senderId === requesterId;
    const candidates: Array<[IdentityKind, string | null]> = isRequester
      ? [
          ['email', requesterEmail],
          ['zendesk', requesterId ?? senderId],
        ]
      : [['zendesk', senderId]];
    const time = item.querySelector('time[data-test-id^="timestamp-"][datetime]')?.getAttribute('datetime') ?? null;
    const postedAt = isoTime(time);
    return [
      {
        element: item,
        anchor: sender?.parentElement ?? message,
        draft: {
          site: 'zendesk',
          channel: itemChannel(item),
          // A comment to the company is not for everyone to read, whatever Zendesk calls "public".
          visibility: 'private',
          identities: identities(candidates),
          authorName: nonEmpty(text(sender)),
          text: blockText(item.querySelector('[data-test-id="omni-log-message-content"]')),
          url: permalink,
          // No comment id in the markup: the ticket and the comment's time name it across reloads.
          externalId: postedAt ? `${id}@${postedAt}` : null,
          postedAt,
          pageTitle: doc.title || null,
        },
      },
    ];
  });
}

export const zendesk: SiteAdapter = {
  name: 'zendesk',
  matches: (url) => url.protocol === 'https:' && url.hostname.endsWith('.zendesk.com') && url.pathname.startsWith('/agent'),
  recordPage: (url) => TICKET_PATH.test(url.pathname),
  read,
  replyBox(doc) {
    return firstEditable(openTicketScope(doc), [
      '[data-test-id="omnicomposer-rich-text-ckeditor"] .ck-editor__editable[contenteditable="true"]',
      '[data-test-id="omni-log-editor"] [contenteditable="true"]',
    ]);
  },
  // "Submit as …" of the open ticket (a split button: the main part submits).
  sendButton: (doc) => openTicketScope(doc).querySelector<HTMLElement>('[data-test-id="submit_button-button"]'),
  captureItems,
};
