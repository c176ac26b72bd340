// Moving a case to another of the agent's teams, and offering to re-home its customer with it (docs/sla.md
// "Moving a case to another team"). Both are local writes pushed through the outbox; the server checks the teams.
import { customerById, getCase, type LocalWrite, openCasesForCustomer, type TandemDatabase } from '../db';
import { type Handlers, MessageError } from '../messaging/dispatch';
import type { Case } from '../schema';

export interface TeamMoveDeps {
  db: TandemDatabase;
  /** The signed-in agent (known offline too, from the stored session). */
  me(): Promise<{ id: string; teamIds: string[] } | null>;
  write(writes: LocalWrite[]): Promise<string[]>;
}

/** What moving this case to `teamId` would offer about its customer. */
export interface CustomerMoveOffer {
  customerId: string;
  customerName: string | null;
  /** The customer is not in the target team yet, so there is something to offer. */
  offered: boolean;
  /** Her other open cases left behind in the case's current team. */
  otherOpenCases: number;
  /** Checked by default: nothing else of hers stays open in the old team. */
  suggested: boolean;
}

export function createTeamMoveHandlers(deps: TeamMoveDeps): Pick<Handlers, 'cases.teamMoveOffer' | 'cases.moveToTeam'> {
  const { db } = deps;

  /** The case, when the agent may move it to `teamId`: both teams must be theirs (the server checks it again). */
  async function movableCase(caseId: string, teamId: string): Promise<Case> {
    const me = await deps.me();
    if (!me) throw new MessageError('signed_out', 'Sign in to Tandem to move cases.');
    const kase = await getCase(db, caseId);
    if (!kase || !me.teamIds.includes(kase.teamId)) throw new MessageError('not_found', 'That case is not in your queue.');
    if (!me.teamIds.includes(teamId)) throw new MessageError('forbidden', `You are not a member of team ${teamId}.`);
    return kase;
  }

  async function offer(kase: Case, teamId: string): Promise<CustomerMoveOffer> {
    const customer = await customerById(db, kase.customerId);
    const others = (await openCasesForCustomer(db, kase.customerId)).filter((c) => c.id !== kase.id && c.teamId === kase.teamId);
    const offered = !!customer && !customer.deleted && customer.teamId !== teamId;
    return {
      customerId: kase.customerId,
      customerName: customer?.name ?? null,
      offered,
      otherOpenCases: others.length,
      suggested: offered && others.length === 0,
    };
  }

  return {
    'cases.teamMoveOffer': async ({ caseId, teamId }) => offer(await movableCase(caseId, teamId), teamId),
    'cases.moveToTeam': async ({ caseId, teamId, moveCustomer }) => {
      const kase = await movableCase(caseId, teamId);
      if (kase.teamId === teamId) return { moved: false, customerMoved: false };
      const customerMoves = moveCustomer && (await offer(kase, teamId)).offered;
      const writes: LocalWrite[] = [{ entity: 'cases', op: 'update', recordId: caseId, patch: { teamId } }];
      if (customerMoves) writes.push({ entity: 'customers', op: 'update', recordId: kase.customerId, patch: { teamId } });
      await deps.write(writes);
      return { moved: true, customerMoved: customerMoves };
    },
  };
}
