import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerPhoneCountry, normalizeIdentity } from '../../lib/identity/normalize';
import { SYNCED_ENTITIES, type SyncedEntityName } from '../../lib/schema/entities';
import type { Db } from '../db/database';
import { SYNCED_TABLES } from '../db/records';
import { ENGINES, seededDb } from '../testing';
import { buildDemoData, DEMO_CLOCK, seedDemo } from './demo';

const data = buildDemoData();

describe('demo data', () => {
  it('is the same on every build', () => {
    expect(JSON.stringify(buildDemoData(new Date(DEMO_CLOCK)))).toBe(JSON.stringify(data));
  });

  it('parses with the contract schemas, unchanged by parsing', () => {
    for (const entity of Object.keys(SYNCED_ENTITIES) as SyncedEntityName[]) {
      for (const record of data[entity]) expect(SYNCED_ENTITIES[entity].parse(record)).toEqual(record);
    }
  });

  it('has unique ids per entity, and references that resolve', () => {
    for (const entity of SYNCED_TABLES) {
      const ids = data[entity].map((r) => r.id);
      expect(new Set(ids).size, entity).toBe(ids.length);
    }
    const customers = new Map(data.customers.map((c) => [c.id, c]));
    const cases = new Map(data.cases.map((c) => [c.id, c]));
    for (const c of data.cases) expect(customers.get(c.customerId)?.teamId).toBe(c.teamId);
    for (const i of data.interactions) {
      expect(customers.get(i.customerId)?.teamId).toBe(i.teamId);
      if (i.caseId) expect(cases.get(i.caseId)?.customerId).toBe(i.customerId);
    }
  });

  it('has the sizes the demo needs', () => {
    expect(data.customers.length).toBeGreaterThanOrEqual(206);
    expect(data.articles.length).toBeGreaterThanOrEqual(200);
    expect(data.snippets.length).toBeGreaterThanOrEqual(30);
    expect(data.broadcasts.length).toBeGreaterThanOrEqual(2);
    for (const c of data.customers) {
      expect(
        data.cases.some((k) => k.customerId === c.id),
        c.id,
      ).toBe(true);
      expect(
        data.interactions.some((k) => k.customerId === c.id),
        c.id,
      ).toBe(true);
    }
  });

  it('stores every identity in the canonical form a page is matched in', () => {
    for (const c of data.customers) {
      for (const identity of c.identities) {
        expect(normalizeIdentity(identity.kind, identity.value, { defaultCountry: customerPhoneCountry(c) }), `${c.id} ${identity.kind}`).toEqual(identity);
      }
    }
  });

  it('contains the named fixture customers exactly', () => {
    const jane = data.customers.find((c) => c.id === 'cust-jane-doe');
    expect(jane).toMatchObject({
      name: 'Jane Doe',
      teamId: 'team-care',
      tier: 'gold',
      lifetimeValueCents: 184_250,
      currency: 'USD',
      language: 'en',
      tags: ['vip', 'mobile-app'],
    });
    expect(jane?.identities).toEqual([
      { kind: 'email', value: 'jane.doe@example.com' },
      { kind: 'twitter', value: 'jane_doe' },
      { kind: 'phone', value: '+14155550123' },
      { kind: 'zendesk', value: '90001' },
    ]);
    const byId = (id: string) => data.customers.find((c) => c.id === id);
    expect(byId('cust-marcus-chen')).toMatchObject({ name: 'Marcus Chen', tier: 'platinum', lifetimeValueCents: 1_250_000 });
    expect(byId('cust-marcus-chen')?.identities).toContainEqual({ kind: 'salesforce', value: '003Hs00001AbCdEIAZ' });
    expect(byId('cust-priya-raman')).toMatchObject({ tier: 'silver', lifetimeValueCents: 42_000 });
    expect(byId('cust-priya-raman')?.identities).toContainEqual({ kind: 'hubspot', value: '51234' });
    expect(byId('cust-lena-vogel')).toMatchObject({ tier: 'platinum', language: 'de', currency: 'EUR', lifetimeValueCents: 560_000 });
    expect(byId('cust-tom-becker')).toMatchObject({ tier: 'standard', lifetimeValueCents: 3_900 });
    expect(byId('cust-olu-ade')).toMatchObject({ teamId: 'team-billing', tier: 'gold' });

    for (const id of ['cust-jane-doe', 'cust-marcus-chen', 'cust-priya-raman', 'cust-lena-vogel', 'cust-tom-becker', 'cust-olu-ade']) {
      const n = data.interactions.filter((i) => i.customerId === id).length;
      expect(n, id).toBeGreaterThanOrEqual(3);
      expect(n, id).toBeLessThanOrEqual(8);
    }
    const janeCases = data.cases.filter((c) => c.customerId === 'cust-jane-doe' && c.status === 'open');
    expect(janeCases.map((c) => c.source.site).sort()).toEqual(['twitter', 'zendesk']);
    expect(janeCases.find((c) => c.source.site === 'zendesk')?.source.externalId).toBe('4521');
  });

  it('has breached, due-soon and solved cases relative to the seed clock', () => {
    const open = data.cases.filter((c) => ['new', 'open', 'pending'].includes(c.status) && c.slaDueAt);
    const due = (c: (typeof open)[number]) => new Date(c.slaDueAt ?? 0).getTime() - DEMO_CLOCK.getTime();
    expect(open.some((c) => due(c) < 0)).toBe(true);
    expect(open.some((c) => due(c) > 0 && due(c) < 2 * 3600_000)).toBe(true);
    expect(data.cases.some((c) => c.status === 'solved')).toBe(true);
  });

  it('has help-centre articles that read like real ones', () => {
    const titles = new Set(data.articles.map((a) => a.title));
    expect(titles.size).toBe(data.articles.length);
    for (const a of data.articles) {
      const words = a.body.split(/\s+/).filter(Boolean).length;
      expect(words, a.title).toBeGreaterThanOrEqual(80);
      expect(words, a.title).toBeLessThanOrEqual(250);
      expect(a.body).toMatch(/^## /m);
      expect(a.body).toMatch(/^1\. /m);
      expect(a.url).toMatch(new RegExp(`^https://help\\.northwind\\.example/articles/${a.id}-[a-z0-9-]+$`));
      expect(a.body + a.title).not.toMatch(/lorem|ipsum|Article \d+/i);
    }
    expect(data.articles.filter((a) => a.language === 'de').length).toBeGreaterThanOrEqual(3);
    expect(data.articles.filter((a) => a.status === 'draft').length).toBeGreaterThanOrEqual(2);
    const shortcuts = data.snippets.map((s) => s.shortcut);
    expect(shortcuts).toEqual(expect.arrayContaining([';refund', ';outage', ';reset-pw']));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    expect(data.snippets.some((s) => s.body.includes('{{customer.firstName}}'))).toBe(true);
    expect(data.broadcasts.find((b) => b.title === 'Network outage in Berlin')).toMatchObject({ severity: 'major', endsAt: null });
    expect(data.broadcasts.some((b) => b.endsAt !== null && new Date(b.endsAt) < DEMO_CLOCK)).toBe(true);
  });
});

describe.each(ENGINES)('seedDemo on %s', (engine) => {
  let a: Db;
  let b: Db;
  beforeAll(async () => {
    [a, b] = await Promise.all([seededDb(engine), seededDb(engine)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  const dump = async (db: Db) => {
    const out: Record<string, unknown[]> = {};
    for (const t of SYNCED_TABLES) out[t] = (await db.query(`select id, team_id, seq, version, deleted, data from ${t} order by seq`)).rows;
    out.users = (await db.query('select id, email, name, role, team_ids from users order by id')).rows;
    out.teams = (await db.query('select * from teams order by id')).rows;
    return out;
  };

  it('writes the same rows and sequence numbers on two databases', async () => {
    const [da, db_] = await Promise.all([dump(a), dump(b)]);
    expect(da).toEqual(db_);
    expect(da.customers).toHaveLength(data.customers.length);
    expect(da.users).toHaveLength(5);
  });

  it('stores the built records as they are', async () => {
    const { rows } = await a.query<{ data: unknown }>('select data from articles order by seq');
    expect(rows.map((r) => r.data)).toEqual(data.articles);
  });

  it('does nothing on a database that already has the seed', async () => {
    const before = await dump(a);
    expect(await seedDemo(a)).toBe(false);
    expect(await dump(a)).toEqual(before);
  });

  it('hashes passwords with scrypt and a salt per user', async () => {
    const { rows } = await a.query<{ password_hash: string }>('select password_hash from users');
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$') && !r.password_hash.includes('tandem-demo'))).toBe(true);
    expect(new Set(rows.map((r) => r.password_hash.split('$')[4])).size).toBe(rows.length);
  });
});
