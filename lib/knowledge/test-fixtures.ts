import type { Article, Snippet } from '../schema';
import type { FieldTexts } from './postings';

const T = '2025-01-01T00:00:00.000Z';

export function article(id: string, fields: Partial<Article> = {}): Article {
  return {
    id,
    version: 1,
    updatedAt: T,
    deleted: false,
    title: `Article ${id}`,
    body: '',
    summary: '',
    url: null,
    tags: [],
    language: 'en',
    status: 'published',
    targeting: { teamIds: [], sites: [], tags: [] },
    ...fields,
  };
}

export function snippet(id: string, fields: Partial<Snippet> = {}): Snippet {
  return {
    id,
    version: 1,
    updatedAt: T,
    deleted: false,
    title: `Snippet ${id}`,
    shortcut: `;${id}`,
    body: '',
    tags: [],
    language: 'en',
    status: 'published',
    targeting: { teamIds: [], sites: [], tags: [] },
    ...fields,
  };
}

/** A small help centre: real-sounding articles in two languages, and snippets. */
export const HELP_CENTRE: Article[] = [
  article('refund-en', {
    title: 'How to request a refund for an order',
    summary: 'Refunds are issued to the original payment method within 5 business days.',
    body: 'To request a **refund**, open your order history, choose the order and select *Request refund*. Refunds go back to the original payment method.',
    tags: ['billing', 'refund'],
  }),
  article('refund-de', {
    title: 'Rückerstattung für eine Bestellung beantragen (refund)',
    summary: 'Erstattungen gehen innerhalb von 5 Werktagen zurück auf das ursprüngliche Zahlungsmittel.',
    body: 'Um eine Rückerstattung (refund) für Ihre Bestellung (order) zu beantragen, öffnen Sie den Bestellverlauf.',
    tags: ['billing', 'refund'],
    language: 'de',
  }),
  article('password', {
    title: 'Reset your password',
    summary: 'Use the "Forgot password" link on the sign-in page.',
    body: 'If you cannot sign in, use the forgot password link and follow the email we send you.',
    tags: ['account'],
  }),
  article('shipping', {
    title: 'Shipping times and tracking a parcel',
    summary: 'Where your parcel is and when it arrives.',
    body: 'Track the parcel with the tracking number from the shipping confirmation email.',
    tags: ['shipping'],
    targeting: { teamIds: [], sites: ['twitter'], tags: [] },
  }),
  article('delete-account', {
    title: 'Delete your account',
    summary: 'Closing your account removes your data after 30 days.',
    body: 'Go to settings, privacy, and choose delete account.',
    tags: ['account', 'privacy'],
  }),
];

/** A document's field texts for the postings' tests: the fields given, the others empty. */
export const fieldTexts = (fields: Partial<FieldTexts>): FieldTexts => ({
  title: '',
  summary: '',
  body: '',
  tagText: '',
  shortcut: '',
  category: '',
  alsoAnswers: '',
  ...fields,
});
