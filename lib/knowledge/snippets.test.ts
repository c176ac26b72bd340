import { describe, expect, it } from 'vitest';
import { applyExpansion, expandShortcut, firstNameOf, renderSnippet, renderSnippetDetailed } from './snippets';
import { snippet } from './test-fixtures';

describe('renderSnippet', () => {
  const body = 'Hi {{customer.firstName}}, I am {{agent.firstName}} ({{agent.name}}). Case {{case.id}} for {{customer.name}}.';

  it('fills every known placeholder', () => {
    expect(renderSnippet(body, { customer: { name: 'Jane Doe' }, agent: { name: 'Sam Lee' }, case: { id: 'C-42' } })).toBe('Hi Jane, I am Sam (Sam Lee). Case C-42 for Jane Doe.');
  });

  it('uses "there" for a missing customer name and leaves a missing case id visible', () => {
    const r = renderSnippetDetailed('Hi {{customer.firstName}}, ref {{case.id}}', {});
    expect(r.text).toBe('Hi there, ref {{case.id}}');
    expect(r.missing).toEqual(['case.id']);
  });

  it('leaves unknown placeholders visible and reports them', () => {
    const r = renderSnippetDetailed('Order {{order.number}} / {{ customer.firstName }}', { customer: { firstName: 'Ana' } });
    expect(r.text).toBe('Order {{order.number}} / Ana');
    expect(r.unknown).toEqual(['order.number']);
  });

  it('accepts case variations and spaces, and never expands placeholders inside values', () => {
    expect(renderSnippet('{{Customer.FirstName}} {{ agent.name }}', { customer: { firstName: '{{agent.name}}' }, agent: { name: 'Sam' } })).toBe('{{agent.name}} Sam');
  });

  it('treats blank values as missing and derives first names sensibly', () => {
    expect(renderSnippet('Hi {{customer.firstName}}', { customer: { name: '   ' } })).toBe('Hi there');
    expect(firstNameOf('Dr. Jane Doe')).toBe('Jane');
    expect(firstNameOf('Doe, Jane')).toBe('Jane');
    expect(firstNameOf('@jane_doe')).toBeNull();
    expect(firstNameOf('jane@example.com')).toBeNull();
    expect(renderSnippet('Hi {{customer.firstName}}', { customer: { name: '@jane_doe' } })).toBe('Hi there');
  });

  it('leaves text without placeholders and malformed braces alone', () => {
    expect(renderSnippet('Use {{ }} or {single} or {{1abc}}', {})).toBe('Use {{ }} or {single} or {{1abc}}');
  });
});

describe('expandShortcut', () => {
  const snippets = [
    snippet('refund', { shortcut: ';refund', body: 'Hi {{customer.firstName}}, your refund is on its way.' }),
    snippet('ref', { shortcut: ';ref', body: 'Your reference is {{case.id}}.' }),
    snippet('thx', { shortcut: ';thx', body: 'Thanks!' }),
    snippet('draft', { shortcut: ';draft', body: 'Not yet', status: 'draft' }),
    snippet('gone', { shortcut: ';gone', body: 'Deleted', deleted: true }),
  ];

  it('expands a complete shortcut right before the caret', () => {
    const text = 'Hello ;refund';
    const e = expandShortcut(text, text.length, snippets, { customer: { name: 'Jane Doe' } });
    expect(e).toMatchObject({ start: 6, end: 13, replacement: 'Hi Jane, your refund is on its way.' });
    expect(e && applyExpansion(text, text.length, e)).toEqual({ text: 'Hello Hi Jane, your refund is on its way.', caret: 41 });
  });

  it('waits when the shortcut is the start of a longer one, and expands on a delimiter, keeping it', () => {
    expect(expandShortcut(';ref', 4, snippets)).toBeNull();
    const text = 'See ;ref, thanks';
    const e = expandShortcut(text, 9, snippets, { case: { id: 'C-7' } });
    expect(e).toMatchObject({ start: 4, end: 8, replacement: 'Your reference is C-7.' });
    expect(e && applyExpansion(text, 9, e)).toEqual({ text: 'See Your reference is C-7., thanks', caret: 27 });
  });

  it('works mid-text with the caret in the middle, at the start of a line, case-insensitively', () => {
    const text = 'first line\n;THX and more';
    expect(expandShortcut(text, 15, snippets)).toMatchObject({ start: 11, end: 15, replacement: 'Thanks!' });
  });

  it('does not expand inside words, URLs, unknown, draft or deleted shortcuts, or with the caret elsewhere', () => {
    expect(expandShortcut('abc;thx', 7, snippets)).toBeNull();
    expect(expandShortcut('http://x.io/a;thx', 17, snippets)).toBeNull();
    expect(expandShortcut(';nope', 5, snippets)).toBeNull();
    expect(expandShortcut(';draft', 6, snippets)).toBeNull();
    expect(expandShortcut(';gone', 5, snippets)).toBeNull();
    expect(expandShortcut(';thx', 2, snippets)).toBeNull();
    expect(expandShortcut(';thx', 99, snippets)).toBeNull();
    expect(expandShortcut('', 0, snippets)).toBeNull();
    expect(expandShortcut(';thx  ', 6, snippets)).toBeNull();
  });
});
