import { loadStackFAQ, loadTechQA, makeArticle } from '../../eval/datasets';
import type { Article } from '../../lib/schema';
import { rng } from '../stats';

/**
 * Benchmark corpora. Real text only: the 337 TechQA technotes and the 125 StackFAQ threads, and for
 * larger sizes a deterministic recombination of them. A synthetic article takes its title from
 * halves of two real titles and its body from 6–16 real sentences drawn from random real articles,
 * plus a made-up product code and error number so the vocabulary grows with the corpus as it does
 * in a real help centre. Same seed, same corpus.
 */

export interface BenchQuery {
  subject: string | null;
  conversation: string;
}

let cache: { articles: Article[]; sentences: string[]; titles: string[]; queries: BenchQuery[] } | null = null;

export function realData() {
  if (cache) return cache;
  const techqa = loadTechQA();
  const stackfaq = loadStackFAQ();
  const articles = [...techqa.articles, ...stackfaq.articles];
  const sentences = articles.flatMap((a) =>
    a.body
      .split(/(?<=[.!?])\s+|\n{2,}/)
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter((s) => s.length >= 30 && s.length <= 400),
  );
  const titles = articles.map((a) => a.title);
  const queries = [...techqa.queries, ...stackfaq.queries].map((q) => ({ subject: q.subject, conversation: q.conversation }));
  cache = { articles, sentences, titles, queries };
  return cache;
}

function pick<T>(list: readonly T[], r: () => number): T {
  const item = list[Math.floor(r() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function syntheticArticle(i: number): Article {
  const { sentences, titles } = realData();
  const r = rng(i * 7919 + 17);
  const a = pick(titles, r).split(' ');
  const b = pick(titles, r).split(' ');
  const title = [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.floor(b.length / 2))].join(' ');
  const count = 6 + Math.floor(r() * 11);
  const body: string[] = [];
  for (let s = 0; s < count; s++) body.push(pick(sentences, r));
  const code = `PRD-${Math.floor(r() * 50_000)}`;
  const error = `E${10_000 + Math.floor(r() * 90_000)}`;
  body.splice(Math.floor(r() * body.length), 0, `Applies to ${code}; error ${error}.`);
  return makeArticle(`syn-${i}`, title, body.join(' '));
}

/** `size` articles: all real ones first, then synthetic ones up to the size. */
export function corpus(size: number): Article[] {
  const real = realData().articles;
  if (size <= real.length) return real.slice(0, size);
  const out = [...real];
  for (let i = real.length; i < size; i++) out.push(syntheticArticle(i));
  return out;
}

/** A fixed, shuffled sample of real queries (TechQA questions and StackFAQ paraphrases). */
export function queries(count: number): BenchQuery[] {
  const all = realData().queries;
  const r = rng(42);
  return Array.from({ length: count }, () => pick(all, r));
}
