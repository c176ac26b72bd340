import { canonicalizeCustomerIdentities } from './canonical-identities';
import type { Db, Queryable } from './database';
import { CHANGE_LOCK_KEY, CHANGES_CHANNEL, SESSIONS_CHANNEL, WRITER_MARK_BASE } from './records';

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
  // ---- Organisation hosts (server/routes/org-hosts.ts): the only vendor tenants the overlay runs on.
  {
    version: 8,
    name: 'org hosts: the organisation own CRM hosts, set by an admin',
    sql: `
      create table org_hosts (
        host text primary key check (host = lower(host) and host !~ '[*/:]'),
        added_by text references users(id),
        added_at timestamptz not null
      );
    `,
  },
  {
    version: 9,
    name: 'customer import: customers found by identity through an index',
    // The import finds the customers holding any of a batch's identities in one indexed query:
    // customer_identity_keys(data) && array['email:jane@example.com', …] (the keys are lib/identity's identityKey).
    // fastupdate off: with GIN's pending list, each probe of a batch's ~1,000 keys rescanned every row imported since
    // the last vacuum (2.7 s a batch at 5,000 rows, 0.1 s without it).
    sql: `
      create function customer_identity_keys(data jsonb) returns text[] language sql immutable parallel safe as
        $$ select coalesce(array_agg((i->>'kind') || ':' || (i->>'value')), '{}') from jsonb_array_elements(data->'identities') as i $$;
      create index customers_identity_keys_idx on customers using gin (customer_identity_keys(data)) with (fastupdate = off);
    `,
  },
  {
    version: 10,
    name: 'change sequence: writer marks instead of one global writer lock; readers read up to the settled seq',
    sql: `
      -- The highest seq at or below which no transaction in flight can still commit a change (server/db/records.ts):
      -- first the newest seq drawn, then the smallest writer mark held in this database. In that order: a writer that
      -- marks after the look at pg_locks draws seqs above the newest seq read before it.
      create function change_settled_seq() returns bigint language plpgsql volatile as $fn$
      declare
        drawn bigint;
        lowest_mark bigint;
      begin
        select case when is_called then last_value else last_value - 1 end into drawn from change_seq;
        select min(((l.classid::bigint << 32) | l.objid::bigint) - ${WRITER_MARK_BASE}) into lowest_mark
          from pg_locks l
          where l.locktype = 'advisory' and l.objsubid = 1
            and l.database = (select oid from pg_database where datname = current_database())
            and l.classid::bigint >= ${WRITER_MARK_BASE >> 32n} and l.classid::bigint < ${(WRITER_MARK_BASE >> 32n) + (1n << 12n)};
        return least(drawn, coalesce(lowest_mark - 1, drawn));
      end $fn$;
      -- A change of teams or role marks the transaction as a writer, like every other writer, instead of the global lock.
      create or replace function users_scope_seq() returns trigger language plpgsql as $fn$
      begin
        if new.team_ids is distinct from old.team_ids or new.role is distinct from old.role then
          perform pg_advisory_xact_lock_shared(${WRITER_MARK_BASE} + case when is_called then last_value + 1 else last_value end) from change_seq;
          new.scope_seq := nextval('change_seq');
        end if;
        return new;
      end $fn$;
    `,
  },
  // ---- Privacy (server/policy/, docs/privacy.md): the field policy an admin sets, and the append-only access log.
  {
    version: 11,
    name: 'privacy: field policy rules and the access log',
    sql: `
      create table field_policies (
        role text not null check (role in ('agent', 'manager', 'admin')),
        -- A team id, or '*' for every team.
        team_key text not null,
        data jsonb not null,
        updated_at timestamptz not null,
        updated_by text not null references users(id),
        primary key (role, team_key)
      );
      create table access_log (
        id bigint generated always as identity primary key,
        at timestamptz not null,
        user_id text not null,
        team_id text not null,
        customer_id text not null,
        action text not null check (action in ('card_opened', 'revealed', 'exported', 'erased')),
        surface text null check (surface in ('page', 'sidepanel', 'queue')),
        field text null,
        reason text null,
        -- The extension's event id for card openings, so a batch sent twice is logged once.
        event_id text null unique
      );
      create index access_log_at_idx on access_log (at);
      create index access_log_customer_idx on access_log (customer_id, at);
      create index access_log_user_idx on access_log (user_id, at);
      -- Append-only: no update ever; a delete only inside the retention purge (purgeAccessLog), which sets tandem.purge.
      create function access_log_append_only() returns trigger language plpgsql as $fn$
      begin
        if tg_op = 'DELETE' and coalesce(current_setting('tandem.purge', true), '') = 'on' then
          return old;
        end if;
        raise exception 'access_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $fn$;
      create trigger access_log_append_only before update or delete on access_log for each row execute function access_log_append_only();
    `,
  },
  // ---- Learning from agents (server/routes/knowledge-learning.ts): each insert or "helpful" with the page's informative
  // terms (letters only: never digits or identities); the team's associations are these picks, decayed and bounded per item.
  {
    version: 12,
    name: 'knowledge learning: agents picks with the page terms they teach',
    sql: `
      create table knowledge_picks (
        id text primary key,
        team_id text not null references teams(id),
        user_id text not null references users(id),
        item_kind text not null check (item_kind in ('article', 'snippet')),
        item_id text not null,
        signal text not null check (signal in ('inserted', 'helpful')),
        terms jsonb not null,
        occurred_at timestamptz not null
      );
      create index knowledge_picks_team_idx on knowledge_picks (team_id, occurred_at);
    `,
  },
  // ---- Business-time service levels (server/routes/sla.ts, lib/sla/): each team's calendar and a next-response target.
  {
    version: 13,
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
  {
    version: 14,
    name: 'recognition health: record pages seen, recognised and missed per site and day; anonymous misses',
    sql: `
      -- Counts per reporting team, site and day (server/routes/recognition.ts); no user, no page.
      create table recognition_days (
        team_id text not null,
        site text not null,
        day date not null,
        seen int not null default 0,
        recognised int not null default 0,
        missed int not null default 0,
        primary key (team_id, site, day)
      );
      -- A miss: the address's pattern with its ids replaced, the layers that found nothing. Never page text.
      create table recognition_misses (
        id bigserial primary key,
        team_id text not null,
        site text not null,
        at timestamptz not null,
        url_pattern text not null,
        layers text[] not null,
        named boolean not null
      );
      create index recognition_misses_site_at on recognition_misses (site, at desc);
      -- Batch ids already counted: a batch sent again after a lost answer is not counted twice.
      create table recognition_batches (
        id text primary key,
        received_at timestamptz not null
      );
    `,
  },
  // ---- Retention and erasure (server/privacy/, docs/privacy.md): each team's retention period, and the access log's
  // entries for a retention run (one per team and run: counts, no customer) and for erasures and exports.
  {
    version: 15,
    name: 'privacy: retention periods per team; retention runs in the access log',
    sql: `
      create table retention_policies (
        team_id text primary key references teams(id),
        days int not null check (days between 1 and 36500),
        updated_at timestamptz not null,
        updated_by text not null
      );
      alter table access_log alter column customer_id drop not null;
      alter table access_log drop constraint access_log_action_check;
      alter table access_log add constraint access_log_action_check
        check (action in ('card_opened', 'revealed', 'exported', 'erased', 'retention_run'));
    `,
  },
  // ---- SLA escalation (server/sla/escalation.ts): each team's threshold, and a record of every escalation.
  {
    version: 16,
    name: 'sla: escalation settings and records',
    sql: `
      create table sla_escalation_settings (
        team_id text primary key references teams(id),
        share real not null check (share > 0 and share <= 1),
        raise_priority boolean not null,
        updated_at timestamptz not null
      );
      create table sla_escalations (
        id bigserial primary key,
        case_id text not null,
        team_id text not null,
        target text not null check (target in ('first', 'next', 'resolution')),
        share real not null,
        due_at timestamptz not null,
        assignee_id text null,
        priority_before text not null,
        priority_after text not null,
        escalated_at timestamptz not null
      );
      create index sla_escalations_team_idx on sla_escalations (team_id, escalated_at);
    `,
  },
  // ---- Assignment (server/assignment/, docs/sla.md "Assignment"): each team's mode and the turn of its round-robin, the
  // agents' own available/away status; the index the per-agent open-case count reads at each new case, and the partial
  // index the SLA escalation sweep reads its running cases through.
  {
    version: 17,
    name: 'assignment: team settings, agent status; sla: running-cases index',
    sql: `
      create table assignment_settings (
        team_id text primary key references teams(id),
        mode text not null check (mode in ('manual', 'round_robin', 'load_balanced')),
        capacity integer null check (capacity > 0),
        auto_away_minutes integer null check (auto_away_minutes > 0),
        return_after_minutes integer null check (return_after_minutes >= 0),
        last_assignee_id text null,
        updated_at timestamptz not null
      );
      create table agent_status (
        user_id text primary key references users(id),
        status text not null check (status in ('available', 'away')),
        reason text not null check (reason in ('manual', 'idle')),
        since timestamptz not null
      );
      create index cases_open_by_assignee_idx on cases (team_id, (data->>'assigneeId'))
        where not deleted and data->>'status' in ('new', 'open', 'pending');
      create index cases_running_sla_idx on cases (id)
        where not deleted and data->>'status' in ('new', 'open') and jsonb_typeof(data->'slaClock') = 'object';
    `,
  },
  // ---- Incident early warning (server/incidents/, server/routes/incidents.ts, docs/incidents.md): the possible incidents the
  // detector found per team (terms and case ids, never who wrote), and the follow-up drafts recorded when one closes.
  {
    version: 18,
    name: 'incidents: possible incidents and their follow-up drafts',
    sql: `
      create table incidents (
        id text primary key,
        team_id text not null references teams(id),
        key text not null,
        terms jsonb not null,
        case_ids jsonb not null,
        contacts int not null,
        expected double precision not null,
        first_at timestamptz not null,
        detected_at timestamptz not null,
        last_at timestamptz not null,
        status text not null default 'open' check (status in ('open', 'broadcast', 'closed', 'dismissed')),
        broadcast_id text null,
        closed_at timestamptz null
      );
      create index incidents_team_idx on incidents (team_id, detected_at);
      create table incident_follow_ups (
        incident_id text not null references incidents(id),
        case_id text not null,
        team_id text not null references teams(id),
        channel text not null,
        text text not null,
        created_by text not null references users(id),
        created_at timestamptz not null,
        primary key (incident_id, case_id)
      );
    `,
  },
  // ---- Where Tandem never captures and what captures redact (server/routes/capture-privacy.ts, docs/privacy.md).
  {
    version: 19,
    name: 'capture privacy: never-capture hosts, per-team redaction options',
    sql: `
      create table never_capture_hosts (
        pattern text primary key check (pattern = lower(pattern) and pattern !~ '[/:@]'),
        added_by text references users(id),
        added_at timestamptz not null
      );
      create table team_redaction (
        team_id text primary key references teams(id),
        options jsonb not null,
        updated_by text references users(id),
        updated_at timestamptz not null
      );
    `,
  },
  // ---- Knowledge that stays true (server/knowledge/, server/routes/knowledge-review.ts): each team's verify interval, agents' flags.
  {
    version: 20,
    name: 'knowledge review: verify intervals per team, agents flags',
    sql: `
      create table knowledge_verify_intervals (
        team_id text primary key references teams(id),
        days int not null check (days between 1 and 3650),
        updated_by text references users(id),
        updated_at timestamptz not null
      );
      create table knowledge_flags (
        id text primary key,
        team_id text not null references teams(id),
        user_id text not null references users(id),
        item_kind text not null check (item_kind in ('article', 'snippet')),
        item_id text not null,
        reason text not null check (reason in ('outdated', 'wrong', 'missing')),
        note text not null,
        site text,
        terms jsonb not null,
        flagged_at timestamptz not null,
        resolved_by text references users(id),
        resolved_at timestamptz
      );
      create index knowledge_flags_open_idx on knowledge_flags (team_id, flagged_at) where resolved_at is null;
    `,
  },
  // ---- Outbound webhooks (server/webhooks/, docs/webhooks.md): each webhook's queue cursor in the change log, and its deliveries.
  {
    version: 21,
    name: 'webhooks: registrations and deliveries',
    sql: `
      create table webhooks (
        id text primary key,
        url text not null,
        events text[] not null,
        description text not null default '',
        secret text not null,
        queued_seq bigint not null,
        active boolean not null default true,
        created_by text references users(id),
        created_at timestamptz not null
      );
      create table webhook_deliveries (
        id bigserial primary key,
        webhook_id text not null references webhooks(id) on delete cascade,
        event_id text not null,
        event text not null,
        record_id text not null,
        payload jsonb not null,
        status text not null check (status in ('pending', 'delivered', 'failed')),
        attempts int not null,
        last_status int,
        last_error text,
        next_attempt_at timestamptz,
        created_at timestamptz not null,
        delivered_at timestamptz,
        unique (webhook_id, event_id)
      );
      create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
    `,
  },
  // ---- Scoped API tokens for integrations (server/tokens/, docs/api.md): only the sha256 of the secret is stored.
  {
    version: 22,
    name: 'api tokens: scoped, expiring, revocable',
    sql: `
      create table api_tokens (
        id text primary key,
        name text not null,
        token_hash text not null unique,
        prefix text not null,
        scopes text[] not null,
        created_by text not null references users(id),
        created_at timestamptz not null,
        expires_at timestamptz not null,
        last_used_at timestamptz,
        revoked_at timestamptz
      );
    `,
  },
  // ---- Incident workarounds (server/incidents/notes.ts, docs/incidents.md): the workaround a broadcast incident carries,
  // noted on each case linked to it (the note itself is in the case's data, where agents' caches get it).
  {
    version: 23,
    name: 'incidents: the workaround a broadcast incident carries',
    sql: `alter table incidents add column workaround text null;`,
  },
  // ---- Erasure and export by customer (server/privacy/, docs/privacy.md): without these each request scanned every
  // interaction, case, stored push answer and webhook delivery (bench/privacy/erasure-plan.ts measures it).
  {
    version: 24,
    name: 'privacy: customer, push-answer and webhook-delivery indexes for erasure and export',
    sql: `
      create index interactions_customer_idx on interactions ((data->>'customerId'));
      create index cases_customer_idx on cases ((data->>'customerId'));
      create index push_results_record_idx on push_results (entity, record_id);
      create index webhook_deliveries_record_idx on webhook_deliveries (event, record_id);
    `,
  },
  // ---- Content gaps (server/knowledge/gaps.ts, docs/knowledge-search.md "Content gaps"): what agents met with no
  // confident suggestion or searched for in vain, as site and terms only.
  {
    version: 25,
    name: 'knowledge: content gaps',
    sql: `
      create table knowledge_gaps (
        id text primary key,
        team_id text not null references teams(id),
        user_id text not null references users(id),
        source text not null check (source in ('page', 'search')),
        site text,
        terms jsonb not null,
        occurred_at timestamptz not null
      );
      create index knowledge_gaps_team_idx on knowledge_gaps (team_id, occurred_at);
    `,
  },
  // ---- Broadcast read receipts (server/broadcasts/receipts.ts, docs/incidents.md "Read receipts"): an agent's first
  // acknowledgement of each broadcast.
  {
    version: 26,
    name: 'broadcasts: read receipts',
    sql: `
      create table broadcast_receipts (
        broadcast_id text not null references broadcasts(id),
        user_id text not null references users(id),
        seen_at timestamptz not null,
        received_at timestamptz not null,
        primary key (broadcast_id, user_id)
      );
    `,
  },
  // ---- Skills and language routing (server/assignment/, docs/sla.md "Assignment"): whether a team matches on them, and
  // what each agent of a team can take on (set by the team's managers).
  {
    version: 27,
    name: 'assignment: skills and language matching',
    sql: `
      alter table assignment_settings add column match_skills boolean not null default false;
      alter table assignment_settings add column match_language boolean not null default false;
      create table agent_skills (
        team_id text not null references teams(id),
        user_id text not null references users(id),
        skills text[] not null default '{}',
        languages text[] not null default '{}',
        primary key (team_id, user_id)
      );
    `,
  },
  // ---- Lost access (server/sync/revocations.ts, docs/sync-protocol.md "Lost access"): a customer, case or interaction
  // that leaves a team leaves a row for that team, with a seq of the change feed, which its members' pulls turn into a
  // tombstone; a user's change of teams wakes the old teams' live streams, so the user's client meets scope_changed now.
  {
    version: 28,
    name: 'sync: revoked access when a record leaves a team',
    sql: `
      create table access_revocations (
        seq bigint primary key,
        team_id text not null,
        entity text not null,
        record_id text not null
      );
      create function record_left_team() returns trigger language plpgsql as $fn$
      declare
        left_team record;
      begin
        if not exists (select 1 from old_rows o join new_rows n on n.id = o.id where o.team_id is distinct from n.team_id and o.team_id is not null) then
          return null;
        end if;
        -- Marked like every writer (the caller's mark usually covers it already; this one holds for any other path).
        perform pg_advisory_xact_lock_shared(${WRITER_MARK_BASE} + case when is_called then last_value + 1 else last_value end) from change_seq;
        with written as (
          insert into access_revocations (seq, team_id, entity, record_id)
          select nextval('change_seq'), o.team_id, TG_TABLE_NAME, o.id
          from old_rows o join new_rows n on n.id = o.id
          where o.team_id is distinct from n.team_id and o.team_id is not null
          returning seq, team_id
        )
        select max(seq) as seq, array_agg(distinct team_id) as teams into left_team from written;
        perform pg_notify('${CHANGES_CHANNEL}', json_build_object('seq', left_team.seq, 'teams', left_team.teams)::text);
        return null;
      end $fn$;
      ${['customers', 'interactions', 'cases']
        .map(
          (t) =>
            `create trigger ${t}_left_team after update on ${t} referencing old table as old_rows new table as new_rows for each statement execute function record_left_team();`,
        )
        .join('\n      ')}
      create function users_left_team() returns trigger language plpgsql as $fn$
      begin
        if exists (select 1 from unnest(old.team_ids) t where not t = any(new.team_ids)) then
          perform pg_notify('${CHANGES_CHANNEL}', json_build_object('seq', new.scope_seq, 'teams', old.team_ids)::text);
        end if;
        return null;
      end $fn$;
      create trigger users_left_team after update of team_ids on users for each row execute function users_left_team();
    `,
  },
  {
    version: 29,
    name: 'access log: what a retention run or an erasure removed, as data',
    // The counts the console words in the reader's language; older entries keep their English sentence in reason.
    sql: 'alter table access_log add column details jsonb;',
  },
  {
    version: 31,
    name: 'knowledge: sentence vectors of articles and snippets, computed once per version',
    // Written by server/knowledge/embed.ts after the version commits; embedding_version = version means this version is
    // done (embedding is null for a version with nothing to embed: a draft, a tombstone). The partial index keeps the
    // job's look for work to the rows still due.
    sql: ['articles', 'snippets']
      .map(
        (t) => `alter table ${t} add column embedding bytea null, add column embedding_version int null;
      create index ${t}_embedding_due_idx on ${t} (seq) where embedding_version is distinct from version;`,
      )
      .join('\n'),
  },
  {
    version: 32,
    name: "sessions: a NOTIFY on every change of a token or a user, for the push route's session cache",
    // server/auth/session-cache.ts drops what it holds for the token (or every token of the user) named. The cache is a
    // speed-up only: a push re-reads its token under lock in its transaction (server/sync/push.ts), so a notice late
    // or lost never lets a revoked session write.
    sql: `create function notify_session_changed() returns trigger language plpgsql as $fn$
      begin
        -- "token:<hash>" or "user:<id>": the kind and the key column are the trigger's arguments.
        perform pg_notify('${SESSIONS_CHANNEL}', tg_argv[0] || ':' || (to_jsonb(old) ->> tg_argv[1]));
        return null;
      end
      $fn$;
      create trigger tokens_session_changed after update or delete on tokens for each row execute function notify_session_changed('token', 'token_hash');
      create trigger users_session_changed after update or delete on users for each row execute function notify_session_changed('user', 'id');`,
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
