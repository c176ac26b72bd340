// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture } from './test-fixtures';
import { quotedTweet, tweetAuthor, twitter } from './twitter';

const TWEET = 'https://x.com/jane_doe/status/1861234567890123456';

describe('twitter adapter', () => {
  it('handles x.com and twitter.com only', () => {
    expect(twitter.matches(new URL('https://x.com/home'))).toBe(true);
    expect(twitter.matches(new URL('https://twitter.com/jane_doe'))).toBe(true);
    expect(twitter.matches(new URL('https://notx.com/home'))).toBe(false);
    expect(twitter.matches(new URL('https://www.facebook.com/'))).toBe(false);
  });

  it('reads the focal tweet author, not the quoted account', () => {
    const { doc, url } = loadFixture('x', TWEET);
    const ctx = twitter.read(doc, url)!;
    expect(ctx.site).toBe('twitter');
    expect(ctx.identities).toEqual([{ kind: 'twitter', value: 'jane_doe' }]);
    expect(ctx.displayName).toBe('Jane Doe');
    expect(ctx.recordId).toBe('1861234567890123456');
    expect(ctx.visibility).toBe('public');
    expect(ctx.conversation).toContain('eSIM stopped working');
    expect(ctx.conversation).toContain('Quoting: Software update 14.2');
    expect(ctx.conversation.indexOf('eSIM stopped')).toBeLessThan(ctx.conversation.indexOf('Quoting'));
  });

  it('finds the Draft.js reply box', () => {
    const { doc, url } = loadFixture('x', TWEET);
    const box = twitter.replyBox(doc);
    expect(box?.getAttribute('data-testid')).toBe('tweetTextarea_0');
    expect(box?.getAttribute('role')).toBe('textbox');
    expect(twitter.read(doc, url)!.hasReplyBox).toBe(true);
  });

  it('finds the reply button the stale-send guard holds back', () => {
    const { doc } = loadFixture('x', TWEET);
    expect(twitter.sendButton?.(doc)?.textContent).toBe('Reply');
  });

  it('puts nobody in focus on the home timeline', () => {
    const { doc, url } = loadFixture('x', 'https://x.com/home');
    expect(doc.querySelectorAll('div[data-testid="cellInnerDiv"] > div > article[data-testid="tweet"]').length).toBe(4);
    const ctx = twitter.read(doc, url)!;
    expect(ctx.identities).toEqual([]);
    expect(ctx.displayName).toBeNull();
    expect(ctx.hasReplyBox).toBe(false);
  });

  it('tells a quote tweet author from the quoted one on the timeline', () => {
    const { doc } = loadFixture('x', 'https://x.com/home');
    const articles = Array.from(doc.querySelectorAll('article[data-testid="tweet"]'));
    expect(articles.map((a) => tweetAuthor(a).handle)).toEqual(['priyabuilds', 'oluade', 'NorthwindMobile', 'sam_unknown']);
    const quote = quotedTweet(articles[1]!);
    expect(quote && tweetAuthor(quote).handle).toBe('jane_doe');
    expect(articles[2]!.querySelector('[data-testid="placementTracking"]')).not.toBeNull();
  });

  it('navigates in-app from the timeline to the tweet without a reload', () => {
    const { doc } = loadFixture('x', 'https://x.com/home');
    const link = doc.querySelector<HTMLAnchorElement>('a[data-spa-link][href="/jane_doe/status/1861234567890123456"]')!;
    link.click();
    expect(location.pathname).toBe('/jane_doe/status/1861234567890123456');
    expect(doc.querySelector('[data-testid="tweetTextarea_0"]')).not.toBeNull();
  });

  it('falls back to the handle in the URL while the tweet is still loading', () => {
    document.body.innerHTML = '<main role="main"></main>';
    const ctx = twitter.read(document, new URL('https://twitter.com/Jane_Doe/status/1861234567890123456'))!;
    expect(ctx.identities).toEqual([{ kind: 'twitter', value: 'jane_doe' }]);
  });
});
