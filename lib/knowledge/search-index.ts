import { deleteMeta, getMeta, readKnowledgeRecords, setMeta, syncCursor, type TandemDatabase } from '../db';
import type { Article, Change, Snippet } from '../schema';
import { INDEX_META_KEY, INDEX_TAIL_META_KEY, type IndexRows } from './index-rows';
import { type FieldTexts, PostingsIndex, type PostingsOptions, type SerializedPostings } from './postings';

export { INDEX_META_KEY, INDEX_TAIL_META_KEY };

/**
 * The local full-text index over cached articles and snippets (typed-array postings with BM25F
 * impacts, lib/knowledge/postings.ts; why not a library: docs/knowledge-search.md). Only
 * published, non-deleted records are searchable; the index also remembers the version of every
 * record it has seen, so sync can feed it changes in any order and a persisted copy can be
 * reconciled with the database after a restart.
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
  /** What a suggestion shows and inserts, kept here so answering never waits on IndexedDB. */
  summary: string;
  url: string | null;
  /** A snippet's template (placeholders unfilled); null for articles. */
  body: string | null;
  /** Until when the item counts as verified (ISO); null when it has no verify-by date. */
  verifyBy: string | null;
}

interface IndexedDoc {
  key: string;
  texts: FieldTexts;
  item: StoredItem;
}

export interface SerializedKnowledgeIndex {
  format: string;
  /** The sync cursor up to which pulled article and snippet changes are in the index. */
  cursor: number;
  /** JSON of [key, version] for every record seen, published or not (parsed only when needed). */
  versions: string;
  postings: SerializedPostings;
}

/** How documents are analysed: the product uses the defaults; the evaluation switches parts off. */
export interface IndexOptions extends PostingsOptions {
  /** Index a title's "Product: " prefix in its own, lighter field (default true). */
  categoryField?: boolean;
}

export interface IndexChangeCount {
  indexed: number;
  removed: number;
  skipped: number;
}

/** Bump when fields, boosts, scoring or text processing change: a persisted index in an older format is rebuilt. */
export const INDEX_FORMAT =
  'tandem-knowledge/8;postings-2;items=display+verify;bm25f k1=1.2 b=0.75;fields=title:2,summary:1.5,body:1,tagText:1.5,shortcut:2,category:0.25,alsoAnswers:2,exact;avgdl=per-field-docs;text=porter2+exact-words;exact=forward-varint';

/** Long articles are indexed on their first part only: it keeps a 100k-article index in memory budget. */
export const MAX_INDEXED_BODY_CHARS = 8_000;

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

/**
 * A title's leading category ("IBM Security Bulletin: …", "Billing - …", "Gmail | …"): at most five
 * words before a colon, dash or bar, with the title going on after it. Sibling articles repeat it
 * word for word, so in the title field it made every sibling match a query naming the product; it
 * is indexed in the lighter `category` field instead.
 */
const CATEGORY_PREFIX = /^\s*((?:[^\s:|]+\s+){0,4}[^\s:|]+)\s*(?::|\s[-–|]\s)\s*(\S.*)$/su;

export function splitCategory(title: string): { category: string; title: string } {
  const m = CATEGORY_PREFIX.exec(title);
  return m ? { category: m[1] as string, title: m[2] as string } : { category: '', title };
}

function titleTexts(title: string, categoryField: boolean): Pick<FieldTexts, 'title' | 'category'> {
  return categoryField ? splitCategory(title) : { title, category: '' };
}

function articleDoc(a: Article, categoryField = true): IndexedDoc {
  return {
    key: itemKey('article', a.id),
    texts: {
      ...titleTexts(a.title, categoryField),
      summary: a.summary,
      body: indexableText(a.body),
      tagText: a.tags.join(' '),
      shortcut: '',
      alsoAnswers: (a.alsoAnswers ?? []).join('\n'),
    },
    item: {
      kind: 'article',
      id: a.id,
      title: a.title,
      language: a.language,
      tags: a.tags,
      sites: a.targeting.sites,
      teamIds: a.targeting.teamIds,
      targetTags: a.targeting.tags,
      shortcut: null,
      summary: a.summary,
      url: a.url,
      body: null,
      verifyBy: a.verifyBy ?? null,
    },
  };
}

