import { describe, expect, it } from 'vitest';
import {
  ANSWERABILITY_FEATURES,
  ANSWERABILITY_MODEL,
  answerabilityOf,
  checkedAnswerabilityModel,
  contextQuery,
  DEFAULT_MIN_ANSWERABILITY,
  MAX_QUERY_TERMS,
  search,
  suggest,
  suggestAnswer,
  topK,
} from './rank';
import { KnowledgeIndex } from './search-index';
import { article, HELP_CENTRE, snippet } from './test-fixtures';

const index = KnowledgeIndex.build({
  articles: HELP_CENTRE,
  snippets: [
    snippet('refund', { title: 'Refund on its way', body: 'Hi {{customer.firstName}}, your refund for the order has been issued.', tags: ['refund'] }),
    snippet('vip-refund', {
      title: 'Priority refund for gold members',
      body: 'We have fast-tracked your refund: it will have arrived within 24 hours.',
      tags: ['refund', 'gold'],
      targeting: { teamIds: ['team-vip'], sites: [], tags: [] },
    }),
  ],
});
const ctx = (conversation: string, subject: string | null = null) => ({ subject, conversation });

describe('contextQuery', () => {
  it('drops stop words, mentions and links, weighs the subject and repeated words, and caps the length', () => {
    const q = contextQuery(ctx('@shop hi, please can you help me with the refund for my order https://t.co/abc refund', 'Refund missing'));
    const terms = q.map((t) => t.term);
    expect(terms[0]).toBe('refund');
    expect(terms).toContain('order');
    expect(terms).not.toContain('please');
    expect(terms).not.toContain('shop');
    expect(terms.some((t) => t.includes('t.co'))).toBe(false);
    const long = contextQuery(ctx(Array.from({ length: 200 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`).join(' ')));
    expect(long.length).toBe(MAX_QUERY_TERMS);
  });
});

describe('suggest', () => {
  it('ranks from the on-screen context and reports the matched words as written', () => {
    const [top] = suggest(index, ctx('I forgot my password and cannot sign in'), { site: 'gmail' });
    expect(top?.id).toBe('password');
    expect(top?.matchedTerms).toEqual(expect.arrayContaining(['password']));
    expect(top?.reason).toMatch(/“password”/);
  });

  it('puts the German article first for a German customer when both match, the English one otherwise', () => {
    const context = ctx('refund for my order please');
    const de = suggest(index, context, { site: 'zendesk', customerLanguage: 'de-DE', kinds: ['article'] });
    expect(de[0]?.id).toBe('refund-de');
    expect(de[0]?.reason).toMatch(/German/);
    const en = suggest(index, context, { site: 'zendesk', customerLanguage: 'en', kinds: ['article'] });
    expect(en[0]?.id).toBe('refund-en');
  });

  it('boosts items targeted at the site, and items the team uses', () => {
    const context = ctx('where is my parcel? tracking says nothing. also want to delete my account');
    const onTwitter = suggest(index, context, { site: 'twitter' });
    expect(onTwitter[0]?.id).toBe('shipping');
    expect(onTwitter[0]?.reason).toMatch(/written for twitter/);
    const used = suggest(index, context, { site: 'facebook', teamUsage: new Map([['delete-account', 40]]) });
    expect(used[0]?.id).toBe('delete-account');
    expect(used[0]?.reason).toMatch(/used 40 times/);
  });

  it('respects team targeting and boosts tier and tags', () => {
    const context = ctx('my refund has not arrived');
    const other = suggest(index, context, { site: 'gmail', teamIds: ['team-general'], kinds: ['snippet'] });
    expect(other.map((s) => s.id)).toEqual(['refund']);
    const vip = suggest(index, context, { site: 'gmail', teamIds: ['team-vip'], customerTier: 'gold', kinds: ['snippet'] });
    expect(vip[0]?.id).toBe('vip-refund');
    expect(vip[0]?.reason).toMatch(/gold customers/);
  });

  it('suggests nothing for text unrelated to the knowledge base', () => {
    expect(suggest(index, ctx('Happy birthday! Hope you have a great day with the family'), { site: 'twitter' })).toEqual([]);
    expect(suggest(index, ctx('lol what a game last night'), { site: 'twitter' })).toEqual([]);
    expect(suggest(index, ctx(''), { site: 'twitter' })).toEqual([]);
    expect(suggest(KnowledgeIndex.empty(), ctx('refund please'), { site: 'twitter' })).toEqual([]);
  });

  it('limits the number of suggestions', () => {
    expect(suggest(index, ctx('refund order password account parcel'), { site: 'gmail', limit: 2 })).toHaveLength(2);
  });
});

describe('suggest with a postings budget', () => {
  // "roaming" is in one article, "phone" in all six: the budget decides whether "phone" is searched.
  const budgeted = KnowledgeIndex.build({
    articles: [
      article('roaming', { title: 'Roaming charges on your phone' }),
      ...['screen', 'battery', 'camera', 'speaker', 'charger'].map((part) => article(part, { title: `Repairing a ${part} on your phone` })),
    ],
  });
  const matched = (postingsBudget?: number) => suggest(budgeted, ctx('roaming phone'), { site: 'zendesk', minConfidence: 0, postingsBudget })[0]?.matchedTerms;

  it('searches every term by default, and only as many postings as the budget allows, strongest term first', () => {
    expect(matched()).toEqual(['roaming', 'phone']);
    expect(matched(3)).toEqual(['roaming']);
  });

  it('still searches the strongest term when it alone is over the budget', () => {
    expect(matched(0)).toEqual(['roaming']);
  });
});

describe('search (side panel)', () => {
  it('matches a word being typed as a prefix and tolerates a typo', () => {
    expect(search(index, 'passw').map((s) => s.id)).toContain('password');
    expect(search(index, 'pasword reset').map((s) => s.id)[0]).toBe('password');
  });

  it('filters by kind, language, tags and site', () => {
    expect(search(index, 'refund', { kind: 'snippet' }).every((s) => s.kind === 'snippet')).toBe(true);
    expect(search(index, 'refund', { language: 'de' }).map((s) => s.id)).toEqual(['refund-de']);
    expect(search(index, 'account', { tags: ['privacy'] }).map((s) => s.id)).toEqual(['delete-account']);
    expect(search(index, 'parcel', { site: 'gmail' })).toEqual([]);
    expect(search(index, 'parcel', { site: 'twitter' }).map((s) => s.id)).toEqual(['shipping']);
  });

  it('falls back to any-word matching, and returns nothing for empty or stop-word input', () => {
    expect(
      search(index, 'password parcel')
        .map((s) => s.id)
        .sort(),
    ).toEqual(['password', 'shipping']);
    expect(search(index, '  ')).toEqual([]);
    expect(search(index, 'the and of')).toEqual([]);
  });

  it('does not find records added as drafts', () => {
    const i = KnowledgeIndex.build({ articles: [article('d', { title: 'Secret launch', status: 'draft' })] });
    expect(search(i, 'secret')).toEqual([]);
  });
});

describe('topK', () => {
  // A seeded generator: the same cases every run, many shapes of score and boost.
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  it('returns exactly the k best boosted scores, however the boosts reorder the raw ones', () => {
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 3_000);
      const k = 1 + Math.floor(random() * 10);
      const maxFactor = 1 + random() * 5;
      const score = new Float64Array(n);
      const factor = new Float64Array(n);
      const touched: number[] = [];
      for (let slot = 0; slot < n; slot++) {
        // Many ties and many filtered-out candidates, as real queries have.
        score[slot] = Math.round(random() * 50) / 10;
        factor[slot] = random() < 0.3 ? 0 : 0.2 + random() * (maxFactor - 0.2);
        if ((score[slot] as number) > 0) touched.push(slot);
      }
      const exact = (slot: number, raw: number) => ((factor[slot] as number) === 0 ? null : raw * (factor[slot] as number));
      const expected = touched
        .filter((slot) => factor[slot] !== 0)
        .map((slot) => (score[slot] as number) * (factor[slot] as number))
        .sort((a, b) => b - a)
        .slice(0, k);
      const got = topK({ score, mask: new Uint32Array(n), touched }, k, maxFactor, exact).map((r) => r.score);
      expect(got).toEqual(expected);
    }
  });
});

describe('lexical matching: synonyms and category prefixes', () => {
  const kbArticles = [
    article('strike', { title: 'Strikethrough text in messages', body: 'Select the text and press the strikethrough button in the toolbar.' }),
    article('bold', { title: 'Bold text in messages', body: 'Select the text and press the bold button in the toolbar.' }),
    article('bulletin-a', { title: 'Security Bulletin: vulnerability in the router firmware', body: 'Update the router firmware to 2.1.' }),
    article('bulletin-b', { title: 'Security Bulletin: vulnerability in the mobile app', body: 'Update the app from the store.' }),
    article('bulletin-c', { title: 'Security Bulletin: vulnerability in the web console', body: 'Update the console.' }),
    article('wifi', { title: 'Router keeps dropping the connection', body: 'Security settings of the router can drop older devices.' }),
    article('console', { title: 'Web console login fails', body: 'Clear the cookies of the console.' }),
  ];
  const kb = KnowledgeIndex.build({ articles: kbArticles });

  it('matches a phrase from the synonym list to the word the article uses', () => {
    const scores = (synonyms: boolean) => {
      const found = suggest(kb, ctx('how do I get my text crossed out in a message?'), { site: 'x', minConfidence: 0, components: { synonyms } });
      return Object.fromEntries(found.map((s) => [s.id, s.score]));
    };
    expect(scores(true).strike).toBeGreaterThan(scores(true).bold ?? 0);
    expect(scores(false).strike).toBe(scores(false).bold);
  });

  it('weighs a repeated "Category:" title prefix less, so siblings sharing only the prefix fall back', () => {
    const query = ctx('security bulletin web console login');
    const share = (index: KnowledgeIndex) => {
      const found = suggest(index, query, { site: 'x', minConfidence: 0 });
      const top = found[0];
      return { top: top?.id, sibling: (found.find((s) => s.id === 'bulletin-a')?.score ?? 0) / (top?.score ?? 1) };
    };
    const split = share(kb);
    const whole = share(KnowledgeIndex.build({ articles: kbArticles }, { categoryField: false }));
    expect(split.top).toBe('console');
    expect(split.sibling).toBeLessThan(whole.sibling / 2);
  });
});

describe('one-field BM25 blend on long pages', () => {
  const kbArticles = [
    article('title-match', {
      title: 'Nightly export fails with a timeout on large datasets',
      body: 'A nightly export of large datasets can fail with a timeout.',
    }),
    article('answer', {
      title: 'Batch jobs',
      body:
        'The scheduler runs the nightly export job. The export job fails when the scheduler hits the timeout on large datasets. ' +
        'Raise the scheduler timeout for the nightly export job of large datasets; the export job then runs; the scheduler stops the job only when the export is done.',
    }),
    article('colours', { title: 'Dashboard colours', body: 'Change the colours of the dashboard in the settings.' }),
    article('password', { title: 'Password reset', body: 'Reset a password from the login page.' }),
  ];
  const kb = KnowledgeIndex.build({ articles: kbArticles });
  const LONG_PAGE = 'Our nightly export fails with a timeout when the scheduler runs it on large datasets; the export job stops.';
  const order = (conversation: string, wholeText: boolean) =>
    suggest(kb, ctx(conversation), { site: 'x', minConfidence: 0, minAnswerability: 0, components: { wholeText } }).map((s) => s.id);

  it("puts the article that uses the page's words throughout before one that repeats them in its title, on a long page", () => {
    const page = LONG_PAGE;
    expect(order(page, false).slice(0, 2)).toEqual(['title-match', 'answer']);
    expect(order(page, true).slice(0, 2)).toEqual(['answer', 'title-match']);
  });

  it('leaves the order alone when what agents taught is in play: the learned field is not in the text', () => {
    const page = LONG_PAGE;
    const learned = { matches: (term: string) => (term === 'export' ? new Map([['article:title-match', 0.05]]) : undefined) };
    const taught = (wholeText: boolean) =>
      suggest(kb, ctx(page), { site: 'x', minConfidence: 0, minAnswerability: 0, learned, components: { wholeText } }).map((s) => s.id);
    expect(taught(true)).toEqual(taught(false));
    expect(taught(true)[0]).toBe('title-match');
  });

  it('reads a manager\'s "also answers" phrasings as part of the article\'s text, so the blend does not outvote them', () => {
    const phrased = KnowledgeIndex.build({
      articles: [
        ...kbArticles,
        article('phrased', {
          title: 'Quotas',
          body: 'Each workspace has quotas.',
          alsoAnswers: ['my nightly export stops with a timeout when the scheduler runs it on large datasets'],
        }),
      ],
    });
    const ids = suggest(phrased, ctx(LONG_PAGE), { site: 'x', minConfidence: 0, minAnswerability: 0 }).map((s) => s.id);
    expect(ids.indexOf('phrased')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf('phrased')).toBeLessThan(ids.indexOf('title-match'));
  });

  it('leaves a short page in the per-field order', () => {
    expect(order('nightly export timeout', true)).toEqual(order('nightly export timeout', false));
  });
});

describe('"also answers" phrasings', () => {
  // The page says it in words only the manager's phrasing has: neither title nor body mentions them.
  const page = ctx('the little envelope icon on my phone keeps blinking and I cannot hear who called');
  const voicemail = article('voicemail', { title: 'Listen to your voicemail', body: 'Dial 121 from your mobile and follow the menu.' });
  const others = [article('roaming', { title: 'Roaming abroad', body: 'Turn on data roaming before you travel; calls cost extra.' }), ...HELP_CENTRE];

  it('makes an article the top suggestion for a page that matches only its phrasing, and says which words matched', () => {
    const without = KnowledgeIndex.build({ articles: [voicemail, ...others] });
    expect(suggest(without, page, { site: 'x' }).map((s) => s.id)).not.toContain('voicemail');
    const phrased = { ...voicemail, alsoAnswers: ['envelope icon blinking on my phone'] };
    const top = suggest(KnowledgeIndex.build({ articles: [phrased, ...others] }), page, { site: 'x' })[0];
    expect(top?.id).toBe('voicemail');
    expect(top?.matchedTerms).toEqual(expect.arrayContaining(['envelope', 'icon', 'blinking']));
  });
});

describe('suggestAnswer (honest silence)', () => {
  it('is quiet with a reason when nothing matches, and answers with its answerability otherwise', () => {
    const none = suggestAnswer(index, ctx('happy birthday, see you at the beach'), { site: 'zendesk' });
    expect(none).toMatchObject({ suggestions: [], quiet: true });
    expect(none.quietReason).not.toBeNull();
    const answered = suggestAnswer(index, ctx('where is my refund for the order?'), { site: 'zendesk', minAnswerability: 0 });
    expect(answered.quiet).toBe(false);
    expect(answered.suggestions.length).toBeGreaterThan(0);
    expect(answered.answerability).toBeGreaterThan(0);
  });

  it('answers the pool behind the shown items from the same ranking, leaving the shown answer as it was', () => {
    const page = ctx('where is my refund for the order? it never arrived');
    const opts = { site: 'zendesk', limit: 1, minAnswerability: 0 } as const;
    const shown = suggestAnswer(index, page, opts);
    const withPool = suggestAnswer(index, page, { ...opts, pool: 20 });
    expect(withPool.suggestions).toEqual(shown.suggestions);
    expect(withPool.answerability).toBe(shown.answerability);
    expect(shown.pool).toBeUndefined();
    const pool = withPool.pool ?? [];
    expect(pool.length).toBeGreaterThan(1);
    expect(pool[0]).toEqual(shown.suggestions[0]);
    expect(pool.map((s) => s.score)).toEqual([...pool.map((s) => s.score)].sort((a, b) => b - a));
    // A quiet answer has no pool to re-order.
    expect(suggestAnswer(index, ctx('happy birthday, see you at the beach'), { site: 'zendesk', pool: 20 }).pool).toBeUndefined();
  });

  it('stays quiet when the calibrated answerability is under the threshold', () => {
    const strict = suggestAnswer(index, ctx('where is my refund for the order?'), { site: 'zendesk', minAnswerability: 0.999999 });
    expect(strict).toMatchObject({ suggestions: [], quiet: true, quietReason: 'not-confident' });
  });
});

describe('answerability (what tells "answers it" from "on topic")', () => {
  // Twelve sibling articles of one product: a page naming only the product matches them all alike.
  const siblings = [
    [
      'firmware',
      'Acme Router: firmware update fails',
      'If the firmware update stops part way, unplug the router for a minute, then start the update again from the admin page.',
    ],
    [
      'password',
      'Acme Router: reset the admin password',
      'Hold the reset button on the back of the router for ten seconds; the admin password goes back to the one on the label.',
    ],
    ['wifi', 'Acme Router: wifi drops at night', 'The router lowers its wifi power at night when eco mode is on; switch eco mode off in the admin page.'],
    ['ports', 'Acme Router: port forwarding for games', 'Open the admin page, choose Ports and forward the ports your game console needs to its address.'],
    ['parental', 'Acme Router: parental controls', 'Parental controls on the router block sites and set bedtimes for each device on your network.'],
    ['guest', 'Acme Router: guest network', 'Turn on the guest network in the admin page so visitors get wifi without reaching your own devices.'],
    ['lights', 'Acme Router: what the lights mean', 'A steady green light means the router is online; blinking orange means it is still starting.'],
    ['mesh', 'Acme Router: add a mesh satellite', 'Press the pair button on the router, then on the satellite, and wait for both lights to turn green.'],
    ['dns', 'Acme Router: change the DNS servers', 'In the admin page under Internet, type the DNS servers you want and save.'],
    ['vpn', 'Acme Router: set up a VPN', 'The router can run a VPN server for you: turn it on in the admin page and download the profile.'],
    ['speed', 'Acme Router: slow speeds over cable', 'Check that the cable is plugged into a gigabit port and that the router shows a 1000 Mbps link.'],
    ['factory', 'Acme Router: factory reset', 'A factory reset erases every setting on the router; hold the reset button for thirty seconds.'],
  ].map(([id, title, body]) => article(id as string, { title, body }));
  const routers = KnowledgeIndex.build({ articles: [...siblings, ...HELP_CENTRE] });
  const answer = (text: string) => suggestAnswer(routers, ctx(text), { site: 'x', minAnswerability: 0 });
  const answered = answer('the firmware update on my acme router fails every time');
  const onTopic = answer('my acme router makes a buzzing noise and gets hot when the admin page is open');

  it('shows the article that answers the page, and rates it above a page that only shares the product and its admin page', () => {
    expect(answered.suggestions[0]?.id).toBe('firmware');
    expect(suggestAnswer(routers, ctx('the firmware update on my acme router fails every time'), { site: 'x' }).quiet).toBe(false);
    expect(answered.answerability).toBeGreaterThan(DEFAULT_MIN_ANSWERABILITY);
    expect(onTopic.answerability).toBeLessThan(answered.answerability - 0.2);
  });

  it('measures how much of the page the top article covers and how far it stands out of its siblings', () => {
    const [a, b] = [answered.features, onTopic.features];
    expect(a && b).toBeTruthy();
    if (!a || !b) return;
    expect(a.topCoverage).toBeGreaterThan(0.8);
    expect(b.topCoverage).toBeLessThan(0.4);
    expect(a.scoreSpread).toBeGreaterThan(b.scoreSpread);
    // The firmware page matched the rare word "firmware"; the other only words every sibling has or none has.
    expect(a.rarestMatched).toBeGreaterThan(b.rarestMatched);
  });

  it('a lone match stands out more than one of many alike', () => {
    const lone = suggestAnswer(index, ctx('my refund has not arrived'), { site: 'gmail', kinds: ['snippet'], teamIds: ['team-general'], minAnswerability: 0 });
    expect(lone.suggestions.map((s) => s.id)).toEqual(['refund']);
    expect(lone.features?.scoreSpread).toBeGreaterThan(onTopic.features?.scoreSpread ?? 1);
  });

  it('scores with the committed model, which rises with coverage and falls with length at equal coverage', () => {
    const base = { coverage: 0.5, topCoverage: 0.5, scoreSpread: 0.2, rarestMatched: 0.5, informativeTerms: 8 };
    expect(answerabilityOf(base)).toBeGreaterThan(0);
    expect(answerabilityOf({ ...base, topCoverage: 0.8 })).toBeGreaterThan(answerabilityOf(base));
    expect(answerabilityOf({ ...base, scoreSpread: 0.3 })).toBeGreaterThan(answerabilityOf(base));
    expect(answerabilityOf({ ...base, informativeTerms: 30 })).toBeLessThan(answerabilityOf(base));
    expect(ANSWERABILITY_MODEL.features).toEqual(ANSWERABILITY_FEATURES);
  });

  it('refuses a model file fitted on other features than the ranker computes', () => {
    expect(() => checkedAnswerabilityModel({ ...ANSWERABILITY_MODEL, features: ['coverage', 'margin', 'titleShare', 'logInformativeTerms'] })).toThrow(
      /answerability-model\.json/,
    );
  });
});

describe('verification: stale items rank lower', () => {
  const NOW = new Date('2026-11-20T09:00:00.000Z');
  // Two siblings that answer the page equally well; only their verify-by dates differ.
  const twins = (staleId: string) =>
    KnowledgeIndex.build({
      articles: ['a', 'b'].map((id) =>
        article(id, {
          title: 'Reset your voicemail PIN',
          body: 'Dial 121 and follow the voicemail PIN prompts.',
          verifyBy: id === staleId ? '2026-11-01T00:00:00.000Z' : '2027-02-01T00:00:00.000Z',
        }),
      ),
      snippets: [],
    });
  const page = { subject: null, conversation: 'how do I reset my voicemail PIN' };

  it('a verified sibling comes before a stale one, whichever was indexed first', () => {
    for (const staleId of ['a', 'b']) {
      const ranked = suggest(twins(staleId), page, { site: 'zendesk', now: NOW });
      expect(ranked.map((r) => r.id)).toEqual(staleId === 'a' ? ['b', 'a'] : ['a', 'b']);
      expect(ranked.at(-1)?.reason).toMatch(/verify-by/);
    }
  });

  it('without a clock nothing counts as stale', () => {
    const ranked = suggest(twins('a'), page, { site: 'zendesk' });
    expect(ranked.every((r) => !/verify-by/.test(r.reason))).toBe(true);
  });
});

describe('exact words beside the stems', () => {
  const kb = KnowledgeIndex.build({
    articles: [
      article('duplicate', {
        title: 'Duplicate an invoice',
        body: 'To reuse an invoice, duplicate it from the invoice menu and edit the copy. The copy keeps the customer and the items; change the date and the number before sending it.',
      }),
      article('twice', {
        title: 'Invoice charged two times',
        body: 'When invoices were duplicated by a retry, the customer sees two charges. Refund one of them from the billing page.',
      }),
      article('print', { title: 'Printing an invoice', body: 'Print the invoice from the menu.' }),
    ],
  });
  const page = ctx('why were my invoices duplicated');
  const order = (exactWords: boolean) => suggest(kb, page, { site: 'x', minConfidence: 0, minAnswerability: 0, components: { exactWords } }).map((s) => s.id);

  it('puts the article that uses the page’s own words ("invoices were duplicated") before one that only shares their stems', () => {
    // Stemmed, "duplicated invoices" and "duplicate an invoice" are the same two terms, and the title wins.
    expect(order(false)[0]).toBe('duplicate');
    expect(order(true)[0]).toBe('twice');
  });
});
