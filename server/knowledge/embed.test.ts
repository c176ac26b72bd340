import { describe, expect, it } from 'vitest';
import type { SentenceEncoder } from '../../lib/knowledge/semantic/rerank';
import { cosine } from '../../lib/knowledge/semantic/rerank';
import { decodeVector, EMBEDDING_DIMENSIONS, EMBEDDING_MODEL } from '../../lib/knowledge/semantic/vector';
import type { Change } from '../../lib/schema/api';
import { Article, Snippet } from '../../lib/schema/entities';
import type { Db } from '../db/database';
import { writeRecords } from '../db/records';
import { appForSuite, ENGINES, type TestClient } from '../testing';
import { embedDue, startEmbedding } from './embed';

/** A stand-in for USE lite that is instant and deterministic: each word adds to one of 512 components. */
function countingEncoder(onEmbed: (texts: readonly string[]) => void | Promise<void> = () => {}): SentenceEncoder & { texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    async embed(batch) {
      texts.push(...batch);
      await onEmbed(batch);
      return batch.map((text) => {
        const v = new Float32Array(EMBEDDING_DIMENSIONS);
        for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
          const slot = [...word].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % EMBEDDING_DIMENSIONS, 7);
          v[slot] = (v[slot] ?? 0) + 1;
        }
        return v;
      });
    },
  };
}

async function publishedCount(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(
    `select (select count(*) from articles where not deleted and data->>'status' = 'published')
          + (select count(*) from snippets where not deleted and data->>'status' = 'published') as n`,
  );
  return Number(rows[0]?.n);
}

async function articleRecord(db: Db, id: string): Promise<Article> {
  const { rows } = await db.query<{ data: unknown }>('select data from articles where id = $1', [id]);
  return Article.parse(rows[0]?.data);
}

async function pulledKnowledge(api: TestClient, token: string, cursor = 0) {
  const page = await api.pullAll(token, { cursor });
  const knowledge = page.changes.filter((c): c is Change & { entity: 'articles' | 'snippets' } => c.entity === 'articles' || c.entity === 'snippets');
  return { cursor: page.cursor, knowledge, byId: new Map(knowledge.map((c) => [c.record.id, c.record as Article | Snippet])) };
}

