// The server's embedding job (docs/knowledge-eval.md "A semantic stage"): each published article and snippet version is
// embedded once, after it commits, off the request path, and its vector syncs with it for the extension's optional
// semantic stage. Restart-safe: what is due is in the table (embedding_version differs from version), not in memory.

import { articleEmbeddingText, type SentenceEncoder } from '../../lib/knowledge/semantic/rerank';
import { EMBEDDING_DIMENSIONS, EMBEDDING_MODEL, encodeVector, quantizeVector } from '../../lib/knowledge/semantic/vector';
import { type Db, logJobFailure } from '../db/database';
import { markChangeWriter, notifyChange } from '../db/records';

export const EMBEDDED_TABLES = ['articles', 'snippets'] as const;
type EmbeddedTable = (typeof EMBEDDED_TABLES)[number];

/** Texts embedded per call: TF.js runs a batch as one matrix, and a round stays short enough to stop promptly. */
export const EMBED_BATCH = 16;

/**
 * What the pull sends as a record of `entity`: its data, with the vector of this very version when there is one
 * (a vector of an older version is not sent: the new one is on its way).
 */
export function pulledDataSql(entity: string): string {
  if (!(EMBEDDED_TABLES as readonly string[]).includes(entity)) return 'data';
  // encode() breaks base64 into lines of 76 characters.
  const vector = `translate(encode(embedding, 'base64'), E'\\n', '')`;
  // Only a vector of the size the schema accepts: one the pull could not parse would stop every agent's sync.
  return `case when embedding_version = version and octet_length(embedding) = ${EMBEDDING_DIMENSIONS}
    then data || jsonb_build_object('embedding', jsonb_build_object('model', '${EMBEDDING_MODEL}', 'vector', ${vector})) else data end`;
}

type DueRow = { id: string; version: number; deleted: boolean; data: { title?: string; body?: string; status?: string } };

/**
 * One round: up to `batch` due versions of one table. Drafts, archived items and tombstones are marked done without a
 * vector (agents never rank them; a publish is a new version). The encoder runs outside any transaction; the vectors
 * are written only where the row is still at the version embedded, each taking a new seq so clients pull it again.
 * Answers how many versions it settled.
 */
async function embedRound(db: Db, table: EmbeddedTable, encoder: () => Promise<SentenceEncoder>, batch: number): Promise<number> {
  // Table names come from the fixed list above, never from input.
  const { rows } = await db.query<DueRow>(
    // Newest first: a manager's fresh edit gets its vector within a round even behind a backlog (a first start's whole
    // knowledge base), and agents are likelier to meet what was just written.
    `select id, version, deleted, data from ${table} where embedding_version is distinct from version order by seq desc limit $1`,
    [batch],
  );
  if (rows.length === 0) return 0;
  const wanted = rows.filter((r) => !r.deleted && r.data.status === 'published');
  const skipped = rows.filter((r) => !wanted.includes(r));
  if (skipped.length > 0)
    await db.query(
      `update ${table} t set embedding = null, embedding_version = x.v from unnest($1::text[], $2::int[]) x(id, v) where t.id = x.id and t.version = x.v`,
      [skipped.map((r) => r.id), skipped.map((r) => r.version)],
    );
  if (wanted.length > 0) {
    const vectors = await (await encoder()).embed(wanted.map((r) => articleEmbeddingText({ title: r.data.title ?? '', body: r.data.body ?? '' })));
    const bytes = vectors.map((v) => encodeVector(quantizeVector(v)));
    await db.transaction(async (tx) => {
      await markChangeWriter(tx);
      const { rows: written } = await tx.query<{ seq: string | number }>(
        `update ${table} t set embedding = decode(x.e, 'base64'), embedding_version = x.v, seq = nextval('change_seq')
         from unnest($1::text[], $2::int[], $3::text[]) x(id, v, e) where t.id = x.id and t.version = x.v returning t.seq`,
        [wanted.map((r) => r.id), wanted.map((r) => r.version), bytes],
      );
      if (written.length > 0) await notifyChange(tx, { seq: Math.max(...written.map((w) => Number(w.seq))), teams: 'all' });
    });
  }
  return rows.length;
}

/** Embeds everything due, round after round, until nothing is (or `stopped()` says so); answers how many versions it settled. */
export async function embedDue(
  db: Db,
  encoder: () => Promise<SentenceEncoder>,
  { batch = EMBED_BATCH, stopped = () => false }: { batch?: number; stopped?: () => boolean } = {},
): Promise<number> {
  let settled = 0;
  // The encoder loads first (seconds, on a cold start) and the rounds choose their rows after it: what was written
  // meanwhile is newest, so it is embedded first. Nothing due, nothing loaded.
  const due = await Promise.all(EMBEDDED_TABLES.map((table) => db.query(`select 1 from ${table} where embedding_version is distinct from version limit 1`)));
  if (due.every((r) => r.rows.length === 0)) return 0;
  await encoder();
  for (const table of EMBEDDED_TABLES) {
    for (let n = await embedRound(db, table, encoder, batch); n > 0 && !stopped(); n = await embedRound(db, table, encoder, batch)) settled += n;
  }
  return settled;
}

/** An encoder that holds a resource (a thread) until closed. */
export type ClosableEncoder = SentenceEncoder & { close?(): Promise<void> };

/**
 * Embeds what is due every `everyMs`, a round at a time. The encoder is loaded on the first round that finds something
 * to embed (a server with nothing to embed never pays its 7 MB and ~0.5 s of CPU); a failed load is not kept, so the
 * next round tries again. Answers a stop function that waits for the round in progress and closes the encoder.
 */
export function startEmbedding(db: Db, load: () => ClosableEncoder | Promise<ClosableEncoder>, everyMs: number): () => Promise<void> {
  let loaded: Promise<ClosableEncoder> | null = null;
  const encoder = () =>
    (loaded ??= Promise.resolve(load()).catch((err: unknown) => {
      loaded = null;
      throw err;
    }));
  let stopped = false;
  let round: Promise<unknown> | null = null;
  const run = () => {
    round ??= embedDue(db, encoder, { stopped: () => stopped })
      .catch((err: unknown) => logJobFailure('embedding', err))
      .finally(() => {
        round = null;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await round;
    await (await loaded?.catch(() => null))?.close?.();
  };
}
