import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useBrowserLanguage } from '../i18n/test-setup';
import type { Snippet } from '../schema';
import { snippetRecord } from './test-records';

const snippet = snippetRecord();

// The background as the console sees it: the item as stored, each write answered with the next version.
let stored = snippet;
const writeNext = (patch: Partial<Snippet>) => {
  stored = { ...stored, ...patch, version: stored.version + 1 };
  return { outcome: 'saved', item: { kind: 'snippets', record: stored } };
};
const send = vi.fn(async (name: string, request: { body?: { patch?: Partial<Snippet> }; action?: string }) => {
  if (name === 'manager.get') return { kind: 'snippets', record: stored };
  if (name === 'manager.edit') return writeNext(request.body?.patch ?? {});
  if (name === 'manager.setStatus') return writeNext({ status: request.action === 'publish' ? 'published' : 'draft' });
  if (name === 'manager.list') return { kind: 'snippets', items: [stored], total: 1, limit: 25, offset: 0 };
  throw new Error(`unexpected ${name}`);
});
vi.mock('../messaging/browser', () => ({ send: (name: string, request: never) => send(name, request) }));
const state = await import('./state');

describe('the console’s notices', () => {
  beforeEach(async () => {
    stored = snippet;
    state.chooseKind('snippets');
    await state.openItem('snip-1');
  });
  afterEach(() => useBrowserLanguage('en'));

  it('says what a save, a publish or an invalid draft did', async () => {
    state.updateDraft({ title: '' });
    expect(await state.save()).toBe(false);
    expect(state.error.value?.message).toBe('Fix the highlighted field before saving.');
    state.updateDraft({ title: 'Refund policy' });
    expect(await state.save()).toBe(true);
    expect(state.notice.value).toBe('Saved as version 4.');
    expect(await state.save()).toBe(true);
    expect(state.notice.value).toBe('Nothing changed.');
    await state.changeStatus('publish');
    expect(state.notice.value).toBe('Published.');
  });

  it('speaks the browser’s language (German here)', async () => {
    useBrowserLanguage('de');
    state.updateDraft({ title: '', shortcut: 'no-prefix' });
    await state.save();
    expect(state.error.value?.message).toBe('Korrigieren Sie vor dem Speichern die 2 markierten Felder.');
    state.updateDraft({ title: 'Erstattung', shortcut: ';refund' });
    await state.save();
    expect(state.notice.value).toBe('Als Version 4 gespeichert.');
    await state.changeStatus('publish');
    expect(state.notice.value).toBe('Veröffentlicht.');
  });
});
