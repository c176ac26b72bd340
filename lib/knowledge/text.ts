import { stem as porter2 } from 'porter2';

/**
 * Text processing shared by the index and the query builder, so an article and the page context
 * are turned into terms the same way: lowercase, accents folded, stop words dropped, a light stem.
 */

// Common function words of the languages our teams answer in (en, de, fr, es, nl, it, pt), plus
// conversational filler seen in tickets and tweets. Dropping them keeps long conversations from
// matching every article through "the", "please", "thanks".
const STOP_WORDS_LIST = `
a about above after again against all also am an and any are as at be because been before being below
between both but by can cannot could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just let me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours yourself
yourselves get got getting still since via etc e g ie eg us im ive dont doesnt didnt cant wont isnt arent
hi hello hey dear thanks thank thx please pls regards best cheers kind ok okay yes yeah sure anyone someone
anybody know help question questions issue issues problem problems need want trying tried try would like
one two way use using used may might must shall also however already even every many much
der die das den dem des ein eine einer eines einem einen und oder aber ich du er sie es wir ihr mein meine
mich mir dich dir sich ist sind war waren bin bist habe hat haben hatte nicht kein keine mit von zu zum zur
auf aus bei nach vor für fur über uber unter wie was wenn dass ob auch noch schon nur so hallo danke bitte
le la les un une des du de et ou mais je tu il elle nous vous ils elles mon ma mes ton ta est sont suis pas
ne que qui quoi dans pour par sur avec sans au aux ce cette ces bonjour merci
el los las unos unas y o pero yo tu él ella nosotros es son está estoy no que en por para con sin al lo
hola gracias het een en of maar ik jij hij zij wij is zijn niet met voor van op dat il lo gli una e ma io
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(STOP_WORDS_LIST.split(/\s+/).filter(Boolean).map(fold));

/** Lowercases and strips diacritics so "Rückerstattung" and "ruckerstattung" meet. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

// Letters and digits, keeping inner dots, dashes and underscores of identifiers like "4.1.1.2",
// "sqlcode-805" or "odbc_ini" together.
const TOKEN = /[\p{L}\p{N}]+(?:[._-][\p{L}\p{N}]+)*/gu;

/** Splits text into folded tokens (stop words kept: the caller decides). */
export function tokenize(text: string): string[] {
  return fold(text).match(TOKEN) ?? [];
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Exact words, as plain BM25 reads text: folded, split at every non-letter-or-digit (so "sqlcode-805" is "sqlcode"
 * and "805"), nothing dropped or stemmed but words over 40 characters. The index's second view beside the stems.
 */
export function exactWords(text: string): string[] {
  return (fold(text).match(WORD) ?? []).filter((w) => w.length <= 40);
}

/** Turns a folded word into its indexing term. */
export type Stemmer = (word: string) => string;

/**
 * The previous light English stemmer (plural, -ing, -ed, final e), kept for the evaluation's
 * "component switched off" run (eval/knowledge.ts). The product uses `porterStem`.
 */
export function lightStem(term: string): string {
  if (term.length <= 3 || /\d/.test(term)) return term;
  let t = term;
  if (t.endsWith('ies') && t.length > 4) t = `${t.slice(0, -3)}y`;
  else if (t.endsWith('sses')) t = t.slice(0, -2);
  else if (t.endsWith('ing') && t.length >= 7) t = undouble(t.slice(0, -3));
  else if (t.endsWith('ed') && t.length >= 6 && !t.endsWith('eed')) t = undouble(t.slice(0, -2));
  else if (t.endsWith('s') && !t.endsWith('ss') && !t.endsWith('us') && !t.endsWith('is')) t = t.slice(0, -1);
  // "share", "shared", "sharing", "shares" all end as "shar".
  if (t.endsWith('e') && t.length > 4) t = t.slice(0, -1);
  return t;
}

function undouble(term: string): string {
  const last = term.at(-1);
  return last && last === term.at(-2) && !'lsz'.includes(last) ? term.slice(0, -1) : term;
}

/**
 * English Porter2 (Snowball) stemming: "installation", "installer", "installing" → "instal",
 * "configured"/"configuration" → "configur". Identifiers with digits ("sqlcode-805", "4.1.1.2") and
 * words of other scripts pass through unchanged; Porter2 only knows a–z.
 */
export function porterStem(term: string): string {
  if (term.length <= 3 || /[^a-z']/.test(term)) return term;
  return porter2(term);
}

/** The index-side term processor: null drops the term. */
export function processTerm(term: string, stemmer: Stemmer = porterStem): string | null {
  const folded = fold(term);
  if (folded.length < 2 || folded.length > 40 || STOP_WORDS.has(folded)) return null;
  return stemmer(folded);
}

/** Indexing terms of a text, in order, stop words removed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) out.push(term);
  }
  return out;
}

// Everyday words that carry little about a support problem. Unlike stop words they stay in the
// query (they help rank), but they weigh less and cannot alone make a suggestion confident: in a
// small knowledge base IDF cannot tell that "great", "day" or "back" are generic.
const GENERIC_WORDS_LIST = `
good great bad best better worse worst new old big small little long short high low early late right left
same different real really actually just still yet ever never always often sometimes soon today tonight
tomorrow yesterday day days week weeks month months year years time times morning night evening hour hours
minute minutes moment lol lmao omg haha wow cool nice awesome amazing love like loved hate hope hoping wish
feel feeling think thought thing things stuff lot lots bit people person guy guys man woman friend friends
family home life world game games play fun happy sad sorry glad wait waiting call called calling say said
tell told ask asked see saw seen look looking looked go going gone went come coming came make making made
take took taken give gave given keep kept put seem seems know knew known mean means meant back last next
first second third thanks thank everyone everybody something anything nothing everything somewhere maybe
probably definitely literally totally pretty quite almost enough lot far away around able unable sure
guess believe happen happened happening happens work working worked works place part kind sort type way ways
long-time start started today's weekend birthday party beach weather trip travel landed flight coffee tea
food dinner lunch breakfast movie music song show watch watched read reading write wrote talk talking
school team city country town car house room phone-call awesome fantastic terrible horrible
`;

// Under either stemmer, so an evaluation run with the light stemmer still knows its everyday words.
export const GENERIC_TERMS: ReadonlySet<string> = new Set(
  GENERIC_WORDS_LIST.split(/\s+/)
    .flatMap((w) => [processTerm(w, porterStem), processTerm(w, lightStem)])
    .filter((t): t is string => !!t),
);

export function isGeneric(term: string): boolean {
  return GENERIC_TERMS.has(term);
}
