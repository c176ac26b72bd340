// A schema problem in the reader's language. zod writes its issue messages in English ("Too small: expected string to
// have >=1 characters"), so a form shows each issue by its code and values instead. A schema's own sentence (a
// refine's, a regex's: "A shortcut is ";" and 2–30 lowercase letters …") is English too and says more than any code
// can: an English reader reads it, another reader the code's sentence.
import { formatNumber } from './format';
import { type CountedKey, type MessageKey, t, tCount, uiLocale } from './t';

/**
 * The part of a zod v4 issue that says what was wrong: a ZodError's issue fits, and so does one that travelled as
 * data (an import problem's `params`, lib/schema/customer-import.ts).
 */
export interface IssueLike {
  code: string;
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  exact?: boolean;
  format?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
}

const FORMAT_MESSAGE: Readonly<Record<string, MessageKey>> = {
  email: 'de3_zod_format_email',
  url: 'de3_zod_format_url',
  datetime: 'de3_zod_format_datetime',
  date: 'de3_zod_format_date',
  /** Not zod's: an import's money column (lib/customer-import/map.ts). */
  amount: 'de3_zod_format_amount',
};

/** What a form shows under its field for this issue. */
export function issueMessage(issue: IssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      return t('de3_zod_wrong_type');
    case 'too_small':
      return boundMessage(issue, issue.minimum, 'min');
    case 'too_big':
      return boundMessage(issue, issue.maximum, 'max');
    case 'not_multiple_of':
      return t('de3_zod_whole_number');
    case 'invalid_value':
      return t('de3_zod_one_of', (issue.values ?? []).map(String).join(', '));
    case 'unrecognized_keys':
      return t('de3_zod_unknown_fields', (issue.keys ?? []).join(', '));
    case 'invalid_format': {
      const key = issue.format ? FORMAT_MESSAGE[issue.format] : undefined;
      if (key) return t(key);
      return readsEnglish() ? issue.message : t('de3_zod_format');
    }
    default:
      return readsEnglish() && issue.message ? issue.message : t('de3_zod_invalid');
  }
}

/** A too_small / too_big issue: characters of a text, entries of a list, or a number's limit. */
function boundMessage(issue: IssueLike, bound: number | bigint | undefined, side: 'min' | 'max'): string {
  const limit = Number(bound ?? 0);
  const counted = COUNTED[issue.origin ?? ''];
  if (counted) {
    if (side === 'min' && limit === 1 && !issue.exact) return t('de3_zod_empty');
    return tCount(issue.exact ? counted.exact : counted[side], limit);
  }
  const inclusive = issue.inclusive !== false;
  if (side === 'min') return t(inclusive ? 'de3_zod_min_number' : 'de3_zod_above_number', formatNumber(limit));
  return t(inclusive ? 'de3_zod_max_number' : 'de3_zod_below_number', formatNumber(limit));
}

const CHARS = { min: 'de3_zod_min_chars', max: 'de3_zod_max_chars', exact: 'de3_zod_exact_chars' } as const satisfies Record<string, CountedKey>;
const ITEMS = { min: 'de3_zod_min_items', max: 'de3_zod_max_items', exact: 'de3_zod_exact_items' } as const satisfies Record<string, CountedKey>;
const COUNTED: Readonly<Record<string, Record<'min' | 'max' | 'exact', CountedKey>>> = { string: CHARS, array: ITEMS, set: ITEMS };

/** Whether the reader reads the language schemas write their own sentences in. */
function readsEnglish(): boolean {
  return uiLocale().toLowerCase().split(/[-_]/)[0] === 'en';
}
