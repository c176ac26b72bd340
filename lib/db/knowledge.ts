import type { Article, Snippet } from '../schema';
import type { TandemDatabase } from './database';

/** Every cached article and snippet, drafts and tombstones included: the knowledge index decides what it keeps. */
export async function readKnowledgeRecords(db: TandemDatabase): Promise<{ articles: Article[]; snippets: Snippet[] }> {
  const [articles, snippets] = await Promise.all([db.articles.toArray(), db.snippets.toArray()]);
  return { articles, snippets };
}
