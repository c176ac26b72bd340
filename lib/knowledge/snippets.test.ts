import { describe, expect, it } from 'vitest';
import { firstNameOf, renderSnippet } from './snippets';

describe('renderSnippet', () => {
  const body = 'Hi {{customer.firstName}}, I am {{agent.firstName}} ({{agent.name}}). Case {{case.id}} for {{customer.name}}.';

  it('fills every known placeholder', () => {
    expect(renderSnippet(body, { customer: { name: 'Jane Doe' }, agent: { name: 'Sam Lee' }, case: { id: 'C-42' } })).toBe(
      'Hi Jane, I am Sam (Sam Lee). Case C-42 for Jane Doe.',
    );
  });

  it('uses "there" for a missing customer name and leaves a missing case id visible', () => {
    expect(renderSnippet('Hi {{customer.firstName}}, ref {{case.id}}', {})).toBe('Hi there, ref {{case.id}}');
  });

  it('leaves unknown placeholders visible as typed', () => {
    expect(renderSnippet('Order {{order.number}} / {{ customer.firstName }}', { customer: { firstName: 'Ana' } })).toBe('Order {{order.number}} / Ana');
    expect(renderSnippet('{{constructor}} {{toString}}', {})).toBe('{{constructor}} {{toString}}');
  });

  it('accepts case variations and spaces, and never expands placeholders inside values', () => {
    expect(renderSnippet('{{Customer.FirstName}} {{ agent.name }}', { customer: { firstName: '{{agent.name}}' }, agent: { name: 'Sam' } })).toBe(
      '{{agent.name}} Sam',
    );
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
