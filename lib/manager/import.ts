// Bulk import of an existing knowledge base: CSV, JSON or a folder of markdown files. Everything is
// parsed and validated (with the server's create schemas) before anything is sent; then items are
// created one by one, and if one fails every item this import created is archived again.

import { t } from '../i18n/t';
import type { ManagedItem } from '../schema/manager';
import { CREATE_REQUESTS } from '../schema/manager';
import { type AuthoredKind, problemsOf, splitList } from './draft';

export interface ImportFile {
  /** The path inside a chosen folder (webkitRelativePath) or the file name. */
  name: string;
  text: string;
}

export interface ImportRow {
  /** Where it came from, as a person finds it: `roaming.csv row 3`, `items.json item 2`, `faq/esim.md`. */
  where: string;
  body: Record<string, unknown>;
}

export interface ImportProblem {
  where: string;
  field: string;
  message: string;
}

export interface ParsedImport {
  rows: ImportRow[];
  problems: ImportProblem[];
}

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines are not rows.
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const LIST_FIELDS = new Set(['tags', 'teamIds', 'teams', 'sites', 'targetTags']);

/** A flat record (a CSV row, a markdown file's front matter) as a create body: lists split, targeting gathered, blanks dropped. */
export function bodyFromFlat(flat: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const targeting: Record<string, string[]> = {};
  for (const [rawKey, rawValue] of Object.entries(flat)) {
    const key = rawKey.trim();
    const value = rawValue.trim();
    if (!key || value === '') continue;
    if (key === 'teams' || key === 'teamIds') targeting.teamIds = splitList(value);
    else if (key === 'sites') targeting.sites = splitList(value);
    else if (key === 'targetTags') targeting.tags = splitList(value);
    else if (LIST_FIELDS.has(key)) body[key] = splitList(value);
    else body[key] = rawValue;
  }
  if (Object.keys(targeting).length > 0) body.targeting = targeting;
  return body;
}

