import MiniSearch, { type Options } from 'minisearch';
import { getMeta, setMeta, type TandemDatabase } from '../db';
import type { Article, Change, Snippet } from '../schema';
import { processTerm, tokenize } from './text';

/**
 * The local full-text index over cached articles and snippets (MiniSearch: chosen by measurement,
 * see docs/knowledge-search.md). Only published, non-deleted records are searchable; the index
 * also remembers the version of every record it has seen, so sync can feed it changes in any
 * order and a persisted copy can be reconciled with the database after a restart.
 */

export type ItemKind = 'article' | 'snippet';

export interface KnowledgeRecords {
  articles?: readonly Article[];
  snippets?: readonly Snippet[];
}

/** What the index keeps per document for ranking and display, without going back to Dexie. */
export interface StoredItem {
  kind: ItemKind;
  id: string;
  title: string;
  language: string;
  tags: string[];
  sites: string[];
  teamIds: string[];
  targetTags: string[];
  shortcut: string | null;
}

interface IndexedDoc extends StoredItem {
  key: string;
  summary: string;
  body: string;
  tagText: string;
}

export interface SerializedKnowledgeIndex {
  format: string;
  /** [key, version] of every record seen, published or not. */
  versions: Array<[string, number]>;
  engine: unknown;
}

export interface IndexChangeCount {
  indexed: number;
  removed: number;
  skipped: number;
}

/** Bump when fields, boosts at index time or text processing change: a persisted index in an older format is rebuilt. */
export const INDEX_FORMAT = 'tandem-knowledge/1;minisearch-7;fields=title,summary,body,tagText,shortcut;text=1';
export const INDEX_META_KEY = 'knowledge.index';

/** Long articles are indexed on their first part only: it keeps a 100k-article index in memory budget. */
export const MAX_INDEXED_BODY_CHARS = 8_000;

export const SEARCH_FIELDS = ['title', 'summary', 'body', 'tagText', 'shortcut'] as const;
const STORE_FIELDS: Array<keyof StoredItem> = ['kind', 'id', 'title', 'language', 'tags', 'sites', 'teamIds', 'targetTags', 'shortcut'];

function engineOptions(): Options<IndexedDoc> {
  return {
    idField: 'key',
    fields: [...SEARCH_FIELDS],
    storeFields: STORE_FIELDS,
    tokenize,
    processTerm,
    // Searches pass already-processed terms (see rank.ts), so the search side does not stem twice.
    searchOptions: { processTerm: (term: string) => term },
  };
}

export function itemKey(kind: ItemKind, id: string): string {
  return `${kind}:${id}`;
}

/** Markdown noise that should not become terms: link targets, images, code fences, emphasis marks. */
export function indexableText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .slice(0, MAX_INDEXED_BODY_CHARS);
}

function isSearchable(record: Article | Snippet): boolean {
  return !record.deleted && record.status === 'published';
}

function articleDoc(a: Article): IndexedDoc {
  return {
    key: itemKey('article', a.id),
    kind: 'article',
    id: a.id,
    title: a.title,
    summary: a.summary,
    body: indexableText(a.body),
    tagText: a.tags.join(' '),
    language: a.language,
    tags: a.tags,
    sites: a.targeting.sites,
    teamIds: a.targeting.teamIds,
    targetTags: a.targeting.tags,
    shortcut: null,
  };
}

function snippetDoc(s: Snippet): IndexedDoc {
  return {
    key: itemKey('snippet', s.id),
    kind: 'snippet',
    id: s.id,
    title: s.title,
    summary: '',
    // Placeholders are not content: "{{customer.firstName}}" should not match a query about customers.
    body: s.body.replace(/\{\{[^}]*\}\}/g, ' ').slice(0, MAX_INDEXED_BODY_CHARS),
    tagText: s.tags.join(' '),
    language: s.language,
    tags: s.tags,
    sites: s.targeting.sites,
    teamIds: s.targeting.teamIds,
    targetTags: s.targeting.tags,
    shortcut: s.shortcut.slice(1),
  };
}

export class KnowledgeIndex {
  /** The underlying engine; rank.ts queries it directly. */
  readonly engine: MiniSearch<IndexedDoc>;
  private readonly versions: Map<string, number>;

  private constructor(engine: MiniSearch<IndexedDoc>, versions: Map<string, number>) {
    this.engine = engine;
    this.versions = versions;
  }

  static empty(): KnowledgeIndex {
    return new KnowledgeIndex(new MiniSearch(engineOptions()), new Map());
  }

