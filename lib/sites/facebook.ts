// Facebook: the commenter in focus on a post's page, and a capture button on every post and comment.
// Comments are told from posts by nesting, not by their translated labels. What it reads, and the
// public evidence for it: docs/sites.md#facebook.

import { identities } from '../identity/page-identity';
import type { PageContext } from '../schema';
import { buildContext, nobodyInFocus, nonEmpty, text } from './dom';
import { layered } from './harvest';
import type { CaptureItem, SiteAdapter } from './types';

const POST_PATH = /^\/(?:[^/]+\/posts\/([^/?#]+)|groups\/[^/]+\/posts\/([^/?#]+)|permalink\.php|story\.php)/;

function postArticle(doc: Document): Element | null {
  const articles = Array.from(doc.querySelectorAll('div[role="article"]'));
  return articles.find((a) => !a.parentElement?.closest('div[role="article"]')) ?? null;
}

const PROFILE_LINK = 'a[href*="facebook.com/"], a[href^="/"]';

/** A comment's own links to people (not its replies'). */
function ownProfileLinks(comment: Element): HTMLAnchorElement[] {
  return Array.from(comment.querySelectorAll<HTMLAnchorElement>(PROFILE_LINK)).filter((a) => a.closest(ARTICLE) === comment);
}

/**
 * The comment's author link: the first of its own links that shows the name. Some layouts put the
 * avatar's link first, with no text (only an svg labelled with the name).
 */
function commentAuthorLink(comment: Element): HTMLAnchorElement | null {
  const links = ownProfileLinks(comment);
  return links.find((a) => text(a) && a.getAttribute('aria-hidden') !== 'true') ?? links[0] ?? null;
}

/** The name the page gives a comment's author: the link's text, else the avatar's label. */
function authorName(link: HTMLAnchorElement | null): string | null {
  if (!link) return null;
  return nonEmpty(text(link)) ?? nonEmpty(link.getAttribute('aria-label') ?? link.querySelector('[aria-label]')?.getAttribute('aria-label'));
}

function commentText(comment: Element): string {
  const own = Array.from(comment.querySelectorAll('div[dir="auto"]')).find((d) => d.closest('div[role="article"]') === comment);
  return text(own);
}

function read(doc: Document, url: URL): PageContext | null {
  const m = POST_PATH.exec(url.pathname);
  const replyBox = facebook.replyBox(doc);
  if (!m) {
    // Feeds show many people: nobody in focus.
    return nobodyInFocus(doc, url, 'facebook', 'public');
  }
  const post = postArticle(doc);
  if (!post) return null;
  const postId = m[1] ?? m[2] ?? url.searchParams.get('story_fbid');
  const comments = Array.from(post.querySelectorAll('div[role="article"]'));
  // The comment the agent is on: the reply or comment linked from the URL, else the one holding focus, else the first.
  const linked = (param: string) => {
    const id = url.searchParams.get(param);
    return id ? comments.find((c) => ownProfileLinks(c).some((a) => new URL(a.href, 'https://www.facebook.com').searchParams.get(param) === id)) : undefined;
  };
  const active = doc.activeElement;
  const focused = linked('reply_comment_id') ?? linked('comment_id') ?? (active ? comments.filter((c) => c.contains(active)).pop() : undefined) ?? comments[0];
  const author = focused ? commentAuthorLink(focused) : null;
  const postText = text(post.querySelector('[data-ad-rendering-role="story_message"] div[dir="auto"], [data-ad-preview="message"] div[dir="auto"]'));
  const name = authorName(author);
  const conversation = [postText, focused ? `${name ?? ''}: ${commentText(focused)}` : ''].filter(Boolean).join('\n\n');
  return buildContext(doc, url, {
    site: 'facebook',
    ...layered([['facebook', author ? new URL(author.getAttribute('href') ?? '', 'https://www.facebook.com').href : null]], []),
    displayName: name,
    recordId: postId ?? null,
    subject: null,
    conversation,
    visibility: 'public',
    hasReplyBox: replyBox !== null,
  });
}

const ARTICLE = 'div[role="article"]';
const POST_HREF = /\/(?:posts|permalink)\/([^/?#]+)|[?&]story_fbid=([^&#]+)/;

/** Top-level articles: posts in a feed, or the one post of a single-post page (comments nest inside). */
function postArticles(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll(ARTICLE)).filter((a) => !a.parentElement?.closest(ARTICLE));
}

/** Whether el belongs to the post itself rather than to one of its comments. */
function ownPart(post: Element, el: Element): boolean {
  return el.closest(ARTICLE) === post;
}

/** The post's author link: the profile_name block when Facebook renders it, else the header heading's link. */
function postAuthorLink(post: Element): HTMLAnchorElement | null {
  const candidates = Array.from(
    post.querySelectorAll<HTMLAnchorElement>('[data-ad-rendering-role="profile_name"] a[href], h2 a[href], h3 a[href], h4 a[href]'),
  );
  return candidates.find((a) => ownPart(post, a)) ?? null;
}

/** The post's permalink and id, from its timestamp link (/posts/<id>, /permalink/<id> or ?story_fbid=). */
function postPermalink(post: Element): { url: URL; id: string } | null {
  for (const a of Array.from(post.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
    if (!ownPart(post, a)) continue;
    const href = a.getAttribute('href') ?? '';
    const m = POST_HREF.exec(href);
    if (!m) continue;
    const url = new URL(href, 'https://www.facebook.com');
    const id = m[1] ?? m[2]!;
    // Tracking parameters (__cft__, __tn__) are not part of the post's address.
    const clean = new URL(url.pathname, url.origin);
    if (url.searchParams.has('story_fbid')) {
      clean.searchParams.set('story_fbid', url.searchParams.get('story_fbid')!);
      if (url.searchParams.has('id')) clean.searchParams.set('id', url.searchParams.get('id')!);
    }
    return { url: clean, id: decodeURIComponent(id) };
  }
  return null;
}

/**
 * Where a post's button goes: its action bar (the row holding the like and comment buttons), else
 * the header beside "Actions for this post", else the post itself.
 */
function postAnchor(post: Element): Element {
  const like = Array.from(post.querySelectorAll('[data-ad-rendering-role="like_button"]')).find((el) => ownPart(post, el));
  for (let bar = like?.parentElement ?? null; bar && bar !== post; bar = bar.parentElement) {
    if (bar.querySelector('[data-ad-rendering-role="comment_button"]')) return bar;
  }
  const menu = Array.from(post.querySelectorAll('[aria-label="Actions for this post"]')).find((el) => ownPart(post, el));
  return menu?.parentElement ?? post;
}

function postItem(doc: Document, post: Element, permalink: { url: URL; id: string } | null): CaptureItem | null {
  const author = postAuthorLink(post);
  if (!author) return null;
  const profile = new URL(author.getAttribute('href') ?? '', 'https://www.facebook.com');
  const body = Array.from(post.querySelectorAll('[data-ad-rendering-role="story_message"], [data-ad-preview="message"]')).find((el) => ownPart(post, el));
  return {
    element: post,
    anchor: postAnchor(post),
    draft: {
      site: 'facebook',
      channel: 'facebook',
      visibility: 'public',
      identities: identities([['facebook', profile.href]]),
      authorName: nonEmpty(text(author)),
      text: text(body),
      url: permalink?.url.href ?? null,
      externalId: permalink?.id ?? null,
      // Facebook shows only a relative or localised time ("21 November at 10:00"), no machine-readable one.
      postedAt: null,
      pageTitle: doc.title || null,
    },
  };
}

function commentItems(doc: Document, url: URL, post: Element, permalink: { url: URL; id: string } | null): CaptureItem[] {
  const postId = permalink?.id ?? POST_PATH.exec(url.pathname)?.[1] ?? null;
  const base = permalink?.url ?? new URL(url.pathname, 'https://www.facebook.com');
  return Array.from(post.querySelectorAll(ARTICLE)).flatMap((comment, i): CaptureItem[] => {
    const author = commentAuthorLink(comment);
    if (!author) return [];
    const href = new URL(author.getAttribute('href') ?? '', 'https://www.facebook.com');
    const commentId = href.searchParams.get('comment_id');
    const externalId = commentId ?? (postId ? `${postId}#${i}` : null);
    const link = new URL(base.href);
    if (commentId) link.searchParams.set('comment_id', commentId);
    return [
      {
        element: comment,
        anchor: comment,
        draft: {
          site: 'facebook',
          channel: 'facebook',
          visibility: 'public',
          identities: identities([['facebook', href.href]]),
          authorName: authorName(author),
          text: commentText(comment),
          url: link.href,
          externalId,
          postedAt: null,
          pageTitle: doc.title || null,
        },
      },
    ];
  });
}

/**
 * Each post on screen (a feed or a single-post page) and each comment under it gets a capture
 * button. A post comes before its comments: capture.ts skips an element that already holds a
 * button, and a post holds its comments.
 */
function captureItems(doc: Document, url: URL): CaptureItem[] {
  return postArticles(doc).flatMap((post) => {
    const permalink = postPermalink(post);
    const own = postItem(doc, post, permalink);
    return [...(own ? [own] : []), ...commentItems(doc, url, post, permalink)];
  });
}

export const facebook: SiteAdapter = {
  name: 'facebook',
  matches: (url) =>
    url.protocol === 'https:' && (url.hostname === 'www.facebook.com' || url.hostname === 'facebook.com' || url.hostname === 'web.facebook.com'),
  recordPage: (url) => POST_PATH.test(url.pathname),
  read,
  replyBox: (doc) => doc.querySelector<HTMLElement>('[contenteditable="true"][role="textbox"][data-lexical-editor="true"]'),
  observeRoot: (doc) => doc.querySelector('div[role="main"]'),
  captureItems,
};
