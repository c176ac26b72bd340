// The agent's pick of who a record is about, when the page named two plausible people: remembered per
// record (site and record id) in the meta table, the most recent PICKS_KEPT, so the record shows the
// picked person from then on.
import { getMeta, setMeta, type TandemDatabase } from '../db';
import type { PageContext } from '../schema';

const KEY = 'recognition.picks';
export const PICKS_KEPT = 500;

type Picks = Array<[record: string, customerId: string]>;

/** The record a pick is remembered for, or null when the page names no record. */
export function pickRecord(context: Pick<PageContext, 'site' | 'recordId'>): string | null {
  return context.recordId ? `${context.site}:${context.recordId}` : null;
}

export async function pickFor(db: TandemDatabase, context: Pick<PageContext, 'site' | 'recordId'>): Promise<string | null> {
  const record = pickRecord(context);
  if (!record) return null;
  return (await getMeta<Picks>(db, KEY))?.find(([r]) => r === record)?.[1] ?? null;
}

export async function rememberPick(db: TandemDatabase, record: string, customerId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const picks = ((await getMeta<Picks>(db, KEY)) ?? []).filter(([r]) => r !== record);
    await setMeta(db, KEY, [[record, customerId], ...picks].slice(0, PICKS_KEPT));
  });
}
