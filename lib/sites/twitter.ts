// X (Twitter): the author in focus on a tweet's page, and a capture button on every tweet. Keyed on
// data-testid attributes, never on the generated css-/r- classes. What it reads, and the public
// evidence for it: docs/sites.md#twitter.

import type { PageContext } from '../schema';
import { buildContext, nobodyInFocus, text } from './dom';
import { layered } from './harvest';
import type { CaptureItem, SiteAdapter } from './types';

const HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);
const STATUS_PATH = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,25})/;
const HANDLE_HREF = /^\/([A-Za-z0-9_]{1,15})\/?$/;
const TWEET = 'article[data-testid="tweet"]';

export interface TweetAuthor {
  handle: string | null;
  name: string | null;
}

/** The tweet's own author: the first User-Name in the article (a quoted tweet's comes later). */
export function tweetAuthor(article: Element): TweetAuthor {
  const userName = article.querySelector('[data-testid="User-Name"]');
  if (!userName) return { handle: null, name: null };
  let handle: string | null = null;
  for (const a of Array.from(userName.querySelectorAll('a[href]'))) {
    const m = HANDLE_HREF.exec(a.getAttribute('href') ?? '');
    if (m) {
      handle = m[1]!;
      break;
    }
  }
  if (!handle) {
    // Quoted tweets render the handle as plain text.
    const at = Array.from(userName.querySelectorAll('span'))
      .map(text)
      .find((t) => /^@[A-Za-z0-9_]{1,15}$/.test(t));
    handle = at ? at.slice(1) : null;
  }
  const firstLink = userName.querySelector('a[href]');
  const name = text(firstLink) || text(userName.querySelector('span')) || null;
  return { handle, name: name && !name.startsWith('@') ? name : null };
}

/** The quoted tweet nested in an article, if any. */
export function quotedTweet(article: Element): Element | null {
  const names = article.querySelectorAll('[data-testid="User-Name"]');
  const inner = names[1];
  if (!inner) return null;
  return inner.closest('[role="link"]') ?? inner.parentElement;
}

/** The article's own text, without the quoted tweet's. */
export function tweetText(article: Element): string {
  const quote = quotedTweet(article);
  return Array.from(article.querySelectorAll('[data-testid="tweetText"]'))
    .filter((t) => !quote?.contains(t))
    .map(text)
    .join('\n');
}

function focalTweet(doc: Document, handle: string, id: string): Element | null {
  const articles = Array.from(doc.querySelectorAll(TWEET));
  const own = (a: Element) => tweetAuthor(a).handle?.toLowerCase() === handle.toLowerCase();
  const links = (a: Element) => {
    const quote = quotedTweet(a);
    return Array.from(a.querySelectorAll(`a[href*="/status/${id}"]`)).some((l) => !quote?.contains(l));
  };
  return articles.find((a) => own(a) && links(a)) ?? articles.find((a) => a.getAttribute('tabindex') === '-1') ?? articles.find(own) ?? null;
}

function read(doc: Document, url: URL): PageContext | null {
  const status = STATUS_PATH.exec(url.pathname);
  const replyBox = twitter.replyBox(doc);
  if (!status) {
    // Timelines show many people: nobody is in focus until the agent picks a tweet.
    return nobodyInFocus(doc, url, 'twitter', 'public', replyBox !== null);
  }
  const [, urlHandle, id] = status as unknown as [string, string, string];
  const article = focalTweet(doc, urlHandle, id);
  const author = article ? tweetAuthor(article) : { handle: urlHandle, name: null };
  let conversation = '';
  if (article) {
    conversation = tweetText(article);
    const quote = quotedTweet(article);
    const quoted = quote ? text(quote.querySelector('[data-testid="tweetText"]')) : '';
    if (quoted) conversation += `\n\nQuoting: ${quoted}`;
  }
  return buildContext(doc, url, {
    site: 'twitter',
    ...layered([['twitter', author.handle ?? urlHandle]], []),
    displayName: author.name,
    recordId: id,
    subject: null,
    conversation,
    visibility: 'public',
    hasReplyBox: replyBox !== null,
  });
}

/** Every top-level tweet on screen (timeline or thread), each with its permalink, time and author. */
function captureItems(doc: Document, url: URL): CaptureItem[] {
  const items: CaptureItem[] = [];
  for (const article of Array.from(doc.querySelectorAll(TWEET))) {
    if (article.parentElement?.closest(TWEET)) continue; // a tweet nested in another is part of it
    const author = tweetAuthor(article);
    const quote = quotedTweet(article);
    const time = Array.from(article.querySelectorAll('a[href*="/status/"] > time[datetime]')).find((t) => !quote?.contains(t));
    const href = time?.parentElement?.getAttribute('href') ?? null;
    const id = href ? (/\/status\/(\d{1,25})/.exec(href)?.[1] ?? null) : null;
    if (!author.handle || !id) continue;
    const groups = Array.from(article.querySelectorAll('div[role="group"]')).filter((g) => !quote?.contains(g));
    items.push({
      element: article,
      anchor: groups[groups.length - 1] ?? article,
      draft: {
        site: 'twitter',
        channel: 'twitter',
        visibility: 'public',
        identities: [{ kind: 'twitter', value: author.handle }],
        authorName: author.name,
        text: tweetText(article),
        url: new URL(href!, url.origin).toString(),
        externalId: id,
        postedAt: time?.getAttribute('datetime') ?? null,
        pageTitle: doc.title || null,
      },
    });
  }
  return items;
}

export const twitter: SiteAdapter = {
  name: 'twitter',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  recordPage: (url) => STATUS_PATH.test(url.pathname),
  read,
  replyBox: (doc) =>
    doc.querySelector<HTMLElement>('[data-testid="tweetTextarea_0"][contenteditable="true"]') ??
    doc.querySelector<HTMLElement>('[data-testid^="tweetTextarea_"][role="textbox"]'),
  // The inline reply's button on a tweet's page, else the compose dialog's.
  sendButton: (doc) => doc.querySelector<HTMLElement>('[data-testid="tweetButtonInline"]') ?? doc.querySelector<HTMLElement>('[data-testid="tweetButton"]'),
  observeRoot: (doc) => doc.querySelector('main[role="main"]'),
  captureItems,
};
