import { describe, expect, it } from 'vitest';
import { useBrowserLanguage } from '../i18n/test-setup';
import type { Article, ManagedBroadcast } from '../schema';
import { draftFrom, emptyDraft, fieldsFromDraft, patchFrom, validateDraft } from './draft';
import { snippetRecord } from './test-records';

const snippet = snippetRecord({ status: 'published', targeting: { teamIds: ['team-care'], sites: [], tags: [] } });

describe('drafts', () => {
  it('round-trips a record into a draft and back without inventing changes', () => {
    expect(patchFrom('snippets', snippet, draftFrom('snippets', snippet))).toEqual({});
  });

  it('edits an article\'s "also answers" phrasings one per line, and leaves an older article without them unchanged', () => {
    const older: Article = {
      id: 'art-1',
      version: 2,
      updatedAt: '2026-11-20T09:00:00.000Z',
      deleted: false,
      title: 'Voicemail',
      body: 'Dial 121.',
      summary: '',
      url: null,
      tags: [],
      language: 'en',
      status: 'published',
      targeting: { teamIds: [], sites: [], tags: [] },
    };
    const draft = draftFrom('articles', older);
    expect(draft.alsoAnswers).toBe('');
    expect(patchFrom('articles', older, draft)).toEqual({});
    const typed = { ...draft, alsoAnswers: '  envelope icon blinking \n\nforgot my voicemail pin\nforgot my voicemail pin' };
    expect(patchFrom('articles', older, typed)).toEqual({ alsoAnswers: ['envelope icon blinking', 'forgot my voicemail pin'] });
    const saved = { ...older, alsoAnswers: ['envelope icon blinking', 'forgot my voicemail pin'] };
    expect(draftFrom('articles', saved).alsoAnswers).toBe('envelope icon blinking\nforgot my voicemail pin');
  });

  it('creates an article drafted from a case with the case it came from, and never sends that link in an edit', () => {
    const fromCase = { ...emptyDraft(), title: 'Router drops Wi-Fi', body: '## Question', fromCaseId: 'case-kb-1' };
    expect(fieldsFromDraft('articles', fromCase)).toMatchObject({ fromCaseId: 'case-kb-1' });
    expect(fieldsFromDraft('articles', { ...fromCase, fromCaseId: '' })).not.toHaveProperty('fromCaseId');
    expect(validateDraft('articles', fromCase)).toEqual([]);
    const saved: Article = {
      id: 'art-2',
      version: 1,
      updatedAt: '2026-11-20T09:00:00.000Z',
      deleted: false,
      title: 'Router drops Wi-Fi',
      body: '## Question',
      summary: '',
      url: null,
      tags: [],
      language: 'en',
      status: 'draft',
      targeting: { teamIds: [], sites: [], tags: [] },
      fromCaseId: 'case-kb-1',
    };
    const reopened = draftFrom('articles', saved);
    expect(reopened.fromCaseId).toBe('case-kb-1');
    expect(patchFrom('articles', saved, { ...reopened, title: 'Wi-Fi drops every evening' })).toEqual({ title: 'Wi-Fi drops every evening' });
  });

  it('patches only what the manager changed', () => {
    const d = { ...draftFrom('snippets', snippet), title: 'Refund (updated)', sites: 'Zendesk, x.com' };
    expect(patchFrom('snippets', snippet, d)).toEqual({
      title: 'Refund (updated)',
      targeting: { teamIds: ['team-care'], sites: ['zendesk', 'x.com'], tags: [] },
    });
  });

  it("keeps a broadcast's start unchanged when the minute-precision form is left alone", () => {
    const b: ManagedBroadcast = {
      id: 'bc-1',
      version: 1,
      updatedAt: '2026-11-20T09:00:00.000Z',
      deleted: false,
      title: 'Outage',
      message: 'Down',
      severity: 'major',
      startsAt: '2026-11-20T09:00:27.123Z',
      endsAt: null,
      suggestedSnippetId: null,
      targeting: { teamIds: [], sites: [], tags: [] },
      status: 'draft',
    };
    const d = draftFrom('broadcasts', b);
    expect(patchFrom('broadcasts', b, d)).toEqual({});
    expect(patchFrom('broadcasts', b, { ...d, body: 'Down since 9:00' })).toEqual({ message: 'Down since 9:00' });
  });

  it("validates with the server's create schema and names the fields", () => {
    const d = { ...emptyDraft(), title: '', shortcut: 'refund', sites: 'Not A Site!' };
    const fields = validateDraft('snippets', d).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'shortcut', 'targeting.sites.0']));
    expect(validateDraft('snippets', { ...d, title: 'Ok', shortcut: ';refund', sites: 'zendesk' })).toEqual([]);
  });

  it('refuses a broadcast that ends before it starts', () => {
    const d = { ...emptyDraft(), title: 'Outage', startsAt: '2026-11-20T10:00', endsAt: '2026-11-20T09:00' };
    expect(validateDraft('broadcasts', d).map((p) => p.field)).toContain('endsAt');
    expect(fieldsFromDraft('broadcasts', { ...d, endsAt: '' })).toMatchObject({ endsAt: null, suggestedSnippetId: null });
    useBrowserLanguage('de');
    expect(validateDraft('broadcasts', d).find((p) => p.field === 'endsAt')?.message).toBe('Eine Rundmeldung muss nach ihrem Beginn enden.');
    useBrowserLanguage('en');
  });
});
