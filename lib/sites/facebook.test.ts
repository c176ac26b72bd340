// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { facebook } from './facebook';
import { loadFixture } from './test-fixtures';

const POST = 'https://www.facebook.com/NorthwindMobile/posts/pfbid02Xk7a';

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
});
