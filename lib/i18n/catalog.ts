// The messages.json format (Chrome's and Firefox's): read by the unit-test fallback and the catalog checks, never
// shipped — in the extension the browser resolves messages itself.

export interface CatalogEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalog = Record<string, CatalogEntry>;

/** A message with its $NAME$ placeholders and $1…$9 substitutions filled in, as the browser's getMessage does; "" when missing. */
export function resolveMessage(catalog: Catalog, key: string, substitutions: readonly string[] = []): string {
  const entry = catalog[key];
  if (!entry) return '';
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => (name.toLowerCase() in placeholders ? fill(placeholders[name.toLowerCase()] ?? '') : whole))
    .replace(/\$\$/g, '$');
}

/** The placeholder names a message uses, lower-cased and sorted: a translation must use the same. */
export function placeholderNames(entry: CatalogEntry): string[] {
  return [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] ?? '').toLowerCase()).sort();
}
