// Evidence: SITES.md "Facebook" (markers agreed across many current tools): div[role="article"],
// div[data-ad-rendering-role="story_message"] / [data-ad-preview="message"] → div[dir="auto"],
// nested comment articles (aria-label "Comment by …", translated: so nesting is what we key on),
// author link a[href*="facebook.com/<profile>"] often with ?comment_id=, Lexical comment box.
import type { PageContext } from '../schema';
import { buildContext, nonEmpty, text } from './dom';
import { identities } from './page-identity';
import type { CaptureItem, SiteAdapter } from './types';

const POST_PATH = /^\/(?:[^/]+\/posts\/([^/?#]+)|groups\/[^/]+\/posts\/([^/?#]+)|permalink\.php|story\.php)/;

function postArticle(doc: Document): Element | null {
  const articles = Array.from(doc.querySelectorAll('div[role="article"]'));
  return articles.find((a) => !a.parentElement?.closest('div[role="article"]')) ?? null;
}

function commentAuthorLink(comment: Element): HTMLAnchorElement | null {
  return comment.querySelector<HTMLAnchorElement>('a[href*="facebook.com/"], a[href^="/"]');
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
    return buildContext(doc, url, { site: 'facebook', identities: [], displayName: null, recordId: null, subject: null, conversation: '', visibility: 'public', hasReplyBox: false });
  }
  const post = postArticle(doc);
  if (!post) return null;
  const postId = m[1] ?? m[2] ?? url.searchParams.get('story_fbid');
  const comments = Array.from(post.querySelectorAll('div[role="article"]'));
  // The comment the agent is on: the one linked from the URL, else the one holding focus, else the first.
  const wanted = url.searchParams.get('comment_id');
  const active = doc.activeElement;
  const focused =
    (wanted ? comments.find((c) => commentAuthorLink(c)?.href.includes(`comment_id=${wanted}`)) : undefined) ??
    (active ? comments.filter((c) => c.contains(active)).pop() : undefined) ??
    comments[0];
  const author = focused ? commentAuthorLink(focused) : null;
  const postText = text(post.querySelector('[data-ad-rendering-role="story_message"] div[dir="auto"], [data-ad-preview="message"] div[dir="auto"]'));
  const conversation = [postText, focused ? `${text(author)}: ${commentText(focused)}` : ''].filter(Boolean).join('\n\n');
  return buildContext(doc, url, {
    site: 'facebook',
    identities: identities([['facebook', author ? new URL(author.getAttribute('href') ?? '', 'https://www.facebook.com').href : null]]),
    displayName: nonEmpty(text(author)),
    recordId: postId ?? null,
    subject: null,
    conversation,
    visibility: 'public',
    hasReplyBox: replyBox !== null,
  });
}

/** Each comment under the post gets its own capture button (the post itself is usually ours). */
function captureItems(doc: Document, url: URL): CaptureItem[] {
  const post = postArticle(doc);
  if (!post) return [];
  const postId = POST_PATH.exec(url.pathname)?.[1] ?? null;
  return Array.from(post.querySelectorAll('div[role="article"]')).flatMap((comment, i): CaptureItem[] => {
    const author = commentAuthorLink(comment);
    if (!author) return [];
    const href = new URL(author.getAttribute('href') ?? '', 'https://www.facebook.com');
    const commentId = href.searchParams.get('comment_id');
    const externalId = commentId ?? (postId ? `${postId}#${i}` : null);
    const permalink = new URL(url.pathname, 'https://www.facebook.com');
    if (commentId) permalink.searchParams.set('comment_id', commentId);
    return [
      {
        element: comment,
        anchor: comment,
        draft: {
          site: 'facebook',
          channel: 'facebook',
          visibility: 'public',
          identities: identities([['facebook', href.href]]),
          authorName: nonEmpty(text(author)),
          text: commentText(comment),
          url: permalink.href,
          externalId,
          postedAt: null,
          pageTitle: doc.title || null,
        },
      },
    ];
  });
}

export const facebook: SiteAdapter = {
  name: 'facebook',
  matches: (url) => url.protocol === 'https:' && (url.hostname === 'www.facebook.com' || url.hostname === 'facebook.com' || url.hostname === 'web.facebook.com'),
  read,
  replyBox: (doc) => doc.querySelector<HTMLElement>('[contenteditable="true"][role="textbox"][data-lexical-editor="true"]'),
  observeRoot: (doc) => doc.querySelector('div[role="main"]'),
  captureItems,
};
