// The editor's form as plain strings, and the way between it and the server's create/edit bodies.
// Validation is the server's own schemas (CREATE_REQUESTS), so the console refuses what the server would.
import type { z } from 'zod';
import { t } from '../i18n/t';
import { issueMessage } from '../i18n/zod-issues';
import { type ContentStatus, CREATE_REQUESTS, type ManagedItem } from '../schema/manager';

/** The kinds the console authors (site rules have their own page in the options). */
export type AuthoredKind = 'articles' | 'snippets' | 'broadcasts';
export const AUTHORED_KINDS: readonly AuthoredKind[] = ['articles', 'snippets', 'broadcasts'];

export type Severity = 'info' | 'minor' | 'major' | 'critical';

export interface Draft {
  title: string;
  /** Markdown for articles, the reply text for snippets, the message for broadcasts. */
  body: string;
  summary: string;
  url: string;
  language: string;
  /** Comma-separated. */
  tags: string;
  shortcut: string;
  severity: Severity;
  /** `datetime-local` values (the manager's local time). */
  startsAt: string;
  endsAt: string;
  suggestedSnippetId: string;
  teamIds: string[];
  /** Comma-separated site names or hosts. */
  sites: string;
  /** Comma-separated targeting tags. */
  targetTags: string;
  /** Articles' "also answers" phrasings, one per line. */
  alsoAnswers: string;
  /** The solved case a new article is drafted from ("Draft article"); '' for none. Kept on the article, never edited. */
  fromCaseId: string;
}

export type AuthoredRecord = Extract<ManagedItem, { kind: AuthoredKind }>['record'];

export function splitList(s: string): string[] {
  return s
    .split(/[,;]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** An ISO time as a `datetime-local` value in this browser's zone, to the minute. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** A `datetime-local` value as an ISO time; an unreadable one stays as typed so validation names it. */
export function fromLocalInput(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

export function emptyDraft(now = new Date()): Draft {
  return {
    title: '',
    body: '',
    summary: '',
    url: '',
    language: 'en',
    tags: '',
    shortcut: ';',
    severity: 'major',
    startsAt: toLocalInput(now.toISOString()),
    endsAt: '',
    suggestedSnippetId: '',
    teamIds: [],
    sites: '',
    targetTags: '',
    alsoAnswers: '',
    fromCaseId: '',
  };
}

export function draftFrom(kind: AuthoredKind, record: AuthoredRecord | null, now = new Date()): Draft {
  const d = emptyDraft(now);
  if (!record) return d;
  const targeting = { teamIds: [...record.targeting.teamIds], sites: record.targeting.sites.join(', '), targetTags: record.targeting.tags.join(', ') };
  if (kind === 'broadcasts' && 'severity' in record) {
    return {
      ...d,
      ...targeting,
      title: record.title,
      body: record.message,
      severity: record.severity,
      startsAt: toLocalInput(record.startsAt),
      endsAt: toLocalInput(record.endsAt),
      suggestedSnippetId: record.suggestedSnippetId ?? '',
    };
  }
  if ('shortcut' in record) {
    return { ...d, ...targeting, title: record.title, body: record.body, shortcut: record.shortcut, language: record.language, tags: record.tags.join(', ') };
  }
  if ('summary' in record) {
    return {
      ...d,
      ...targeting,
      title: record.title,
      body: record.body,
      summary: record.summary,
      url: record.url ?? '',
      language: record.language,
      tags: record.tags.join(', '),
      alsoAnswers: (record.alsoAnswers ?? []).join('\n'),
      fromCaseId: record.fromCaseId ?? '',
    };
  }
  return d;
}

/** One phrasing per non-empty line, each once. */
function phrasingsOf(lines: string): string[] {
  return [...new Set(lines.split('\n').map((line) => line.trim()))].filter(Boolean);
}

function targetingOf(d: Draft) {
  return { teamIds: d.teamIds, sites: splitList(d.sites).map((s) => s.toLowerCase()), tags: splitList(d.targetTags) };
}

/** Each schema field with the form fields it is made of, per kind. */
const FIELD_SOURCES: Record<AuthoredKind, Record<string, (keyof Draft)[]>> = {
  articles: {
    title: ['title'],
    body: ['body'],
    summary: ['summary'],
    url: ['url'],
    tags: ['tags'],
    language: ['language'],
    targeting: ['teamIds', 'sites', 'targetTags'],
    alsoAnswers: ['alsoAnswers'],
  },
  snippets: { title: ['title'], shortcut: ['shortcut'], body: ['body'], tags: ['tags'], language: ['language'], targeting: ['teamIds', 'sites', 'targetTags'] },
  broadcasts: {
    title: ['title'],
    message: ['body'],
    severity: ['severity'],
    startsAt: ['startsAt'],
    endsAt: ['endsAt'],
    suggestedSnippetId: ['suggestedSnippetId'],
    targeting: ['teamIds', 'sites', 'targetTags'],
  },
};

/** The create body's fields (no id) for a draft. */
export function fieldsFromDraft(kind: AuthoredKind, d: Draft): Record<string, unknown> {
  const targeting = targetingOf(d);
  if (kind === 'articles') {
    return {
      title: d.title.trim(),
      body: d.body,
      summary: d.summary,
      url: d.url.trim() || null,
      tags: splitList(d.tags),
      language: d.language.trim(),
      targeting,
      alsoAnswers: phrasingsOf(d.alsoAnswers),
      ...(d.fromCaseId ? { fromCaseId: d.fromCaseId } : {}),
    };
  }
  if (kind === 'snippets') {
    return { title: d.title.trim(), shortcut: d.shortcut.trim(), body: d.body, tags: splitList(d.tags), language: d.language.trim(), targeting };
  }
  return {
    title: d.title.trim(),
    message: d.body,
    severity: d.severity,
    startsAt: fromLocalInput(d.startsAt),
    endsAt: d.endsAt ? fromLocalInput(d.endsAt) : null,
    suggestedSnippetId: d.suggestedSnippetId.trim() || null,
    targeting,
  };
}

export interface FieldProblem {
  field: string;
  message: string;
}

export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(item)', message: issueMessage(i) }));
}

/** Checks a draft with the server's create schema; empty when it would be accepted (shape-wise). */
export function validateDraft(kind: AuthoredKind, d: Draft): FieldProblem[] {
  const parsed = CREATE_REQUESTS[kind].safeParse(fieldsFromDraft(kind, d));
  const problems = parsed.success ? [] : problemsOf(parsed.error);
  if (kind === 'broadcasts' && d.endsAt && d.startsAt && fromLocalInput(d.endsAt) <= fromLocalInput(d.startsAt)) {
    problems.push({ field: 'endsAt', message: t('de2_broadcast_ends_before_start') });
  }
  return problems;
}

/** Only the fields the manager changed, so a save records what they meant to change. */
export function patchFrom(kind: AuthoredKind, record: AuthoredRecord, d: Draft): Record<string, unknown> {
  const base = draftFrom(kind, record);
  const fields = fieldsFromDraft(kind, d);
  const patch: Record<string, unknown> = {};
  for (const [field, sources] of Object.entries(FIELD_SOURCES[kind])) {
    if (sources.some((k) => JSON.stringify(base[k]) !== JSON.stringify(d[k]))) patch[field] = fields[field];
  }
  return patch;
}

export function statusOf(record: AuthoredRecord): ContentStatus {
  return 'status' in record ? record.status : 'published';
}
