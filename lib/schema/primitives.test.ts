import { describe, expect, it } from 'vitest';
import { Customer } from './entities';
import { cleanText, INT4_MAX, Int4, IsoDate, Text, Timestamp } from './primitives';

describe('Text', () => {
  it('refuses a NUL and a lone surrogate, which PostgreSQL cannot store', () => {
    expect(Text(50).safeParse('a\u0000b').success).toBe(false);
    expect(Text(50).safeParse('half an emoji \ud83d').success).toBe(false);
    expect(Text(50).safeParse('\udc00 alone').success).toBe(false);
  });

  it('accepts ordinary text, emoji included, up to its length', () => {
    expect(Text(50).safeParse('Café 😀 ok').success).toBe(true);
    expect(Text(3).safeParse('abcd').success).toBe(false);
    expect(Text(50).min(1).safeParse('').success).toBe(false);
  });

  it('guards every string of an entity that reaches the database', () => {
    const customer = {
      id: 'c1',
      version: 1,
      updatedAt: '2026-01-01T00:00:00.000Z',
      teamId: 't1',
      name: 'Ada',
      identities: [{ kind: 'email', value: 'ada@example.com' }],
      tier: 'gold',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    expect(Customer.safeParse(customer).success).toBe(true);
    expect(Customer.safeParse({ ...customer, name: 'A\u0000da' }).success).toBe(false);
    expect(Customer.safeParse({ ...customer, tags: ['\ud800'] }).success).toBe(false);
    expect(Customer.safeParse({ ...customer, id: 'c\u00001' }).success).toBe(false);
  });
});

describe('cleanText', () => {
  it('drops NUL characters and replaces lone surrogates with U+FFFD, keeping whole emoji', () => {
    expect(cleanText('a\u0000b \ud83d c 😀 \udc00')).toBe('ab \ufffd c 😀 \ufffd');
    expect(Text(50).safeParse(cleanText('x\u0000\ud83d')).success).toBe(true);
  });
});

describe('Timestamp and IsoDate', () => {
  it('accept what Date#toISOString gives and real offsets', () => {
    expect(Timestamp.safeParse(new Date().toISOString()).success).toBe(true);
    expect(Timestamp.safeParse('2026-03-01T10:00:00+14:00').success).toBe(true);
    expect(Timestamp.safeParse('2026-03-01T10:00:00-12:00').success).toBe(true);
    expect(IsoDate.safeParse('2026-03-01').success).toBe(true);
  });

  it('refuse year 0000, years past 9999 and offsets no place has', () => {
    expect(Timestamp.safeParse('0000-01-01T00:00:00Z').success).toBe(false);
    expect(Timestamp.safeParse('1969-12-31T23:59:59Z').success).toBe(false);
    expect(Timestamp.safeParse('2026-03-01T10:00:00+23:59').success).toBe(false);
    expect(IsoDate.safeParse('0000-01-01').success).toBe(false);
  });
});

describe('Int4', () => {
  it('fits a PostgreSQL int4 column', () => {
    expect(Int4.safeParse(INT4_MAX).success).toBe(true);
    expect(Int4.safeParse(INT4_MAX + 1).success).toBe(false);
    expect(Int4.safeParse(-1).success).toBe(false);
  });
});
