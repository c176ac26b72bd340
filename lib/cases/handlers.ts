import { getCustomers, recentOpenCases, recordsWithPendingWrites, type TandemDatabase } from '../db';
import type { Handlers } from '../messaging/dispatch';

/** The open cases the side panel lists, newest first, each with its customer's name and whether the server has it yet. */
export function createCaseHandlers({ db }: { db: TandemDatabase }): Pick<Handlers, 'cases.recent'> {
  return {
    'cases.recent': async ({ limit }) => {
      const cases = await recentOpenCases(db, limit);
      const pending = await recordsWithPendingWrites(db);
      const customers = await getCustomers(
        db,
        cases.map((c) => c.customerId),
      );
      return { cases: cases.map((c, i) => ({ ...c, pending: pending.has(`cases:${c.id}`), customerName: customers[i]?.name ?? null })) };
    },
  };
}
