import type { Snippet } from '../schema';

/**
 * Snippet placeholders and `;shortcut` expansion. Pure functions: the content script owns the
 * caret and the editor, these only say what text goes where.
 */

export interface SnippetValues {
  customer?: { name?: string | null; firstName?: string | null };
  agent?: { name?: string | null; firstName?: string | null };
  case?: { id?: string | null };
}

export interface RenderedSnippet {
  text: string;
  /** Known placeholders that had no value and no fallback (left visible so the agent notices). */
  missing: string[];
  /** Placeholders we do not know, left visible as typed. */
  unknown: string[];
}

/** What a greeting says when the name is unknown: "Hi there," reads naturally; "Hi ," does not. */
export const FALLBACKS: Readonly<Record<string, string>> = {
  'customer.firstName': 'there',
  'customer.name': 'there',
};

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w]*(?:\.[A-Za-z][\w]*)*)\s*\}\}/g;

/** "Dr. Jane Doe" → "Jane", "Doe, Jane" → "Jane", "@jane_doe" → null (a handle is not a name). */
export function firstNameOf(name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  if (!trimmed || trimmed.startsWith('@') || trimmed.includes('@')) return null;
  const comma = trimmed.indexOf(',');
  const given = comma > 0 ? trimmed.slice(comma + 1).trim() : trimmed;
  const words = given.split(/\s+/).filter((w) => !/^(mr|mrs|ms|mx|dr|prof|herr|frau|mme|m)\.?$/i.test(w));
  return words[0] ?? null;
}

function clean(value: string | null | undefined): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
}

function resolve(key: string, values: SnippetValues): string | null | undefined {
  switch (key) {
    case 'customer.name':
      return clean(values.customer?.name);
    case 'customer.firstName':
      return clean(values.customer?.firstName) ?? firstNameOf(values.customer?.name);
    case 'agent.name':
      return clean(values.agent?.name);
    case 'agent.firstName':
      return clean(values.agent?.firstName) ?? firstNameOf(values.agent?.name);
    case 'case.id':
      return clean(values.case?.id);
    default:
      return undefined;
  }
}

/** Fills placeholders in one pass (a value containing "{{…}}" is inserted literally, never expanded). */
export function renderSnippetDetailed(body: string, values: SnippetValues = {}): RenderedSnippet {
  const missing = new Set<string>();
  const unknown = new Set<string>();
  const text = body.replace(PLACEHOLDER, (whole, rawKey: string) => {
    const key = canonicalKey(rawKey);
    const value = resolve(key, values);
    if (value === undefined) {
      unknown.add(rawKey);
      return whole;
    }
    if (value !== null) return value;
    const fallback = FALLBACKS[key];
    if (fallback !== undefined) return fallback;
    missing.add(key);
    return whole;
  });
  return { text, missing: [...missing], unknown: [...unknown] };
}

export function renderSnippet(body: string, values: SnippetValues = {}): string {
  return renderSnippetDetailed(body, values).text;
}

const KNOWN_KEYS = ['customer.name', 'customer.firstName', 'agent.name', 'agent.firstName', 'case.id'];

/** Authors write {{customer.firstname}} or {{Customer.FirstName}}; they mean the same thing. */
function canonicalKey(key: string): string {
  return KNOWN_KEYS.find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
}

// ---- ;shortcut expansion -----------------------------------------------------------------------

export interface ShortcutExpansion {
  /** Replace text[start, end) with the rendered snippet. */
  start: number;
  end: number;
  snippet: Snippet;
  /** The snippet body with placeholders filled. */
  replacement: string;
}

const SHORTCUT_AT_END = /(^|[\s([{"'“‘])(;[a-z0-9-]{2,30})([\s.,!?:)]?)$/i;

/**
 * The expansion for a shortcut typed just before the caret, or null. A shortcut expands as soon as
 * it is complete, unless it is the start of a longer one (";ref" vs ";refund"): then it waits for a
 * space or punctuation, which is kept after the replacement. Only published, live snippets expand.
 */
export function expandShortcut(text: string, caret: number, snippets: readonly Snippet[], values: SnippetValues = {}): ShortcutExpansion | null {
  if (caret < 0 || caret > text.length) return null;
  const before = text.slice(Math.max(0, caret - 40), caret);
  const m = SHORTCUT_AT_END.exec(before);
  if (!m) return null;
  const typed = (m[2] ?? '').toLowerCase();
  const delimiter = m[3] ?? '';
  const live = snippets.filter((s) => !s.deleted && s.status === 'published');
  const snippet = live.find((s) => s.shortcut.toLowerCase() === typed);
  if (!snippet) return null;
  const isPrefixOfAnother = live.some((s) => s.shortcut.length > typed.length && s.shortcut.toLowerCase().startsWith(typed));
  if (!delimiter && isPrefixOfAnother) return null;
  // The shortcut must end at the caret or right before the one delimiter; text after the caret stays.
  const end = caret - delimiter.length;
  const start = end - typed.length;
  return { start, end, snippet, replacement: renderSnippet(snippet.body, values) };
}

/** Applies an expansion typed with the caret at `caret`: the new text and where the caret moves. */
export function applyExpansion(text: string, caret: number, expansion: ShortcutExpansion): { text: string; caret: number } {
  const next = text.slice(0, expansion.start) + expansion.replacement + text.slice(expansion.end);
  return { text: next, caret: caret + expansion.replacement.length - (expansion.end - expansion.start) };
}