function snippetDoc(s: Snippet, categoryField = true): IndexedDoc {
  return {
    key: itemKey('snippet', s.id),
    texts: {
      ...titleTexts(s.title, categoryField),
      summary: '',
      // Placeholders are not content: "{{customer.firstName}}" should not match a query about customers.
      body: s.body.replace(/\{\{[^}]*\}\}/g, ' ').slice(0, MAX_INDEXED_BODY_CHARS),
      tagText: s.tags.join(' '),
      shortcut: s.shortcut.slice(1),
      alsoAnswers: '',
    },
    item: {
      kind: 'snippet',
      id: s.id,
      title: s.title,
      language: s.language,
      tags: s.tags,
      sites: s.targeting.sites,
      teamIds: s.targeting.teamIds,
      targetTags: s.targeting.tags,
      shortcut: s.shortcut.slice(1),
      summary: s.shortcut,
      url: null,
      body: s.body,
      verifyBy: s.verifyBy ?? null,
    },
  };
}

export class KnowledgeIndex {
  /** The inverted index; rank.ts scores queries against it directly. */
  readonly postings: PostingsIndex<StoredItem>;
  /** The sync cursor up to which pulled changes are applied (pages without knowledge changes count too). */
  syncCursor = 0;
  /**
   * The id of the full persisted copy this index builds on (set by saveIndex/loadIndex), or null when
   * only a full save can persist it (never saved, or records removed outside a pulled change).
   */
  persistedAs: string | null = null;
  /** Records applied since the full copy: saved as a small tail row instead of rewriting everything. */
  private readonly tail = new Map<string, Article | Snippet>();
  /** Whether titles' category prefixes go to their own field (IndexOptions); restored indexes use the default. */
  private categoryField = true;
  private tailChars = 0;
  /** The tail or the cursor moved since they were last written. */
  tailDirty = false;
  private versionMap: Map<string, number> | null;
  private versionsJson: string | null;

  private constructor(postings: PostingsIndex<StoredItem>, versions: Map<string, number> | null, versionsJson: string | null = null) {
    this.postings = postings;
    this.versionMap = versions;
    this.versionsJson = versionsJson;
  }

  static empty(options: IndexOptions = {}): KnowledgeIndex {
    const index = new KnowledgeIndex(new PostingsIndex(options), new Map());
    index.categoryField = options.categoryField ?? true;
    return index;
  }

  /** A fresh index over these records (drafts, archived and deleted ones are remembered but not searchable). */
  static build(records: KnowledgeRecords, options: IndexOptions = {}): KnowledgeIndex {
    const index = KnowledgeIndex.empty(options);
    const versions = index.versions;
    for (const a of latest(records.articles ?? [])) {
      if (!a.deleted) versions.set(itemKey('article', a.id), a.version);
      if (isSearchable(a)) index.add(articleDoc(a, index.categoryField));
    }
    for (const s of latest(records.snippets ?? [])) {
      if (!s.deleted) versions.set(itemKey('snippet', s.id), s.version);
      if (isSearchable(s)) index.add(snippetDoc(s, index.categoryField));
    }
    // Scores every posting once with the final field-length averages.
    index.postings.compact();
    return index;
  }

  /**
   * Restores a persisted index (as read back from IndexedDB: strings and typed arrays, nothing to
   * re-analyse); throws if it was written in another format or is inconsistent (callers rebuild).
   */
  static restore(data: SerializedKnowledgeIndex): KnowledgeIndex {
    if (!data || data.format !== INDEX_FORMAT || typeof data.versions !== 'string') {
      throw new Error(`knowledge index format mismatch: expected ${INDEX_FORMAT}`);
    }
    const index = new KnowledgeIndex(PostingsIndex.restore<StoredItem>(data.postings), null, data.versions);
    index.syncCursor = Number.isSafeInteger(data.cursor) ? data.cursor : 0;
    return index;
  }

  /** The persistable form (compacts first). Structured-clonable, not JSON. */
  serialize(): SerializedKnowledgeIndex {
    return { format: INDEX_FORMAT, cursor: this.syncCursor, versions: JSON.stringify([...this.versions]), postings: this.postings.serialize() };
  }

  /** Number of searchable documents. */
  get size(): number {
    return this.postings.size;
  }

  has(kind: ItemKind, id: string): boolean {
    return this.postings.has(itemKey(kind, id));
  }

  /** The stored display and ranking fields of a searchable item. */
  item(kind: ItemKind, id: string): StoredItem | undefined {
    return this.postings.get(itemKey(kind, id));
  }

  /** How many documents contain a (processed) term. */
  documentFrequency(term: string): number {
    return this.postings.documentFrequency(term);
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
    for (const a of records.articles ?? []) this.apply(itemKey('article', a.id), a, (r) => articleDoc(r, this.categoryField), count);
    for (const s of records.snippets ?? []) this.apply(itemKey('snippet', s.id), s, (r) => snippetDoc(r, this.categoryField), count);
    if (this.postings.needsCompaction) this.postings.compact();
    return count;
  }

