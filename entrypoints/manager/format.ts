// Dates in the UI locale come from the one formatting module (lib/i18n/format.ts).
import { formatDate } from '../../lib/i18n/format';
import { type CountedKey, type MessageKey, t, uiLocale } from '../../lib/i18n/t';
import type { AuthoredKind, Severity } from '../../lib/manager/draft';
import type { ContentStatus, VersionAction } from '../../lib/schema/manager';
import type { Weekday } from '../../lib/schema/sla';

export { formatDate, formatNumber, formatPercent, formatRelative, formatWhen as formatDateTime } from '../../lib/i18n/format';

/**
 * A calendar day ("2026-12-07", as reports key their days and weeks) as the UI locale writes a date ("7 Dec 2026",
 * "07.12.2026"). Read as local midnight, so no time zone moves it to the day before or after.
 */
export function formatDay(isoDay: string): string {
  const local = new Date(`${isoDay}T00:00`);
  return Number.isNaN(local.getTime()) ? isoDay : formatDate(local.toISOString());
}

/** A ratio or an average with a fixed number of decimals in the UI locale ("2.00" / "2,00"). */
export function formatDecimal(n: number, digits: number): string {
  return new Intl.NumberFormat(uiLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** A share 0–1 as a percentage with one decimal ("87.5%" / "87,5 %"). */
export function formatShare(ratio: number): string {
  return new Intl.NumberFormat(uiLocale(), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratio);
}

// 2024-01-01 was a Monday: the weekday names come from the locale, counted from it.
const WEEKDAY_OFFSET: Record<Weekday, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
/** "Monday" / "Montag". */
export function weekdayName(day: Weekday): string {
  return new Intl.DateTimeFormat(uiLocale(), { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + WEEKDAY_OFFSET[day]));
}

/** A field's value in a diff or a conflict, short and readable. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/**
 * Each authored kind's sentences, one message per kind: German nouns differ in gender ("Neuer Artikel",
 * "Neue Rundmeldung"), so the noun is never pasted into a shared sentence.
 */
export const KIND_TEXT = {
  articles: {
    many: 'knowledge_articles',
    create: 'cka_new_article',
    edit: 'cka_edit_article',
    noneMatch: 'cka_none_match_articles',
    conflict: 'cka_conflict_article',
    importCount: 'cka_import_articles',
  },
  snippets: {
    many: 'knowledge_snippets',
    create: 'cka_new_snippet',
    edit: 'cka_edit_snippet',
    noneMatch: 'cka_none_match_snippets',
    conflict: 'cka_conflict_snippet',
    importCount: 'cka_import_snippets',
  },
  broadcasts: {
    many: 'cka_broadcasts',
    create: 'cka_new_broadcast',
    edit: 'cka_edit_broadcast',
    noneMatch: 'cka_none_match_broadcasts',
    conflict: 'cka_conflict_broadcast',
    importCount: 'cka_import_broadcasts',
  },
} as const satisfies Record<AuthoredKind, Record<'many' | 'create' | 'edit' | 'noneMatch' | 'conflict', MessageKey> & { importCount: CountedKey }>;

const STATUS = { draft: 'cka_status_draft', published: 'cka_status_published', archived: 'cka_status_archived' } as const satisfies Record<
  ContentStatus,
  MessageKey
>;
const SEVERITY = {
  info: 'cka_severity_info',
  minor: 'cka_severity_minor',
  major: 'cka_severity_major',
  critical: 'cka_severity_critical',
} as const satisfies Record<Severity, MessageKey>;
const ACTION = {
  baseline: 'cka_action_baseline',
  create: 'cka_action_create',
  edit: 'cka_action_edit',
  publish: 'cka_action_publish',
  unpublish: 'cka_action_unpublish',
  archive: 'cka_action_archive',
  rollback: 'cka_action_rollback',
  verify: 'cka_action_verify',
} as const satisfies Record<VersionAction, MessageKey>;
/** The fields a diff or a conflict names, as the editor labels them. */
const FIELD: Record<string, MessageKey> = {
  title: 'cka_field_title',
  body: 'cka_field_body',
  message: 'cka_field_message',
  summary: 'cka_field_summary',
  url: 'cka_field_link',
  tags: 'filter_tag',
  language: 'customer_language',
  shortcut: 'cka_field_shortcut',
  severity: 'cka_field_severity',
  startsAt: 'cka_field_starts',
  endsAt: 'cka_field_ends',
  suggestedSnippetId: 'cka_field_suggested_snippet',
  alsoAnswers: 'cka_field_also_answers',
  targeting: 'cka_targeting',
};

/** The label of a known value; a value this build does not know is shown as it came. */
const labelIn =
  <V extends string>(keys: Record<V, MessageKey>) =>
  (value: V): string =>
    Object.hasOwn(keys, value) ? t(keys[value]) : value;

/** "draft", "published", "archived". */
export const contentStatusLabel = labelIn<ContentStatus>(STATUS);
/** A broadcast's severities, mildest first, as the editor offers them. */
export const SEVERITIES = Object.keys(SEVERITY) as Severity[];
/** "Info" … "Critical": a broadcast's severity. */
export const severityLabel = labelIn<Severity>(SEVERITY);
/** What a saved version did: "edit", "publish", "rollback". */
export const versionActionLabel = labelIn<VersionAction>(ACTION);
/** A content field's name in a diff ("Title", "Also answers"). */
export const fieldLabel = labelIn<string>(FIELD);