  /** A fresh index over these records (drafts, archived and deleted ones are remembered but not searchable). */
  static build(records: KnowledgeRecords): KnowledgeIndex {
    const index = KnowledgeIndex.empty();
    const docs: IndexedDoc[] = [];
    for (const a of latest(records.articles ?? [])) {
      if (!a.deleted) index.versions.set(itemKey('article', a.id), a.version);
      if (isSearchable(a)) docs.push(articleDoc(a));
    }
    for (const s of latest(records.snippets ?? [])) {
      if (!s.deleted) index.versions.set(itemKey('snippet', s.id), s.version);
      if (isSearchable(s)) docs.push(snippetDoc(s));
    }
    index.engine.addAll(docs);
    return index;
  }

  /** Restores a persisted index; throws if it was written in another format (callers rebuild). */
  static fromJSON(json: string | SerializedKnowledgeIndex): KnowledgeIndex {
    const data: SerializedKnowledgeIndex = typeof json === 'string' ? (JSON.parse(json) as SerializedKnowledgeIndex) : json;
    if (!data || data.format !== INDEX_FORMAT || !Array.isArray(data.versions)) {
      throw new Error(`knowledge index format mismatch: expected ${INDEX_FORMAT}`);
    }
    const engine = MiniSearch.loadJS<IndexedDoc>(data.engine as Parameters<typeof MiniSearch.loadJS>[0], engineOptions());
    return new KnowledgeIndex(engine, new Map(data.versions));
  }

  toJSON(): SerializedKnowledgeIndex {
    return { format: INDEX_FORMAT, versions: [...this.versions], engine: this.engine.toJSON() };
  }

  /** Number of searchable documents. */
  get size(): number {
    return this.engine.documentCount;
  }

  has(kind: ItemKind, id: string): boolean {
    return this.engine.has(itemKey(kind, id));
  }

  /** The stored display and ranking fields of a searchable item. */
  item(kind: ItemKind, id: string): StoredItem | undefined {
    return this.engine.getStoredFields(itemKey(kind, id)) as StoredItem | undefined;
  }

  /**
   * How many documents contain a term (in their largest field), read from MiniSearch's inverted index.
   * MiniSearch has no public API for it; INDEX_FORMAT pins the major version and index.test.ts
   * checks it, so an upgrade that changes the internals fails a test instead of ranking silently worse.
   */
  documentFrequency(term: string): number {
    const fields = (this.engine as unknown as { _index?: { get(term: string): Map<number, Map<number, number>> | undefined } })._index?.get(term);
    if (!fields) return 0;
    let df = 0;
    for (const docs of fields.values()) df = Math.max(df, docs.size);
    return Math.min(df, this.engine.documentCount);
  }

  /** Version of a record the index has seen (searchable or not). */
  versionOf(kind: ItemKind, id: string): number | undefined {
    return this.versions.get(itemKey(kind, id));
  }

  /**
   * Applies created, updated, unpublished and deleted records as sync delivers them. A record older
   * than the version already seen is skipped, so replaying a page of changes is harmless.
   */
  upsert(records: KnowledgeRecords): IndexChangeCount {
    const count: IndexChangeCount = { indexed: 0, removed: 0, skipped: 0 };
    for (const a of records.articles ?? []) this.apply(itemKey('article', a.id), a, articleDoc, count);
    for (const s of records.snippets ?? []) this.apply(itemKey('snippet', s.id), s, snippetDoc, count);
    return count;
  }

  /** Removes records by id (both kinds unless one is given). Returns how many searchable documents went. */
  remove(ids: readonly string[], kind?: ItemKind): number {
    let removed = 0;
    const kinds: ItemKind[] = kind ? [kind] : ['article', 'snippet'];
    for (const id of ids) {
      for (const k of kinds) {
        const key = itemKey(k, id);
        this.versions.delete(key);
        if (this.engine.has(key)) {
          this.engine.discard(key);
          removed += 1;
        }
      }
    }
    return removed;
  }

  /** Feeds the article and snippet changes of a pulled page (other entities are ignored). */
  applyChanges(changes: readonly Change[]): IndexChangeCount {
    const articles: Article[] = [];
    const snippets: Snippet[] = [];
    for (const change of changes) {
      if (change.entity === 'articles') articles.push(change.record);
      else if (change.entity === 'snippets') snippets.push(change.record);
    }
    return this.upsert({ articles, snippets });
  }

  /**
   * Makes the index match a complete set of records (the database after a restart): adds what it
   * missed, updates changed versions, drops records no longer present.
   */
  reconcile(records: KnowledgeRecords): IndexChangeCount {
    const present = new Set<string>();
    const changed = { articles: [] as Article[], snippets: [] as Snippet[] };
    for (const a of records.articles ?? []) {
      const key = itemKey('article', a.id);
      present.add(key);
      if (this.versions.get(key) !== a.version || a.deleted) changed.articles.push(a);
    }
    for (const s of records.snippets ?? []) {
      const key = itemKey('snippet', s.id);
      present.add(key);
      if (this.versions.get(key) !== s.version || s.deleted) changed.snippets.push(s);
    }
    // A reconcile is authoritative: an equal-or-older version in the database still wins.
    for (const a of changed.articles) this.forget(itemKey('article', a.id));
    for (const s of changed.snippets) this.forget(itemKey('snippet', s.id));
    const count = this.upsert(changed);
    for (const key of [...this.versions.keys()]) {
      if (present.has(key)) continue;
      this.versions.delete(key);
      if (this.engine.has(key)) {
        this.engine.discard(key);
        count.removed += 1;
      }
    }
    return count;
  }

