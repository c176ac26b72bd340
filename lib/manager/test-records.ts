import type { Snippet } from '../schema';

/** A snippet as the console receives it, for the manager tests; `overrides` sets what a test is about. */
export function snippetRecord(overrides: Partial<Snippet> = {}): Snippet {
  return {
    id: 'snip-1',
    version: 3,
    updatedAt: '2026-11-20T09:00:00.000Z',
    deleted: false,
    title: 'Refund',
    shortcut: ';refund',
    body: 'Hi {{customer.firstName}}',
    tags: ['billing'],
    language: 'en',
    status: 'draft',
    targeting: { teamIds: [], sites: [], tags: [] },
    ...overrides,
  };
}