  /**
   * Whether persisting needs a full save: never saved, removed outside a pulled change, or a tail
   * too long to replay quickly on wake-up (5% of the documents, at least 200, or 2 M characters).
   */
  get needsFullSave(): boolean {
    return this.persistedAs === null || this.tail.size > Math.max(200, this.size / 20) || this.tailChars > 2_000_000;
  }

  /** The records applied since the full copy, for the tail row. */
  tailRecords(): { articles: Article[]; snippets: Snippet[] } {
    const articles: Article[] = [];
    const snippets: Snippet[] = [];
    for (const [key, record] of this.tail) (key.startsWith('article:') ? articles : snippets).push(record as Article & Snippet);
    return { articles, snippets };
  }

  /** After a full save: the copy holds everything, the tail starts empty. */
  markSaved(saveId: string): void {
    this.persistedAs = saveId;
    this.tail.clear();
    this.tailChars = 0;
    this.tailDirty = false;
  }

  /** Removes records by id (both kinds unless one is given). Returns how many searchable documents went. */
  remove(ids: readonly string[], kind?: ItemKind): number {
    let removed = 0;
    const kinds: ItemKind[] = kind ? [kind] : ['article', 'snippet'];
    for (const id of ids) {
      for (const k of kinds) {
        const key = itemKey(k, id);
        this.versions.delete(key);
        if (this.postings.remove(key)) removed += 1;
      }
    }
    if (removed > 0) this.persistedAs = null;
    return removed;
  }

  /** Feeds the article and snippet changes of a pulled page (other entities are ignored), and the page's cursor. */
  applyChanges(changes: readonly Change[], cursor?: number): IndexChangeCount {
    if (cursor !== undefined && cursor > this.syncCursor) {
      this.syncCursor = cursor;
      this.tailDirty = true;
    }
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
    for (const a of changed.articles) this.versions.delete(itemKey('article', a.id));
    for (const s of changed.snippets) this.versions.delete(itemKey('snippet', s.id));
    const count = this.upsert(changed);
    for (const key of [...this.versions.keys()]) {
      if (present.has(key)) continue;
      this.versions.delete(key);
      if (this.postings.remove(key)) count.removed += 1;
    }
    if (count.removed > 0) this.persistedAs = null;
    return count;
  }

  /** A short digest of which record versions the index holds; equal digests mean equal content. */
  fingerprint(): string {
    return fingerprintOf([...this.versions].map(([key, version]) => `${key}@${version}`));
  }

  /** Record versions, parsed from the persisted form on first use: a cold query does not need them. */
  private get versions(): Map<string, number> {
    if (!this.versionMap) {
      const pairs = JSON.parse(this.versionsJson ?? '[]') as Array<[string, number]>;
      this.versionMap = new Map(Array.isArray(pairs) ? pairs : []);
      this.versionsJson = null;
    }
    return this.versionMap;
  }

  private add(doc: IndexedDoc): void {
    this.postings.add(doc.key, doc.texts, doc.item);
  }

