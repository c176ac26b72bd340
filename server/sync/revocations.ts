// Lost access (docs/sync-protocol.md "Lost access"): a customer, case or interaction that leaves a team leaves an
// access_revocations row for that team (a trigger, server/db/migrations.ts version 28) with a seq of the change feed.
// A member of that team who cannot see the record where it is now pulls it, at that seq, as a tombstone without
// content, marked `revoked`, and their cache drops it whatever they had queued on it.
import type { SyncedEntityName } from '../../lib/schema/entities';

/** The entities whose rows belong to one team, hence the only ones a team can lose. */
const REVOCABLE = ['customers', 'interactions', 'cases'] as const satisfies readonly SyncedEntityName[];

/**
 * One arm of the pull's union per revocable entity, in its column shape (entity, seq, data, lost_team): revocations of the
 * caller's teams ($2) in the page's range ($1, $4], for records that are in none of the caller's teams now (a member of
 * both teams keeps the record; a record that came back has a newer change of its own).
 */
export const REVOCATION_ARMS: readonly string[] = REVOCABLE.map(
  (entity) => `(select '${entity}' as entity, r.seq, t.data, r.team_id as lost_team from access_revocations r join ${entity} t on t.id = r.record_id
    where r.entity = '${entity}' and r.seq > $1 and r.seq <= $4 and r.team_id = any($2::text[]) and not t.team_id = any($2::text[]) order by r.seq limit $3)`,
);

type Rec = Record<string, unknown>;

/** Placeholders the record schemas require; none of them is the customer's. */
const REMOVED = 'Removed';
const REMOVED_IDENTITY = { kind: 'email', value: 'removed@invalid' } as const;

/**
 * The tombstone a member of the team the record left receives: its id and current version (newer than any they held),
 * the team they lost it from (not where it went), and placeholders where the schema needs content.
 */
export function revokedTombstone(entity: SyncedEntityName, record: Rec, lostTeamId: string): Rec {
  const common = { id: record.id, version: record.version, updatedAt: record.updatedAt, deleted: true, teamId: lostTeamId };
  if (entity === 'customers') return { ...common, name: REMOVED, identities: [REMOVED_IDENTITY], tier: 'standard', createdAt: record.createdAt };
  const filed = { customerId: record.customerId, channel: record.channel };
  if (entity === 'interactions') {
    return { ...common, ...filed, caseId: record.caseId, visibility: 'private', direction: record.direction, text: '', occurredAt: record.occurredAt };
  }
  const noSource = { url: null, site: null, externalId: null };
  return {
    ...common,
    ...filed,
    subject: REMOVED,
    status: record.status,
    priority: record.priority,
    slaDueAt: null,
    source: noSource,
    createdAt: record.createdAt,
  };
}
