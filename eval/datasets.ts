import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../lib/schema';

/**
 * Loaders for the public relevance sets copied under eval/data (attributions in each README.txt):
 * - TechQA via NVIDIA TechQA-RAG-Eval, Apache-2.0: 480 IBM forum questions → 337 IBM Technotes.
 * - StackFAQ (Karan & Šnajder 2018), StackExchange content CC BY-SA 3.0: 125 threads, 10 paraphrases each.
 */

export const DATA_DIR = process.env.TANDEM_EVAL_DATA ?? join(dirname(fileURLToPath(import.meta.url)), 'data');

export interface EvalQuery {
  qid: string;
  subject: string | null;
  conversation: string;
  /** The one relevant article id, or null when the question has no answer in the knowledge base. */
  gold: string | null;
}

export interface EvalSet {
  name: string;
  articles: Article[];
  queries: EvalQuery[];
}

const EPOCH = '2024-01-01T00:00:00.000Z';

export function makeArticle(id: string, title: string, body: string, extra: Partial<Article> = {}): Article {
  return {
    id,
    version: 1,
    updatedAt: EPOCH,
    deleted: false,
    title: title.slice(0, 300) || id,
    body,
    summary: '',
    url: null,
    tags: [],
    language: 'en',
    status: 'published',
    targeting: { teamIds: [], sites: [], tags: [] },
    ...extra,
  };
}

function jsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** "Title: …\n\nText: …" technotes: the title line is dropped from the body (it is the title field). */
function technoteBody(body: string): string {
  return body.replace(/^Title:[^\n]*\n+Text:\s*/, '');
}

/** A forum post "title\n\nbody" read as a ticket: first line is the subject, the rest the conversation. */
function splitPost(text: string): { subject: string | null; conversation: string } {
  const trimmed = text.trim();
  const cut = trimmed.indexOf('\n');
  if (cut < 0) return { subject: null, conversation: trimmed };
  return { subject: trimmed.slice(0, cut).trim(), conversation: trimmed.slice(cut + 1).trim() };
}

export function loadTechQA(dir = join(DATA_DIR, 'techqa-rag-eval480')): EvalSet {
  const kb = jsonl<{ id: string; title: string; body: string }>(join(dir, 'derived_kb.jsonl'));
  const queries = jsonl<{ qid: string; query: string; is_impossible: boolean }>(join(dir, 'derived_queries.jsonl'));
  const gold = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'derived_qrels.tsv'), 'utf8').split('\n').slice(1)) {
    const [qid, doc] = line.split('\t');
    if (qid && doc) gold.set(qid, doc);
  }
  return {
    name: 'TechQA',
    articles: kb.map((d) => makeArticle(d.id, d.title.replace(/ - United States$/, ''), technoteBody(d.body))),
    queries: queries.map((q) => ({ qid: q.qid, ...splitPost(q.query), gold: q.is_impossible ? null : (gold.get(q.qid) ?? null) })),
  };
}

interface StackFaqPair {
  rephr: Array<string | null>;
  question: string;
  answer: string | string[];
}

export function loadStackFAQ(dir = join(DATA_DIR, 'stackfaq-webapps')): EvalSet {
  const root = JSON.parse(readFileSync(join(dir, 'stackExchange-FAQ.json'), 'utf8')) as { root: { qapair: StackFaqPair[] } };
  const articles: Article[] = [];
  const queries: EvalQuery[] = [];
  root.root.qapair.forEach((pair, i) => {
    const id = `sfaq-${String(i + 1).padStart(3, '0')}`;
    const answers = Array.isArray(pair.answer) ? pair.answer : [pair.answer];
    articles.push(makeArticle(id, pair.question, answers.join('\n\n')));
    pair.rephr.forEach((text, j) => {
      // "*" marks the slot of the original question in the upstream file; one thread has a missing paraphrase.
      if (!text || text.trim() === '*') return;
      queries.push({ qid: `${id}-p${j}`, subject: null, conversation: text.trim(), gold: id });
    });
  });
  return { name: 'StackFAQ', articles, queries };
}

export type Part = 'dev' | 'test';

/**
 * Development (parameters chosen here) or test (figures reported) half, fixed by a hash of the key:
 * the TechQA question id, or the StackFAQ thread, so all paraphrases of a thread fall on one side.
 */
export function partOf(key: string): Part {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % 2 === 0 ? 'dev' : 'test';
}

/** The key that decides a query's half: StackFAQ queries split by thread, TechQA ones by question. */
export function splitKey(set: EvalSet, q: EvalQuery): string {
  return set.name === 'StackFAQ' ? (q.gold ?? q.qid) : q.qid;
}