  private apply<R extends Article | Snippet>(key: string, record: R, toDoc: (r: R) => IndexedDoc, count: IndexChangeCount): void {
    const seen = this.versions.get(key);
    if (seen !== undefined && seen > record.version) {
      count.skipped += 1;
      return;
    }
    if (record.deleted) this.versions.delete(key);
    else this.versions.set(key, record.version);
    const before = this.tail.get(key);
    this.tailChars += record.body.length - (before?.body.length ?? 0);
    this.tail.set(key, record);
    this.tailDirty = true;
    if (isSearchable(record)) {
      this.add(toDoc(record));
      count.indexed += 1;
    } else if (this.postings.remove(key)) {
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
  /** Identifies this saved copy: a tail row names the copy it extends. */
  saveId: string;
  fingerprint: string;
  savedAt: string;
  /** Typed arrays and strings: IndexedDB stores and returns them by structured clone, no parsing of a tree. */
  index: SerializedKnowledgeIndex;
}

/** Records applied since the full copy `saveId`, and the cursor the two together are complete to. */
interface IndexTailRow {
  saveId: string;
  cursor: number;
  articles: Article[];
  snippets: Snippet[];
}

/** Stores the whole index under 'knowledge.index' (compacted, with its sync cursor) and starts an empty tail. */
export async function saveIndex(db: TandemDatabase, index: KnowledgeIndex, now: Date = new Date()): Promise<void> {
  const saveId = crypto.randomUUID();
  const row: PersistedIndexRow = { format: INDEX_FORMAT, saveId, fingerprint: index.fingerprint(), savedAt: now.toISOString(), index: index.serialize() };
  await setMeta(db, INDEX_META_KEY, row);
  await setMeta(db, INDEX_TAIL_META_KEY, { saveId, cursor: index.syncCursor, articles: [], snippets: [] } satisfies IndexTailRow);
  index.markSaved(saveId);
}

/**
 * Persists what changed since the last write: a new tail row (the records applied since the full
 * copy, and the cursor) when that is enough, the whole index otherwise. A manager's edit costs
 * agents a few kilobytes, not a rewrite of the index (~12 MB at 10,000 articles).
 */
export async function persistIndex(db: TandemDatabase, index: KnowledgeIndex): Promise<void> {
  if (index.needsFullSave) return saveIndex(db, index);
  if (!index.tailDirty || !index.persistedAs) return;
  index.tailDirty = false;
  await setMeta(db, INDEX_TAIL_META_KEY, { saveId: index.persistedAs, cursor: index.syncCursor, ...index.tailRecords() } satisfies IndexTailRow);
}

/** Drops the persisted index (full copy and tail): the next load builds it again from the cached records. */
export async function forgetIndex(db: TandemDatabase): Promise<void> {
  await deleteMeta(db, INDEX_META_KEY, INDEX_TAIL_META_KEY);
}

/**
 * The persisted index, or null when there is none, it is in an older format or it is damaged.
 * Fast path for a cold service worker: it does not read the articles. The tail row's records
 * (changes since the full copy) are replayed onto it. Its `syncCursor` says up to where it is
 * complete; `isIndexCurrent` compares that with the cache's cursor (meta 'sync.cursor').
 */
export async function loadIndex(db: TandemDatabase, readEarly?: Promise<IndexRows | null>): Promise<KnowledgeIndex | null> {
  // The rows as the worker's start read them (./index-rows.ts), else through Dexie.
  const early = await readEarly;
  const [row, tail] = early
    ? [early.row as PersistedIndexRow | undefined, early.tail as IndexTailRow | undefined]
    : await Promise.all([getMeta<PersistedIndexRow>(db, INDEX_META_KEY), getMeta<IndexTailRow>(db, INDEX_TAIL_META_KEY)]);
  if (!row || row.format !== INDEX_FORMAT || !row.index || typeof row.saveId !== 'string') return null;
  try {
    const index = KnowledgeIndex.restore(row.index);
    index.markSaved(row.saveId);
    // A tail written for an older full copy (the worker stopped between the two writes) is ignored.
    if (tail && tail.saveId === row.saveId && Array.isArray(tail.articles) && Array.isArray(tail.snippets)) {
      index.upsert({ articles: tail.articles, snippets: tail.snippets });
      if (Number.isSafeInteger(tail.cursor)) index.syncCursor = Math.max(index.syncCursor, tail.cursor);
      index.tailDirty = false;
    }
    return index;
  } catch {
    return null;
  }
}

/**
 * Whether the index holds every change the cache has pulled. When not (the worker stopped between
 * storing a page and saving the index, or the cache was reset), `refreshIndex` reconciles it; when
 * it does, reading every article again on each wake-up is skipped.
 */
export function isIndexCurrent(index: KnowledgeIndex, cacheCursor: number): boolean {
  return index.syncCursor === cacheCursor;
}

/**
 * Brings an index (or a fresh build when none) in line with the database and saves it if anything
 * changed. Covers a worker that stopped between applying changes to Dexie and saving the index.
 */
export async function refreshIndex(db: TandemDatabase, index: KnowledgeIndex | null): Promise<{ index: KnowledgeIndex; rebuilt: boolean; changed: boolean }> {
  // The cursor first: records read after it can only be newer, so the index is at least this complete.
  const cursor = await syncCursor(db);
  const records = await readKnowledgeRecords(db);
  if (!index) {
    const built = KnowledgeIndex.build(records);
    built.syncCursor = cursor;
    await saveIndex(db, built);
    return { index: built, rebuilt: true, changed: true };
  }
  const before = index.fingerprint();
  index.reconcile(records);
  index.syncCursor = Math.max(index.syncCursor, cursor);
  const changed = index.fingerprint() !== before;
  index.tailDirty = true;
  await persistIndex(db, index);
  return { index, rebuilt: false, changed };
}
