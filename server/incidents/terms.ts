// The informative terms of a contact, for the incident detector: the knowledge index's tokenizer and stop words
// (lib/knowledge/text.ts), minus everything that could name a person. Only letter words survive, so no phone number,
// order number or postcode can become part of an incident's signal.
import { fold, isGeneric, porterStem, STOP_WORDS, tokenize } from '../../lib/knowledge/text';

/** At most this many terms of one contact count: a long email thread must not match every burst. */
const MAX_TERMS_PER_CONTACT = 40;

// Addresses, links and handles are removed before tokenizing: "jane.doe@mail.com" must not leave "jane" and "doe".
const IDENTIFYING = /\S+@\S+|https?:\/\/\S+|www\.\S+|@[\p{L}\p{N}_]+/gu;
const LETTERS_ONLY = /^\p{L}{3,30}$/u;

/**
 * The distinct informative terms of `text`, stemmed, each mapped to the word as written (so a card says "leeds", not
 * "leed"). `personal` is what names the
 * customer (their name, handles, emails): none of its words is ever a term, whatever the text says.
 */
export function contactTerms(text: string, personal: readonly string[] = []): Map<string, string> {
  const excluded = new Set(personal.flatMap((p) => tokenize(p.replace(/^@/, ''))));
  const terms = new Map<string, string>();
  for (const token of tokenize(text.replace(IDENTIFYING, ' '))) {
    if (terms.size >= MAX_TERMS_PER_CONTACT) break;
    const word = fold(token);
    if (!LETTERS_ONLY.test(word) || STOP_WORDS.has(word) || excluded.has(word)) continue;
    const term = porterStem(word);
    if (isGeneric(term) || terms.has(term)) continue;
    terms.set(term, word);
  }
  return terms;
}