  /** A short digest of which record versions the index holds; equal digests mean equal content. */
  fingerprint(): string {
    return fingerprintOf([...this.versions].map(([key, version]) => `${key}@${version}`));
  }

  private forget(key: string): void {
    this.versions.delete(key);
  }

  private apply<R extends Article | Snippet>(key: string, record: R, toDoc: (r: R) => IndexedDoc, count: IndexChangeCount): void {
    const seen = this.versions.get(key);
    if (seen !== undefined && seen > record.version) {
      count.skipped += 1;
      return;
    }
    if (record.deleted) this.versions.delete(key);
    else this.versions.set(key, record.version);
    const wasIndexed = this.engine.has(key);
    if (isSearchable(record)) {
      if (wasIndexed) this.engine.replace(toDoc(record));
      else this.engine.add(toDoc(record));
      count.indexed += 1;
    } else if (wasIndexed) {
      this.engine.discard(key);
      count.removed += 1;
    }
  }
}

/** Keeps the highest version per id, so a build from an unordered change log is deterministic. */
function latest<R extends Article | Snippet>(records: readonly R[]): R[] {
  const byId = new Map<string, R>();
  for (const r of records) {
    const current = byId.get(r.id);
    if (!current || current.version <= r.version) byId.set(r.id, r);
  }
  return [...byId.values()];
}

/** FNV-1a over the sorted entries: order-independent, cheap, not cryptographic (it only detects drift). */
export function fingerprintOf(entries: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const entry of [...entries].sort()) {
    for (let i = 0; i < entry.length; i++) {
      const c = entry.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 0x0a, 0x01000193);
  }
  return `${entries.length}-${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`;
}

// ---- persistence in the `meta` table -------------------------------------------------------------

interface PersistedIndexRow {
  format: string;
  fingerprint: string;
  savedAt: string;
  /** The serialized index as one JSON string: structured-cloning a string is far cheaper than a deep object tree. */
  json: string;
}

/** Stores the index under 'knowledge.index' with its format and content fingerprint. */
export async function saveIndex(db: TandemDatabase, index: KnowledgeIndex, now: Date = new Date()): Promise<void> {
  const row: PersistedIndexRow = { format: INDEX_FORMAT, fingerprint: index.fingerprint(), savedAt: now.toISOString(), json: JSON.stringify(index) };
  await setMeta(db, INDEX_META_KEY, row);
}

/**
 * The persisted index, or null when there is none, it is in an older format or it does not parse.
 * Fast path for a cold service worker: it does not read the articles; call `refreshIndex` next.
 */
export async function loadIndex(db: TandemDatabase): Promise<KnowledgeIndex | null> {
  const row = await getMeta<PersistedIndexRow>(db, INDEX_META_KEY);
  if (!row || row.format !== INDEX_FORMAT || typeof row.json !== 'string') return null;
  try {
    return KnowledgeIndex.fromJSON(row.json);
  } catch {
    return null;
  }
}

export async function readKnowledgeRecords(db: TandemDatabase): Promise<Required<KnowledgeRecords>> {
  const [articles, snippets] = await Promise.all([db.articles.toArray(), db.snippets.toArray()]);
  return { articles, snippets };
}

/**
 * Brings an index (or a fresh build when none) in line with the database and saves it if anything
 * changed. Covers a worker that stopped between applying changes to Dexie and saving the index.
 */
export async function refreshIndex(db: TandemDatabase, index: KnowledgeIndex | null): Promise<{ index: KnowledgeIndex; rebuilt: boolean; changed: boolean }> {
  const records = await readKnowledgeRecords(db);
  if (!index) {
    const built = KnowledgeIndex.build(records);
    await saveIndex(db, built);
    return { index: built, rebuilt: true, changed: true };
  }
  const before = index.fingerprint();
  index.reconcile(records);
  const changed = index.fingerprint() !== before;
  if (changed) await saveIndex(db, index);
  return { index, rebuilt: false, changed };
}

/** Load the persisted index if usable, otherwise build one; then reconcile with the database. */
export async function openIndex(db: TandemDatabase): Promise<KnowledgeIndex> {
  return (await refreshIndex(db, await loadIndex(db))).index;
}
