// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ExternalLink } from './ExternalLink';

describe('ExternalLink', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('renders an http(s) URL as a link to a new tab without opener', () => {
    render(<ExternalLink href="https://help.example.com/refunds">Open in the help centre</ExternalLink>, root);
    const a = root.querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://help.example.com/refunds');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(a?.textContent).toBe('Open in the help centre');
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd'])('renders %s as text, not a link', (url) => {
    render(<ExternalLink href={url}>source</ExternalLink>, root);
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toBe(`source (${url})`);
  });
});
