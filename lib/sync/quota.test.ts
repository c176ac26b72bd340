import { describe, expect, it } from 'vitest';
import { isQuotaError } from './quota';

describe('storage pressure', () => {
  it('recognises a quota error however Dexie wraps it', () => {
    const inner = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    expect(isQuotaError(inner)).toBe(true);
    expect(isQuotaError(Object.assign(new Error('Dexie'), { name: 'AbortError', inner }))).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });
});
