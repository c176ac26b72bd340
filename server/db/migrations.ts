import type { Db } from './index';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const SYNCED_TABLES = ['customers', 'interactions', 'cases', 'articles', 'snippets', 'broadcasts'] as const;

function syncedTable(name: string): string {
  return `
    create table ${name} (
      id text primary key,
      team_id text null,
      seq bigint not null default nextval('change_seq'),
      version int not null default 1,
      updated_at timestamptz not null,
      deleted boolean not null default false,
      data jsonb not null
    );
    create unique index ${name}_seq_idx on ${name} (seq);
    create index ${name}_team_seq_idx on ${name} (team_id, seq);`;
}

/** Append only: never edit a migration that has shipped, add the next number. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      -- One sequence for every synced table, so a single cursor orders changes across all of them.
      create sequence change_seq;
      create table teams (
        id text primary key,
        name text not null
      );
      create table users (
        id text primary key,
        email text not null unique,
        name text not null,
        role text not null check (role in ('agent', 'manager', 'admin')),
        password_hash text not null,
        team_ids text[] not null default '{}'
      );
      create table tokens (
        token_hash text primary key,
        user_id text not null references users(id),
        created_at timestamptz not null,
        expires_at timestamptz not null,
        revoked_at timestamptz null
      );
      create index tokens_user_idx on tokens (user_id);
      create table usage_events (
        id text primary key,
        type text not null,
        item_kind text not null,
        item_id text not null,
        user_id text not null,
        team_id text not null,
        site text null,
        occurred_at timestamptz not null
      );
      create index usage_events_item_idx on usage_events (item_kind, item_id);
      create table meta (
        key text primary key,
        value jsonb not null
      );
      ${SYNCED_TABLES.map(syncedTable).join('\n')}
    `,
  },
];

/** Applies every migration not yet recorded in schema_migrations, each in its own transaction. Safe to run on every start. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.exec(`create table if not exists schema_migrations (
    version int primary key,
    name text not null,
    applied_at timestamptz not null default now()
  )`);
  const { rows } = await db.query<{ version: number }>('select version from schema_migrations');
  const applied = new Set(rows.map((r) => Number(r.version)));
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
    });
    done.push(m.version);
  }
  return done;
}
