import type { Article, Snippet } from '../schema';
import type { TandemDatabase } from './database';

/** An article as cached, unless it was deleted. */
export async function getArticle(db: TandemDatabase, id: string): Promise<Article | null> {
  const article = await db.articles.get(id);
  return article && !article.deleted ? article : null;
}

/** A snippet as cached, unless it was deleted. */
export async function getSnippet(db: TandemDatabase, id: string): Promise<Snippet | null> {
  const snippet = await db.snippets.get(id);
  return snippet && !snippet.deleted ? snippet : null;
}

/** The published snippet a ";shortcut" names (shortcuts are stored lower-case). */
export async function publishedSnippetByShortcut(db: TandemDatabase, shortcut: string): Promise<Snippet | null> {
  const snippet = await db.snippets
    .where('shortcut')
    .equals(shortcut.toLowerCase())
    .filter((s) => !s.deleted && s.status === 'published')
    .first();
  return snippet ?? null;
}

/** Every cached article and snippet, drafts and tombstones included: the knowledge index decides what it keeps. */
export async function readKnowledgeRecords(db: TandemDatabase): Promise<{ articles: Article[]; snippets: Snippet[] }> {
  const [articles, snippets] = await Promise.all([db.articles.toArray(), db.snippets.toArray()]);
  return { articles, snippets };
}
