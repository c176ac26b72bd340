// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CaptureInput } from '../schema';
import { facebook } from './facebook';
import { loadFixture } from './test-fixtures';
import type { CaptureItem } from './types';

const POST = 'https://www.facebook.com/NorthwindMobile/posts/pfbid02Xk7a';
const PAGE_FEED = 'https://www.facebook.com/NorthwindMobile';

function itemsOn(url: string): CaptureItem[] {
  const { doc, url: u } = loadFixture('facebook', url);
  return facebook.captureItems!(doc, u);
}

/** What the capture form would send: the draft plus the agent's fields, through the message schema. */
function asInput(item: CaptureItem) {
  return CaptureInput.parse({ ...item.draft, subject: 'Captured', priority: 'normal', tags: [] });
}

describe('facebook adapter', () => {
  it('puts the first comment author in focus, not the page', () => {
    const { doc, url } = loadFixture('facebook', POST);
    const ctx = facebook.read(doc, url)!;
    expect(ctx.identities).toEqual([{ kind: 'facebook', value: 'tom.becker.77' }]);
    expect(ctx.displayName).toBe('Tom Becker');
    expect(ctx.recordId).toBe('pfbid02Xk7a');
    expect(ctx.visibility).toBe('public');
    expect(ctx.conversation).toContain('software update 14.2');
    expect(ctx.conversation).toContain('Tom Becker: After the update my eSIM');
  });

  it('follows the comment the agent focused', () => {
    const { doc, url } = loadFixture('facebook', POST);
    doc.querySelector<HTMLElement>('[aria-label^="Comment by Marcus"] > a')!.focus();
    const ctx = facebook.read(doc, url)!;
    expect(ctx.identities).toEqual([{ kind: 'facebook', value: 'marcus.chen.391' }]);
    expect(ctx.displayName).toBe('Marcus Chen');
  });

  it('follows a comment linked from the URL', () => {
    const { doc } = loadFixture('facebook', POST);
    const ctx = facebook.read(doc, new URL(`${POST}?comment_id=Y29tbWVudDo5MDAy`))!;
    expect(ctx.identities).toEqual([{ kind: 'facebook', value: 'marcus.chen.391' }]);
  });

  it('finds the Lexical comment box', () => {
    const { doc } = loadFixture('facebook', POST);
    expect(facebook.replyBox(doc)?.getAttribute('data-lexical-editor')).toBe('true');
  });

  it('gives each post in a Page feed a button in its action bar, with the author, text and permalink', () => {
    const items = itemsOn(PAGE_FEED);
    expect(items.map((i) => i.draft.authorName)).toEqual(['Tom Becker', 'Marcus Chen', 'Northwind Mobile']);
    const [tom] = items;
    expect(asInput(tom!)).toMatchObject({
      site: 'facebook',
      channel: 'facebook',
      visibility: 'public',
      identities: [{ kind: 'facebook', value: 'tom.becker.77' }], // the poster, not the Page posted to
      url: 'https://www.facebook.com/NorthwindMobile/posts/pfbid0TomB3eSim', // tracking parameters dropped
      externalId: 'pfbid0TomB3eSim',
      postedAt: null, // Facebook shows no machine-readable time
    });
    expect(tom!.draft.text).toBe(
      'Third day without mobile data since the 14.2 update. My eSIM shows "No service" and the chat on your website keeps timing out. Please fix this!',
    );
    expect(tom!.anchor.querySelector('[data-ad-rendering-role="like_button"]')).not.toBeNull();
    expect(tom!.anchor.closest('div[role="article"]')).toBe(tom!.element);
    expect(items[1]!.draft.externalId).toBe('pfbid0x7Marcus');
  });

  it('gives the post of a single-post page its own button, before the buttons of its comments', () => {
    const items = itemsOn(POST);
    expect(items.map((i) => i.draft.externalId)).toEqual(['pfbid02Xk7a', 'Y29tbWVudDo5MDAx', 'Y29tbWVudDo5MDAy', 'Y29tbWVudDo5MDAz']);
    const [post, tom] = items;
    expect(post!.element.getAttribute('aria-posinset')).toBe('1');
    expect(post!.draft.identities).toEqual([{ kind: 'facebook', value: 'northwindmobile' }]);
    expect(post!.draft.text).toContain('software update 14.2');
    expect(post!.draft.url).toBe(POST);
    // The post's action bar is its own, not a comment's.
    expect(post!.anchor.closest('div[role="article"]')).toBe(post!.element);
    expect(asInput(tom!)).toMatchObject({ identities: [{ kind: 'facebook', value: 'tom.becker.77' }], url: `${POST}?comment_id=Y29tbWVudDo5MDAx` });
  });

  it('gives no button to a feed entry without an author', () => {
    expect(itemsOn('https://www.facebook.com/')).toEqual([]);
  });
});
