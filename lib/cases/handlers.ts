import { getCustomers, recentOpenCases, recentSolvedCases, recordsWithPendingWrites } from '../db';
import type { Handlers } from '../messaging/dispatch';
import { addCaseNote, type CaseNoteDeps } from './notes';

/**
 * The open (or recently solved) cases the side panel lists, newest first, each with its customer's name and whether the server has it yet;
 * and the agent's notes on them (queued offline as any case edit).
 */
export function createCaseHandlers(deps: CaseNoteDeps): Pick<Handlers, 'cases.recent' | 'cases.note'> {
  const { db } = deps;
  return {
    'cases.note': async (request) => ({ note: await addCaseNote(deps, request) }),
    'cases.recent': async ({ limit, solved }) => {
      const cases = await (solved ? recentSolvedCases : recentOpenCases)(db, limit);
      const pending = await recordsWithPendingWrites(db);
      const customers = await getCustomers(
        db,
        cases.map((c) => c.customerId),
      );
      return { cases: cases.map((c, i) => ({ ...c, pending: pending.has(`cases:${c.id}`), customerName: customers[i]?.name ?? null })) };
    },
  };
}
