// Export (GDPR Art. 15): everything the server holds about one customer, as one JSON document, logged as `exported`.
import type { Attachment } from '../../lib/schema/attachments';
import type { Case, Customer, Interaction } from '../../lib/schema/entities';
import { type CustomerExport, CustomerExport as ExportSchema } from '../../lib/schema/privacy';
import { iso, type Queryable } from '../db/database';
import { appendAccess, listAccess } from '../policy/access-log';
import { scrubbed } from './tombstones';

/** The access log's entries about the customer are all included, not one page. */
const ALL_ENTRIES = 1_000_000;

type ScreenshotRow = {
  id: string;
  case_id: string;
  kind: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  created_at: Date | string;
  bytes: Uint8Array;
};

/**
 * The customer's record as stored (no field policy: admins only), their interactions, their cases with each case's
 * screenshots, and who accessed their data. Answers null when there is no such customer in `teamIds`.
 */
export async function exportCustomer(q: Queryable, customerId: string, teamIds: readonly string[], by: string, now: Date): Promise<CustomerExport | null> {
  const { rows } = await q.query<{ team_id: string; data: Customer }>(
    `select team_id, data from customers where id = $1 and team_id = any($2::text[]) and not ${scrubbed('customers')}`,
    [customerId, teamIds],
  );
  const customer = rows[0];
  if (!customer) return null;
  const dataOf = async <T>(entity: 'interactions' | 'cases') =>
    (await q.query<{ data: T }>(`select data from ${entity} where data->>'customerId' = $1 order by seq`, [customerId])).rows.map((r) => r.data);
  const interactions = await dataOf<Interaction>('interactions');
  const cases = await dataOf<Case>('cases');
  const { rows: shots } = await q.query<ScreenshotRow>(
    'select id, case_id, kind, mime, width, height, size, created_at, bytes from attachments where case_id = any($1::text[]) order by created_at',
    [cases.map((c) => c.id)],
  );
  const screenshots = shots.map((s) => ({
    ...({
      id: s.id,
      caseId: s.case_id,
      kind: s.kind,
      mime: s.mime,
      width: s.width,
      height: s.height,
      size: s.size,
      createdAt: iso(s.created_at),
    } as Attachment),
    base64: Buffer.from(s.bytes).toString('base64'),
  }));
  // Logged before the entries are read, so the export lists itself.
  await appendAccess(q, [
    {
      userId: by,
      teamId: customer.team_id,
      customerId,
      action: 'exported',
      at: now,
      reason: `${interactions.length} interactions, ${cases.length} cases, ${screenshots.length} screenshots`,
    },
  ]);
  const accessLog = await listAccess(q, [customer.team_id], { customerId, limit: ALL_ENTRIES });
  return ExportSchema.parse({
    format: 'tandem-customer-export/1',
    exportedAt: now.toISOString(),
    exportedBy: by,
    customer: customer.data,
    interactions,
    cases,
    screenshots,
    accessLog,
  });
}