describe.each(ENGINES)('the embedding job on %s', (engine) => {
  const { db, api } = appForSuite(engine);

  it('embeds each published version once, after it commits, and the pull carries its vector to agents', async () => {
    const token = await api.signIn('agent@tandem.demo');
    const before = await pulledKnowledge(api, token);
    expect(before.knowledge.length).toBeGreaterThan(0);
    expect(before.knowledge.every((c) => c.record.embedding === undefined)).toBe(true);

    const encoder = countingEncoder();
    await embedDue(db(), async () => encoder);
    expect(encoder.texts.length).toBe(await publishedCount(db()));

    // The vectors come as changes after the agent's cursor: a client that synced before gets them without starting over.
    const after = await pulledKnowledge(api, token, before.cursor);
    const published = [...before.byId.values()].filter((r) => !r.deleted && r.status === 'published');
    expect(published.length).toBeGreaterThan(0);
    for (const record of published) {
      const pulled = after.byId.get(record.id);
      expect(pulled?.embedding?.model).toBe(EMBEDDING_MODEL);
      expect(pulled?.version).toBe(record.version);
      const [expected] = await countingEncoder().embed([`${record.title}\n${record.body.slice(0, 1000)}`]);
      expect(cosine(decodeVector(pulled?.embedding?.vector ?? ''), expected ?? [])).toBeGreaterThan(0.999);
    }

    // Nothing is due any more: a second run embeds nothing.
    const again = countingEncoder();
    expect(await embedDue(db(), async () => again)).toBe(0);
    expect(again.texts).toEqual([]);
  });

  it('embeds a new version again, and sends no vector of the old version with it meanwhile', async () => {
    await embedDue(db(), async () => countingEncoder());
    const token = await api.signIn('agent@tandem.demo');
    const { cursor, byId } = await pulledKnowledge(api, token);
    const article = [...byId.values()].find((r): r is Article => 'summary' in r && r.status === 'published' && !r.deleted);
    if (!article) throw new Error('the demo has a published article');
    const stored = await articleRecord(db(), article.id);
    await writeRecords(db(), 'articles', [{ ...stored, version: stored.version + 1, title: 'Strikethrough text in the editor' }]);

    const edited = (await pulledKnowledge(api, token, cursor)).byId.get(article.id);
    expect(edited?.version).toBe(article.version + 1);
    expect(edited?.embedding).toBeUndefined();

    const encoder = countingEncoder();
    expect(await embedDue(db(), async () => encoder)).toBe(1);
    expect(encoder.texts).toEqual([`Strikethrough text in the editor\n${stored.body.slice(0, 1000)}`]);
    expect((await pulledKnowledge(api, token, cursor)).byId.get(article.id)?.embedding?.model).toBe(EMBEDDING_MODEL);
  });

  it('leaves a version edited while it was being embedded due, and embeds the new one on the next round', async () => {
    await embedDue(db(), async () => countingEncoder());
    const { rows } = await db().query<{ id: string }>(`select id from articles where data->>'status' = 'published' order by id limit 1`);
    const id = rows[0]?.id ?? '';
    const stored = await articleRecord(db(), id);
    await writeRecords(db(), 'articles', [{ ...stored, version: stored.version + 1, title: 'Second title' }]);
    // A manager saves a third version while the second is with the encoder.
    const racing = countingEncoder(() => writeRecords(db(), 'articles', [{ ...stored, version: stored.version + 2, title: 'Third title' }]).then(() => {}));
    await embedDue(db(), async () => racing);
    expect(racing.texts.map((t) => t.split('\n')[0])).toEqual(['Second title', 'Third title']);
    const { rows: done } = await db().query<{ version: number; embedding_version: number }>('select version, embedding_version from articles where id = $1', [
      id,
    ]);
    expect(done[0]).toEqual({ version: stored.version + 2, embedding_version: stored.version + 2 });
  });

  it('picks up where it stopped: a restarted job embeds what is left and nothing twice', async () => {
    // As right after the migration: nothing embedded yet.
    for (const table of ['articles', 'snippets']) await db().query(`update ${table} set embedding = null, embedding_version = null`);
    const first = countingEncoder();
    let rounds = 0;
    await embedDue(db(), async () => first, { batch: 4, stopped: () => ++rounds >= 1 });
    const total = await publishedCount(db());
    expect(first.texts.length).toBeGreaterThan(0);
    expect(first.texts.length).toBeLessThan(total);

    const restarted = countingEncoder();
    await embedDue(db(), async () => restarted);
    expect(first.texts.length + restarted.texts.length).toBe(total);
    const { rows } = await db().query<{ due: string | number }>('select count(*) as due from articles where embedding_version is distinct from version');
    expect(Number(rows[0]?.due)).toBe(0);
  });

  it('loads the encoder only when something is due, and a stopped job closes it', async () => {
    await embedDue(db(), async () => countingEncoder());
    let loads = 0;
    const stopIdle = startEmbedding(db(), () => ((loads += 1), countingEncoder()), 60_000);
    await stopIdle();
    expect(loads).toBe(0);

    const stored = await articleRecord(
      db(),
      (await db().query<{ id: string }>(`select id from articles where data->>'status' = 'published' limit 1`)).rows[0]?.id ?? '',
    );
    await writeRecords(db(), 'articles', [{ ...stored, version: stored.version + 1 }]);
    let closed = 0;
    const stop = startEmbedding(db(), () => ((loads += 1), { ...countingEncoder(), close: async () => void (closed += 1) }), 60_000);
    await stop();
    expect({ loads, closed }).toEqual({ loads: 1, closed: 1 });
  });

  it("never sends a vector the schema would refuse, so a bad row cannot stop the agents' pulls", async () => {
    const { rows } = await db().query<{ id: string }>(`select id from articles where data->>'status' = 'published' order by id limit 1`);
    const id = rows[0]?.id ?? '';
    await db().query(`update articles set embedding = decode('0102', 'hex'), embedding_version = version where id = $1`, [id]);
    const { byId } = await pulledKnowledge(api, await api.signIn('agent@tandem.demo'));
    expect(byId.get(id)?.id).toBe(id);
    expect(byId.get(id)?.embedding).toBeUndefined();
  });

  it('sends records a client of the previous format still reads, without the vector', async () => {
    await embedDue(db(), async () => countingEncoder());
    const { knowledge } = await pulledKnowledge(api, await api.signIn('agent@tandem.demo'));
    const withVector = knowledge.filter((c) => c.record.embedding);
    expect(withVector.length).toBeGreaterThan(0);
    // The schemas as they were before the vector: plain (not strict) objects, which drop a key they do not know.
    const previous = { articles: Article.omit({ embedding: true }), snippets: Snippet.omit({ embedding: true }) };
    for (const change of withVector) {
      const { embedding: _vector, ...rest } = change.record;
      expect(previous[change.entity].parse(change.record)).toEqual(previous[change.entity].parse(rest));
    }
  });
});
