// Erasure (GDPR Art. 17): an admin erases a customer — the record and its identities, their interactions, their cases'
// text and screenshots — by tombstones that every agent's next pull applies. Logged with the reason and counts only.
import type { ErasureResponse } from '../../lib/schema/privacy';
import type { Db } from '../db/database';
import { appendAccess } from '../policy/access-log';
import { removeCases, removeCustomer, removeInteractions, scrubbed } from './tombstones';

/**
 * Erases customer `customerId` of one of `teamIds` in one transaction. Answers null when there is no such customer
 * (or it was erased before). Rows already deleted by an agent are scrubbed too: a deleted row keeps its content.
 */
export async function eraseCustomer(
  db: Db,
  customerId: string,
  teamIds: readonly string[],
  by: { userId: string; reason: string },
  now: Date,
): Promise<ErasureResponse | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ team_id: string }>(
      `select team_id from customers where id = $1 and team_id = any($2::text[]) and not ${scrubbed('customers')}`,
      [customerId, teamIds],
    );
    const teamId = rows[0]?.team_id;
    if (!teamId) return null;
    const idsOf = async (entity: 'cases' | 'interactions') =>
      (await tx.query<{ id: string }>(`select id from ${entity} where data->>'customerId' = $1`, [customerId])).rows.map((r) => r.id);
    const removedCases = await removeCases(tx, await idsOf('cases'), now);
    const interactions = await removeInteractions(tx, await idsOf('interactions'), now);
    const customers = await removeCustomer(tx, customerId, now);
    const removed = { customers, interactions, cases: removedCases.cases, screenshots: removedCases.screenshots };
    await appendAccess(tx, [
      // The reason as the admin typed it; the counts as data, worded by the console in the reader's language.
      { userId: by.userId, teamId, customerId, action: 'erased', at: now, reason: by.reason, details: { removed } },
    ]);
    return { customerId, erasedAt: now.toISOString(), removed };
  });
}
