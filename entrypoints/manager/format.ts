// Dates in the UI locale come from the one formatting module (lib/i18n/format.ts).
export { formatRelative, formatWhen as formatDateTime } from '../../lib/i18n/format';

/** A field's value in a diff or a conflict, short and readable. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
