// "Draft article" from a solved case (issue 19): the customer's first message as the question and the agent's last
// reply as the answer, redacted harder than a capture, because an article is read by every customer and agent:
// everything the capture redaction knows, plus names, handles, links, street addresses and every run of digits.
import { redact } from '../capture/redact';
import { getCase, getCustomers, interactionsForCases, type TandemDatabase } from '../db';
import { ARTICLE_AUTHOR_ROLES } from '../manager/from-case';
import type { Handlers } from '../messaging/dispatch';
import { MessageError } from '../messaging/error';
import type { Case, Interaction, Role } from '../schema';
import { REDACTION_KINDS, type RedactionSettings } from '../schema/redaction';

const EVERY_KIND = Object.fromEntries(REDACTION_KINDS.map((kind) => [kind, true])) as RedactionSettings;
const SOLVED: readonly Case['status'][] = ['solved', 'closed'];

const STREET = String.raw`(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Square|Sq|Close|Crescent)`;
// Applied in order, after the capture redaction: links first (they hold ids and handles), addresses before digits.
const RULES: [RegExp, string][] = [
  [/\[card ending \d+\]/g, '[card]'],
  [/\bhttps?:\/\/\S+/gi, '[link]'],
  [new RegExp(String.raw`\b\d+[A-Za-z]?,?\s+(?:[A-Z][\w'-]*\s+){1,3}${STREET}\b\.?`, 'g'), '[address]'],
  [/\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|weg|platz|allee|gasse)\s+\d+[a-z]?\b/g, '[address]'],
  [/(^|[^\w@])@\w{1,30}/g, '$1[handle]'],
  [/\d+(?:[ .,/:-]?\d+)*/g, '[number]'],
  // A name after a greeting, a sign-off or an introduction, when nobody told us the name.
  [
    /\b(Hi|Hello|Hey|Dear|Hallo|Thanks|Thank you|Cheers|Regards|Best|Danke|Grüße|I'm|I am|my name is|this is)(,?\s+)[A-ZÄÖÜ][a-zäöüß]+(?:\s+[A-ZÄÖÜ][a-zäöüß]+)?\b/g,
    '$1$2[name]',
  ],
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text fit for an article: no names (those given, and after greetings), emails, phones, handles, links, addresses or digits. */
export function redactForArticle(text: string, names: readonly string[]): string {
  let out = redact(text, EVERY_KIND).text;
  const words = [...new Set(names.flatMap((n) => n.split(/[\s,]+/)).filter((w) => w.replace(/\W/g, '').length >= 2))];
  if (words.length > 0) {
    out = out.replace(new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${words.map(escapeRegExp).join('|')})(?![\p{L}\p{N}])`, 'giu'), '[name]');
  }
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.trim();
}

export interface CaseArticleDraft {
  caseId: string;
  title: string;
  body: string;
}

/** The case's question (the customer's first message) and answer (the agent's last reply) as a redacted article draft. */
export function draftFromCase(kase: Case, interactions: readonly Interaction[], names: readonly string[]): CaseArticleDraft {
  const byTime = [...interactions].filter((i) => i.caseId === kase.id && !i.deleted).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  const question = byTime.find((i) => i.direction === 'inbound')?.text ?? kase.subject;
  const answer = byTime.findLast((i) => i.direction === 'outbound')?.text ?? '';
  const everyName = [...names, ...byTime.flatMap((i) => (i.authorName ? [i.authorName] : []))];
  const quoted = redactForArticle(question, everyName)
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
  return {
    caseId: kase.id,
    title: redactForArticle(kase.subject, everyName).slice(0, 300) || kase.subject.replace(/\d/g, '').trim(),
    body: ['## Question', '', quoted, '', '## Answer', '', redactForArticle(answer, everyName), ''].join('\n'),
  };
}

/** The console's "Draft article" for a solved case on this device; only for those who author articles. */
export function createArticleFromCaseHandler({
  db,
  user,
}: {
  db: TandemDatabase;
  /** The signed-in user, as the server last said. */
  user(): Promise<{ name: string; role: Role } | null>;
}): Pick<Handlers, 'knowledge.articleFromCase'> {
  return {
    'knowledge.articleFromCase': async ({ caseId }) => {
      const me = await user();
      if (!me || !ARTICLE_AUTHOR_ROLES.includes(me.role)) throw new MessageError('forbidden', 'Only managers draft articles.');
      const kase = await getCase(db, caseId);
      if (!kase || kase.deleted) throw new MessageError('not_found', 'That case is not on this browser.');
      if (!SOLVED.includes(kase.status)) throw new MessageError('invalid_request', 'Only a solved case becomes an article.');
      const [interactions, [customer]] = await Promise.all([interactionsForCases(db, [kase.id]), getCustomers(db, [kase.customerId])]);
      const names = [customer?.name ?? '', ...(customer?.identities.map((i) => i.value) ?? []), me.name];
      return draftFromCase(kase, interactions, names);
    },
  };
}
