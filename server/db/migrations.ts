import { canonicalizeCustomerIdentities } from './canonical-identities';
import type { Db, Queryable } from './database';
import { CHANGE_LOCK_KEY } from './records';

/** Held while migrating, so server processes starting together on one PostgreSQL do not race. */
const MIGRATE_LOCK_KEY = 7_261_002;

export interface Migration {
  version: number;
  name: string;
  sql?: string;
  /** Data changes SQL cannot express (libphonenumber), run after sql in the same transaction. */
  up?: (tx: Queryable) => Promise<void>;
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
  {
    version: 2,
    name: 'push: mutation results, per-field versions, unique capture source, scope changes',
    sql: `
      -- The version at which each field last changed, so a stale patch conflicts only on fields changed since its base.
      alter table customers add column field_versions jsonb not null default '{}';
      alter table cases add column field_versions jsonb not null default '{}';
      -- Capturing the same post or ticket twice finds the first case instead of making a second.
      create unique index cases_source_idx on cases (team_id, (data->'source'->>'site'), (data->'source'->>'externalId'))
        where not deleted and data->'source'->>'site' is not null and data->'source'->>'externalId' is not null;
      -- The stored answer to every applied mutation, so a replay returns it instead of applying again.
      create table push_results (
        user_id text not null references users(id),
        mutation_id text not null,
        entity text not null,
        record_id text not null,
        result jsonb not null,
        created_at timestamptz not null,
        primary key (user_id, mutation_id)
      );
      -- A change of teams or role takes a change_seq value; pulls with an older cursor answer scope_changed.
      alter table users add column scope_seq bigint not null default 0;
      -- The scope_seq this session last pulled from cursor 0 under; a session that has not may not resume an older cursor.
      alter table tokens add column scope_seen bigint not null default 0;
      create function users_scope_seq() returns trigger language plpgsql as $fn$
      begin
        if new.team_ids is distinct from old.team_ids or new.role is distinct from old.role then
          perform pg_advisory_xact_lock(${CHANGE_LOCK_KEY});
          new.scope_seq := nextval('change_seq');
        end if;
        return new;
      end $fn$;
      create trigger users_scope_seq before update on users for each row execute function users_scope_seq();
    `,
  },
  {
    version: 3,
    name: 'manager: site rules, version history, invitations, deactivation, usage by time',
    sql: `
      -- Site rules sync like the other knowledge tables (same columns), so the pull can include them.
      ${syncedTable('site_rules')}
      -- Every saved edit of a managed item, kept whole for history, comparison and rollback.
      ${['articles', 'snippets', 'broadcasts', 'site_rules']
        .map(
          (t) => `create table ${t}_versions (
        item_id text not null,
        version int not null,
        action text not null,
        author_id text null references users(id),
        saved_at timestamptz not null,
        data jsonb not null,
        primary key (item_id, version)
      );`,
        )
        .join('\n')}
      create table invitations (
        token_hash text primary key,
        user_id text not null references users(id),
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz null
      );
      create index invitations_user_idx on invitations (user_id);
      alter table users add column deactivated_at timestamptz null;
      create index usage_events_time_idx on usage_events (occurred_at);
    `,
  },
  // ---- Team queue (server/routes/queue.ts): routing rules and who is viewing or replying to a case.
  {
    version: 4,
    name: 'queue: routing rules, case presence',
    sql: `
      create table routing_rules (
        id text primary key,
        team_id text not null references teams(id),
        position int not null,
        data jsonb not null,
        updated_at timestamptz not null
      );
      create index routing_rules_team_idx on routing_rules (team_id, position);
      -- One row per (case, agent) while they have it open; rows past expires_at are ignored and swept.
      create table case_presence (
        case_id text not null,
        user_id text not null references users(id),
        team_id text not null,
        state text not null check (state in ('viewing', 'replying')),
        expires_at timestamptz not null,
        primary key (case_id, user_id)
      );
      create index case_presence_team_idx on case_presence (team_id, expires_at);
    `,
  },
  // ---- Service levels (server/routes/sla.ts): a team's own first-response and resolution targets; missing rows use the defaults.
  {
    version: 5,
    name: 'sla: per-team policies',
    sql: `
      create table sla_policies (
        team_id text not null references teams(id),
        channel_group text not null check (channel_group in ('social', 'live', 'ticket')),
        priority text not null check (priority in ('low', 'normal', 'high', 'urgent')),
        first_response_minutes int not null check (first_response_minutes > 0),
        resolution_minutes int not null check (resolution_minutes > 0),
        updated_at timestamptz not null,
        primary key (team_id, channel_group, priority)
      );
    `,
  },
  // ---- Attachments (server/routes/attachments.ts): screenshots kept with captured cases, uploaded once the case exists.
  {
    version: 6,
    name: 'attachments: screenshots of captured cases',
    sql: `
      create table attachments (
        id text primary key,
        case_id text not null references cases(id),
        team_id text not null,
        kind text not null check (kind in ('screenshot')),
        mime text not null check (mime in ('image/webp', 'image/png', 'image/jpeg')),
        width int not null check (width > 0),
        height int not null check (height > 0),
        size int not null check (size > 0),
        -- Replays are recognised by id and content: the same id with other bytes is refused.
        sha256 text not null,
        bytes bytea not null,
        uploaded_by text not null references users(id),
        created_at timestamptz not null
      );
      create index attachments_case_idx on attachments (case_id, created_at);
    `,
  },
  {
    version: 7,
    name: 'identities: customers stored in canonical form, each identity once per customer',
    up: async (tx) => {
      await canonicalizeCustomerIdentities(tx, new Date());
    },
  },
  // ---- Business-time service levels (server/routes/sla.ts, lib/sla/): each team's calendar and a next-response target.
  {
    version: 8,
    name: 'sla: business calendars, next-response targets',
    sql: `
      create table business_calendars (
        team_id text primary key references teams(id),
        calendar jsonb not null,
        updated_at timestamptz not null
      );
      alter table sla_policies add column next_response_minutes int check (next_response_minutes > 0);
    `,
  },
];

/** Applies every migration not yet recorded in schema_migrations, each in its own transaction. Safe to run on every start. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    const applied = await db.transaction(async (tx) => {
      // Another process may be migrating the same database: wait for it, then look again.
      await tx.query(`select pg_advisory_xact_lock(${MIGRATE_LOCK_KEY})`);
      await tx.exec(`create table if not exists schema_migrations (
        version int primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`);
      const { rows } = await tx.query('select 1 from schema_migrations where version = $1', [m.version]);
      if (rows.length > 0) return false;
      if (m.sql) await tx.exec(m.sql);
      if (m.up) await m.up(tx);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (applied) done.push(m.version);
  }
  return done;
}