/** `---` front matter of `key: value` lines, then the markdown. */
export function parseMarkdownFile(text: string): { meta: Record<string, string>; body: string } {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { meta: {}, body: text };
  const meta: Record<string, string> = {};
  for (const line of (m[1] ?? '').split(/\r?\n/)) {
    const kv = /^\s*([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (kv?.[1]) meta[kv[1]] = (kv[2] ?? '').replace(/^(["'])(.*)\1$/, '$2');
  }
  return { meta, body: text.slice(m[0].length) };
}

function baseName(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.(md|markdown)$/i, '');
}

function rowsOfFile(kind: AuthoredKind, file: ImportFile, problems: ImportProblem[]): ImportRow[] {
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.csv')) {
    const [header, ...data] = parseCsv(file.text);
    if (!header) {
      problems.push({ where: file.name, field: '(file)', message: t('de2_import_file_empty') });
      return [];
    }
    const columns = header.map((h) => h.trim());
    // Row numbers as a spreadsheet shows them: the header is row 1.
    return data.map((cells, i) => {
      const flat: Record<string, string> = {};
      for (const [j, col] of columns.entries()) flat[col] = cells[j] ?? '';
      const where = t('de2_import_row', file.name, i + 2);
      if (cells.length > columns.length) problems.push({ where, field: '(row)', message: t('de2_import_row_cells', cells.length, columns.length) });
      return { where, body: bodyFromFlat(flat) };
    });
  }
  if (lower.endsWith('.json')) {
    let json: unknown;
    try {
      json = JSON.parse(file.text);
    } catch (error) {
      problems.push({ where: file.name, field: '(file)', message: t('de2_import_bad_json', error instanceof Error ? error.message : String(error)) });
      return [];
    }
    const items = Array.isArray(json) ? json : (json as { items?: unknown } | null)?.items;
    if (!Array.isArray(items)) {
      problems.push({ where: file.name, field: '(file)', message: t('de2_import_not_array') });
      return [];
    }
    return items.map((item, i) => ({
      where: t('de2_import_item', file.name, i + 1),
      body: item && typeof item === 'object' && !Array.isArray(item) ? { ...(item as object) } : { item },
    }));
  }
  if (/\.(md|markdown)$/.test(lower)) {
    const { meta, body: markdown } = parseMarkdownFile(file.text);
    const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(markdown)?.[1];
    const flat = { ...meta };
    if (!flat.title) flat.title = heading ?? baseName(file.name);
    const body = bodyFromFlat(flat);
    if (kind === 'broadcasts') body.message = markdown.trim();
    else body.body = markdown.trim();
    return [{ where: file.name, body }];
  }
  return [];
}

/** Reads and validates every file; `problems` lists each refused row with where it is and why. */
export function parseImport(kind: AuthoredKind, files: readonly ImportFile[]): ParsedImport {
  const problems: ImportProblem[] = [];
  const raw: ImportRow[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    if (!/\.(csv|json|md|markdown)$/i.test(file.name)) {
      skipped.push(file.name);
      continue;
    }
    raw.push(...rowsOfFile(kind, file, problems));
  }
  if (raw.length === 0 && problems.length === 0) {
    problems.push({
      where: skipped.length ? skipped.slice(0, 3).join(', ') : '(import)',
      field: '(file)',
      message: t('de2_import_nothing'),
    });
  }
  const rows: ImportRow[] = [];
  const ids = new Map<string, string>();
  const shortcuts = new Map<string, string>();
  for (const row of raw) {
    const parsed = CREATE_REQUESTS[kind].safeParse(row.body);
    if (!parsed.success) {
      for (const p of problemsOf(parsed.error)) problems.push({ where: row.where, ...p });
      continue;
    }
    const body = parsed.data as Record<string, unknown>;
    if (typeof body.id === 'string') {
      const first = ids.get(body.id);
      if (first) problems.push({ where: row.where, field: 'id', message: t('de2_import_duplicate_id', body.id, first) });
      else ids.set(body.id, row.where);
    }
    if (typeof body.shortcut === 'string') {
      const first = shortcuts.get(body.shortcut);
      if (first) problems.push({ where: row.where, field: 'shortcut', message: t('de2_import_duplicate_shortcut', body.shortcut, first) });
      else shortcuts.set(body.shortcut, row.where);
    }
    rows.push({ where: row.where, body });
  }
  return { rows, problems };
}

export interface ImportApi {
  create(body: Record<string, unknown>): Promise<ManagedItem>;
  publish(item: ManagedItem): Promise<void>;
  archive(item: ManagedItem): Promise<void>;
}

export type ImportOutcome = { ok: true; created: ManagedItem[] } | { ok: false; where: string; error: string; rolledBack: number; rollbackFailures: string[] };

/**
 * Creates every row as a draft, then publishes them if asked; any failure archives what this import
 * created, so an import lands whole or not at all (drafts and archived items never reach agents).
 */
export async function runImport(
  rows: readonly ImportRow[],
  api: ImportApi,
  opts: { publish: boolean; onProgress?(done: number, total: number): void },
): Promise<ImportOutcome> {
  const created: ManagedItem[] = [];
  const total = rows.length * (opts.publish ? 2 : 1);
  let done = 0;
  let current = '';
  try {
    for (const row of rows) {
      current = row.where;
      created.push(await api.create(row.body));
      opts.onProgress?.(++done, total);
    }
    if (opts.publish) {
      for (const [i, item] of created.entries()) {
        current = rows[i]?.where ?? item.record.id;
        await api.publish(item);
        opts.onProgress?.(++done, total);
      }
    }
    return { ok: true, created };
  } catch (error) {
    const rollbackFailures: string[] = [];
    for (const item of [...created].reverse()) {
      await api.archive(item).catch((e: unknown) => rollbackFailures.push(`${item.record.id}: ${e instanceof Error ? e.message : String(e)}`));
    }
    return {
      ok: false,
      where: current,
      error: error instanceof Error ? error.message : String(error),
      rolledBack: created.length - rollbackFailures.length,
      rollbackFailures,
    };
  }
}
