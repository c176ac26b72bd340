// The building blocks of every schema whose values reach the database: text PostgreSQL can store, timestamps and
// dates in a range every layer (JavaScript, PostgreSQL, the UI) reads the same way, and integers that fit an int4
// column. A value outside them is a 400 at the edge instead of a database error after part of a write.
import { z } from 'zod';

/** No NUL (PostgreSQL text and jsonb cannot hold U+0000) and well-formed UTF-16 (jsonb refuses a lone surrogate). */
export function isStorableText(s: string): boolean {
  return !s.includes('\0') && s.isWellFormed();
}

export const STORABLE_TEXT_MESSAGE = 'Text cannot contain NUL characters or unpaired UTF-16 surrogates.';

/** A string of at most `max` characters that the database can store; chain `.min()`, `.regex()`… as on any string. */
export function Text(max: number) {
  return z.string().max(max).refine(isStorableText, STORABLE_TEXT_MESSAGE);
}

/**
 * Page-derived text made storable: NUL characters dropped, lone surrogates (half an emoji cut by a page's
 * truncation) replaced with U+FFFD. For what the agent captures, which should be kept rather than refused.
 */
export function cleanText(s: string): string {
  return s.replaceAll('\0', '').toWellFormed();
}

/** Largest value of a PostgreSQL int4 column (versions, positions, image sizes). */
export const INT4_MAX = 2_147_483_647;
/** A non-negative integer that fits an int4 column. */
export const Int4 = z.int().min(0).max(INT4_MAX);

const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
/** Real UTC offsets run from -12:00 to +14:00; PostgreSQL refuses some larger ones. */
const MAX_OFFSET_MINUTES = 14 * 60;

function yearInRange(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function offsetInRange(iso: string): boolean {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  return !offset || Number(offset[2]) * 60 + Number(offset[3]) <= MAX_OFFSET_MINUTES;
}

const RANGE_MESSAGE = `Use a date between the years ${MIN_YEAR} and ${MAX_YEAR}.`;

/** ISO-8601 timestamp with an offset (Date#toISOString gives one), in years 1970–9999 with an offset of at most 14 hours. */
export const Timestamp = z.iso
  .datetime({ offset: true })
  .refine(yearInRange, RANGE_MESSAGE)
  .refine(offsetInRange, 'Use a UTC offset between -14:00 and +14:00.');

/** A calendar day (YYYY-MM-DD) in years 1970–9999. */
export const IsoDate = z.iso.date().refine(yearInRange, RANGE_MESSAGE);
