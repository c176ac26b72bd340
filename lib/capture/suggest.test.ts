import { describe, expect, it } from 'vitest';
import { subjectFrom, suggestPriority, suggestTags } from './suggest';

describe('capture suggestions', () => {
  it('suggests priority from what the customer says', () => {
    expect(suggestPriority('Whole street has no signal since 8am, is there an outage?')).toBe('urgent');
    expect(suggestPriority('I was charged twice for November')).toBe('high');
    expect(suggestPriority('How do I change my plan?')).toBe('normal');
  });

  it('suggests tags from known topics', () => {
    expect(suggestTags('My eSIM stopped working after roaming in Lisbon')).toEqual(['esim', 'roaming']);
  });

  it('takes the first sentence as the subject, cut at a word', () => {
    expect(subjectFrom('My eSIM stopped working. Please help!', 'Tweet')).toBe('My eSIM stopped working.');
    const long = subjectFrom('word '.repeat(40), 'x');
    expect(long.length).toBeLessThanOrEqual(91);
    expect(long.endsWith('…')).toBe(true);
    expect(subjectFrom('   ', 'Captured tweet')).toBe('Captured tweet');
  });
});
