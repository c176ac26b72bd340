// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { renderMarkdown } from './markdown';

// DOMPurify does not support happy-dom (cure53/DOMPurify#1457: hostile markup passes through), so
// sanitization itself is tested in Chromium (markdown.test.ts). Here we check we fail closed.
describe('renderMarkdown in a DOM where DOMPurify does not work', () => {
  it('falls back to escaped text instead of unsanitized HTML', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const html = renderMarkdown('# Title\n\n<img src=x onerror="alert(1)"> [x](javascript:alert(2))');
    expect(html.startsWith('<pre>')).toBe(true);
    expect(html).not.toMatch(/<img|<a /);
    const root = document.createElement('div');
    root.innerHTML = html;
    expect(root.textContent).toContain('onerror="alert(1)"');
    expect(root.querySelector('img')).toBeNull();
    expect(error).toHaveBeenCalledOnce();
  });
});
