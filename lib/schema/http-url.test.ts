import { describe, expect, it } from 'vitest';
import { Article, CaseSource, HttpUrl, Interaction } from './entities';
import { isHttpUrl } from './http-url';
import { CreateArticleRequest } from './manager';
import { CaptureInput } from './messages';

const REFUSED = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'chrome-extension://abc/page.html',
  'mailto:a@b.c',
];

describe('HttpUrl', () => {
  it('accepts http and https links', () => {
    expect(HttpUrl.parse('https://help.example.com/refunds')).toBe('https://help.example.com/refunds');
    expect(isHttpUrl('http://x.test/')).toBe(true);
  });

  it.each(REFUSED)('refuses %s with a message saying why', (url) => {
    expect(isHttpUrl(url)).toBe(false);
    const result = HttpUrl.safeParse(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(' ')).toMatch(/http|URL/i);
  });

  it('guards every stored URL field: article, case source, interaction source, capture, authoring', () => {
    expect(Article.shape.url.safeParse('javascript:alert(1)').success).toBe(false);
    expect(CaseSource.shape.url.safeParse('javascript:alert(1)').success).toBe(false);
    expect(Interaction.shape.sourceUrl.safeParse('data:text/html,x').success).toBe(false);
    expect(CaptureInput.shape.url.safeParse('file:///etc/passwd').success).toBe(false);
    expect(CreateArticleRequest.shape.url.safeParse('javascript:alert(1)').success).toBe(false);
    expect(CreateArticleRequest.shape.url.safeParse('https://help.example.com/a').success).toBe(true);
  });
});
