// What a retention run or an erasure removed, in the reader's language. The server stores the counts as data
// (access_log.details, migration 29); entries from before keep the English sentence it wrote into `reason`.
import type { AccessDetails, RemovedCounts } from '../schema/privacy';
import { t, tCount } from './t';

/** "older than 365 days: 12 interactions, 3 cases, 1 screenshot" for a run; "erased: 1 customer, …" for an erasure. */
export function accessDetailsText({ removed, days }: AccessDetails): string {
  const counts = removedSummary(removed);
  return days === undefined ? t('de3_erasure_removed', counts) : tCount('de3_retention_removed', days, counts);
}

/** An access-log entry's reason column: what the user typed, with what was removed beside it. */
export function accessReasonText({ reason, details }: { reason: string | null; details: AccessDetails | null }): string {
  if (!details) return reason ?? '';
  return reason ? t('de3_reason_with_details', reason, accessDetailsText(details)) : accessDetailsText(details);
}

/** "2 interactions, 1 case, 0 screenshots" (customers only when some went): what a retention run or an erasure removed. */
export function removedSummary(removed: RemovedCounts): string {
  return [
    removed.customers > 0 ? tCount('ckb_removed_customers', removed.customers) : null,
    tCount('ckb_removed_interactions', removed.interactions),
    tCount('ckb_removed_cases', removed.cases),
    tCount('ckb_removed_screenshots', removed.screenshots),
  ]
    .filter(Boolean)
    .join(', ');
}
