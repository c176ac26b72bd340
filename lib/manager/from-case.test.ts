import { describe, expect, it } from 'vitest';
import { caseToDraftFrom, consolePathForCase } from './from-case';

describe('the console opened to draft an article from a case', () => {
  it('reads back the case the side panel asked for', () => {
    const path = consolePathForCase('case-kb 1&x');
    expect(caseToDraftFrom(new URL(path, 'chrome-extension://id').search)).toBe('case-kb 1&x');
  });

  it('ignores a missing, empty or oversized id', () => {
    expect(caseToDraftFrom('')).toBeNull();
    expect(caseToDraftFrom('?draftFromCase=')).toBeNull();
    expect(caseToDraftFrom(`?draftFromCase=${'x'.repeat(65)}`)).toBeNull();
  });
});
