// The service-level report's data: a team's cases created in a period, with the server's time of each case's first
// reply (an interaction's updated_at is when push stored it: server time, never the agent's clock). The figures are
// lib/sla/report.ts's.
import type { Case } from '../../lib/schema/entities';
import type { SlaReportQuery, SlaReportResponse } from '../../lib/schema/sla';
import { ALWAYS_OPEN } from '../../lib/sla/business-time';
import { type ReportCase, slaReport } from '../../lib/sla/report';
import { iso, type Queryable } from '../db/database';
import { loadCalendars } from '../sync/sla';

export async function teamSlaReport(q: Queryable, teamId: string, { from, to }: SlaReportQuery, now: Date): Promise<SlaReportResponse> {
  const [{ rows }, calendars] = await Promise.all([
    q.query<{ data: Case; first_reply_at: Date | string | null }>(
      `select c.data,
              (select min(i.updated_at) from interactions i
                where i.team_id = c.team_id and not i.deleted and i.data->>'caseId' = c.id and i.data->>'direction' = 'outbound') as first_reply_at
       from cases c
       where c.team_id = $1 and not c.deleted and (c.data->>'createdAt')::timestamptz >= $2 and (c.data->>'createdAt')::timestamptz < $3`,
      [teamId, from, to],
    ),
    loadCalendars(q, [teamId]),
  ]);
  const cases: ReportCase[] = rows.map(({ data, first_reply_at }) => ({
    id: data.id,
    teamId,
    channel: data.channel,
    createdAt: data.createdAt,
    firstDueAt: data.slaDueAt,
    firstReplyAt: first_reply_at === null ? null : iso(first_reply_at),
    outcomes: data.slaClock?.outcomes ?? [],
  }));
  const calendar = calendars.get(teamId)?.calendar ?? ALWAYS_OPEN;
  return { teamId, from, to, timeZone: calendar.timeZone, ...slaReport(cases, new Map([[teamId, calendar]]), now.getTime()) };
}
