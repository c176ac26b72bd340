import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../db';
import { customer, interaction, kase, useTestDatabase } from '../db/test-fixtures';
import { createArticleFromCaseHandler, draftFromCase, redactForArticle } from './article-from-case';

const db = useTestDatabase();

describe('redactForArticle', () => {
  it('leaves no name, email, phone, handle, link, address or digits', () => {
    const text =
      'Hi, I’m Jane Doe (@janedoe_88, jane.doe@example.com, +44 20 7946 0958). Order 48213377 never came to 12 Baker Street; ' +
      'see https://shop.example/orders/48213377. Card 4242 4242 4242 4242. Thanks, Jane';
    const out = redactForArticle(text, ['Jane Doe']);
    expect(out).not.toMatch(/jane|doe|@|\d|baker|example/i);
    expect(out).toContain('Order [number] never came to [address]');
    expect(out).toContain('[handle]');
  });

  it('takes out a name after a greeting or sign-off that nobody named, and a German street address', () => {
    expect(redactForArticle('Hello Priya, the router restarts itself. Regards, Tomasz', [])).toBe('Hello [name], the router restarts itself. Regards, [name]');
    expect(redactForArticle('Lieferung an Hauptstraße 5b kam nicht an', [])).toBe('Lieferung an [address] kam nicht an');
  });
});

describe('draftFromCase', () => {
  it('quotes the first customer message as the question and the last agent reply as the answer, redacted', () => {
    const c = kase('k-1', 'c-jane', { status: 'solved', subject: 'Refund for order 48213377' });
    const draft = draftFromCase(
      c,
      [
        interaction('i-3', 'c-jane', { caseId: 'k-1', direction: 'outbound', text: 'Sorry Jane, checking.', occurredAt: '2026-11-20T10:00:00.000Z' }),
        interaction('i-1', 'c-jane', { caseId: 'k-1', direction: 'inbound', text: 'My eSIM shows no service.\nJane', occurredAt: '2026-11-20T09:00:00.000Z' }),
        interaction('i-2', 'c-jane', { caseId: 'k-1', direction: 'inbound', text: 'Any news?', occurredAt: '2026-11-20T09:30:00.000Z' }),
        interaction('i-4', 'c-jane', {
          caseId: 'k-1',
          direction: 'outbound',
          authorName: 'Morgan Manager',
          text: 'Remove the eSIM and scan the new QR code. Morgan',
          occurredAt: '2026-11-20T11:00:00.000Z',
        }),
        interaction('i-5', 'c-jane', { caseId: 'k-other', direction: 'outbound', text: 'Another case', occurredAt: '2026-11-20T12:00:00.000Z' }),
      ],
      ['Jane Doe'],
    );
    expect(draft).toEqual({
      caseId: 'k-1',
      title: 'Refund for order [number]',
      body: '## Question\n\n> My eSIM shows no service.\n> [name]\n\n## Answer\n\nRemove the eSIM and scan the new QR code. [name]\n',
    });
  });
});

describe('knowledge.articleFromCase', () => {
  const handler = (role: 'agent' | 'manager') =>
    createArticleFromCaseHandler({ db: db(), user: async () => ({ name: 'Morgan Manager', role }) })['knowledge.articleFromCase'];

  it('drafts from a solved case on this device with its customer’s name taken out', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: customer('c-jane', { name: 'Jane Doe' }) },
      { entity: 'cases', seq: 2, record: kase('k-1', 'c-jane', { status: 'closed', subject: 'eSIM' }) },
      { entity: 'interactions', seq: 3, record: interaction('i-1', 'c-jane', { caseId: 'k-1', direction: 'inbound', text: 'Doe here: no signal' }) },
    ]);
    const draft = await handler('manager')({ caseId: 'k-1' }, {});
    expect(draft.body).toContain('> [name] here: no signal');
  });

  it('refuses agents, open cases and cases this device lacks', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: customer('c-jane') },
      { entity: 'cases', seq: 2, record: kase('k-open', 'c-jane', { status: 'open' }) },
      { entity: 'cases', seq: 3, record: kase('k-solved', 'c-jane', { status: 'solved' }) },
    ]);
    await expect(handler('agent')({ caseId: 'k-solved' }, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(handler('manager')({ caseId: 'k-open' }, {})).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(handler('manager')({ caseId: 'k-gone' }, {})).rejects.toMatchObject({ code: 'not_found' });
  });
});
