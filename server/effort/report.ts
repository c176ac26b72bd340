// Effort analytics' data (issue 22, docs/incidents.md "Effort analytics"): a team's cases created in [from, to) and the
// customers' messages filed under them; the figures are lib/effort/report.ts's.
import { effortReport } from '../../lib/effort/report';
import type { EffortReportQuery, EffortReportResponse } from '../../lib/schema/effort';
import type { Case, Interaction } from '../../lib/schema/entities';
import type { Queryable } from '../db/database';

export async function teamEffortReport(q: Queryable, teamId: string, { from, to }: EffortReportQuery): Promise<EffortReportResponse> {
  const { rows: cases } = await q.query<{ data: Case }>(
    `select data from cases
     where team_id = $1 and not deleted and (data->>'createdAt')::timestamptz >= $2 and (data->>'createdAt')::timestamptz < $3`,
    [teamId, from, to],
  );
  const { rows: contacts } = await q.query<{ data: Interaction }>(
    `select data from interactions
     where team_id = $1 and not deleted and data->>'direction' = 'inbound' and data->>'caseId' = any($2::text[])`,
    [teamId, cases.map((c) => c.data.id)],
  );
  const report = effortReport(
    cases.map(({ data }) => ({ id: data.id, channel: data.channel, tags: data.tags ?? [], createdAt: data.createdAt })),
    contacts.map(({ data }) => data),
  );
  return { teamId, from, to, ...report };
}
