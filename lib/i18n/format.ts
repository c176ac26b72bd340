// Dates, times, numbers and money in the UI locale: the one place the UI formats them (Intl, no library).
import { uiLocale } from './t';

export function formatMoney(cents: number, currency: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(uiLocale(), {
    style: 'currency',
    currency,
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(cents / 100);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(uiLocale()).format(n);
}

/** "A, B and C" / "A, B or C" in the UI language. */
export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(uiLocale(), { type }).format(items);
}

export function formatPercent(ratio: number): string {
  return new Intl.NumberFormat(uiLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** A moment with its date and time ("26 Nov 2026, 14:05" / "26.11.2026, 14:05"); an unreadable timestamp is shown as it came. */
export function formatWhen(iso: string): string {
  return format(iso, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string): string {
  return format(iso, { dateStyle: 'medium' });
}

export function formatTime(iso: string): string {
  return format(iso, { timeStyle: 'short' });
}

/** "just now", "3 minutes ago", "yesterday", or the date: when something happened, at a glance. */
export function formatRelative(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((t - now) / 1000);
  const relative = new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' });
  if (Math.abs(seconds) < 45) return relative.format(0, 'second');
  if (Math.abs(seconds) < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (Math.abs(seconds) < 2 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return formatDate(iso);
}

function format(iso: string, options: Intl.DateTimeFormatOptions): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(uiLocale(), options).format(d);
}
