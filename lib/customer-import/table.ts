// A CRM export as a table of text cells, whatever its file format: CSV (papaparse: quoted fields, embedded
// newlines, a BOM), a JSON array, an object holding one (`{"users": [...]}`, the shape of Zendesk's API), or
// newline-delimited JSON (Zendesk's JSON export). Nested objects become dotted columns (`user_fields.plan`),
// arrays of scalars one cell joined with ", " (Zendesk's `tags`).
import Papa from 'papaparse';

export interface ImportTable {
  headers: string[];
  /** One record per data row, in file order: row 1 is the first record. */
  records: Record<string, string>[];
}

/** Why a file cannot be read as a table: a code and the line or record it stopped at, worded by the console. */
export type ImportFileProblem = 'not_csv' | 'no_header' | 'line_not_json' | 'record_not_object' | 'not_ticket_export';

export class ImportFileError extends Error {
  constructor(
    readonly problem: ImportFileProblem,
    /** The row, line or record (from 1) the problem is at, or null for the file as a whole. */
    readonly at: number | null,
    message: string,
  ) {
    super(message);
  }
}

export function readTable(fileName: string, text: string): ImportTable {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (/\.(json|ndjson|jsonl)$/i.test(fileName) || /^[[{]/.test(trimmed)) return jsonTable(trimmed);
  const parsed = Papa.parse<Record<string, string>>(trimmed, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new ImportFileError('not_csv', (fatal.row ?? 0) + 1, `Row ${(fatal.row ?? 0) + 1}: ${fatal.message}. Is this a CSV file?`);
  const headers = (parsed.meta.fields ?? []).filter((h) => h !== '');
  if (headers.length === 0) throw new ImportFileError('no_header', null, 'The file has no header row.');
  return { headers, records: parsed.data.map((r) => Object.fromEntries(headers.map((h) => [h, (r[h] ?? '').trim()]))) };
}

/** A JSON file's value, or for newline-delimited JSON the array of its lines' values. */
export function readJsonExport(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Newline-delimited JSON: one object per line.
    return text.split(/\r?\n/).flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        throw new ImportFileError('line_not_json', i + 1, `Line ${i + 1} is not JSON.`);
      }
    });
  }
}

function jsonTable(text: string): ImportTable {
  const whole = readJsonExport(text);
  const items = Array.isArray(whole) ? whole : (listIn(whole) ?? [whole]);
  const records = items.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new ImportFileError('record_not_object', i + 1, `Record ${i + 1} is not an object.`);
    return flatten(item as Record<string, unknown>);
  });
  const headers = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return { headers, records: records.map((r) => Object.fromEntries(headers.map((h) => [h, r[h] ?? '']))) };
}

/** The one array an export wraps its records in (`{"users": [...], "next_page": null}`). */
function listIn(value: unknown): unknown[] | null {
  if (!value || typeof value !== 'object') return null;
  const arrays = Object.values(value).filter(Array.isArray);
  return arrays.length === 1 ? (arrays[0] as unknown[]) : null;
}

function flatten(value: Record<string, unknown>, prefix = '', into: Record<string, string> = {}): Record<string, string> {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix + key;
    if (v === null || v === undefined) into[name] = '';
    else if (Array.isArray(v)) into[name] = v.filter((x) => x !== null && typeof x !== 'object').join(', ');
    else if (typeof v === 'object') flatten(v as Record<string, unknown>, `${name}.`, into);
    else into[name] = String(v).trim();
  }
  return into;
}
