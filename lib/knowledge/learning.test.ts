import { describe, expect, it } from 'vitest';
import { HALF_LIFE_DAYS, LearnedAssociations, learn, learnableTerms, MAX_TERMS_PER_ITEM } from './learning';
import { suggest } from './rank';
import { KnowledgeIndex } from './search-index';
import { article } from './test-fixtures';

const kb = KnowledgeIndex.build({
  articles: [
    article('esim', { title: 'Activate your eSIM', body: 'Scan the QR code from the email to install the eSIM profile.' }),
    article('roaming', { title: 'Roaming abroad', body: 'Turn on data roaming before you travel.' }),
  ],
});
const page = (conversation: string) => ({ subject: null, conversation, identities: [], displayName: null });

describe('learnableTerms', () => {
  it('keeps the informative words and never digits, identities or the customer name', () => {
    const terms = learnableTerms(kb, {
      subject: null,
      conversation: 'Hi, Maria Lopez here, my virtual sim card 4929 order 123456 will not register, mail maria@example.com',
      identities: [{ kind: 'email', value: 'maria@example.com' }],
      displayName: 'Maria Lopez',
    });
    expect(terms).toEqual(expect.arrayContaining(['virtual', 'sim', 'card', 'regist']));
    for (const forbidden of ['maria', 'lopez', '4929', '123456', 'example.com', 'example']) expect(terms).not.toContain(forbidden);
  });

  it('learns everyday words too: in a pick they often name the problem', () => {
    // "read" and "back" are everyday words (they weigh little in a query) but say what this page is about.
    const terms = learnableTerms(kb, page('did she read my mail? can I back up my boards'));
    expect(terms).toEqual(expect.arrayContaining(['read', 'back']));
  });
});

describe('learn', () => {
  it('decays old picks by half every half-life and keeps the strongest terms per item', () => {
    const start = new Date('2025-01-01T00:00:00Z');
    const later = new Date(start.getTime() + HALF_LIFE_DAYS * 86_400_000);
    const first = learn([], ['sim', 'virtual'], start);
    const second = learn(first, ['sim'], later);
    expect(second.find((t) => t.term === 'sim')?.weight).toBeCloseTo(1.5);
    expect(second.find((t) => t.term === 'virtual')?.weight).toBeCloseTo(0.5);
    const many = learn(
      [],
      Array.from({ length: MAX_TERMS_PER_ITEM + 10 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`),
      start,
    );
    expect(many).toHaveLength(MAX_TERMS_PER_ITEM);
  });
});

describe('a learned association as a ranking field', () => {
  it("an agent's insert on one page makes the article found for the same problem in other words", () => {
    const other = page('my virtual sim card will not register on the network');
    expect(suggest(kb, other, { site: 'x', minConfidence: 0 }).map((s) => s.id)).not.toContain('esim');
    const learned = new LearnedAssociations();
    learned.record('article:esim', learnableTerms(kb, page('virtual sim card cannot register')));
    expect(suggest(kb, other, { site: 'x', learned })[0]?.id).toBe('esim');
    expect(suggest(kb, other, { site: 'x', learned, components: { learning: false } }).map((s) => s.id)).not.toContain('esim');
  });
});
