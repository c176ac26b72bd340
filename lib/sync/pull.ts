import type { ApiClient } from '../api/client';
import { applyChanges, getMeta, setMeta, type TandemDatabase } from '../db';

export const CURSOR_KEY = 'sync.cursor';

/**
 * Pulls every change since the stored cursor, page by page. Each page is applied and the cursor
 * advanced after it, so a service worker killed half-way resumes from the last applied page.
 */
export async function pullAll(db: TandemDatabase, api: Pick<ApiClient, 'pull'>, pageSize = 500): Promise<{ applied: number; cursor: number }> {
  let cursor = (await getMeta<number>(db, CURSOR_KEY)) ?? 0;
  let applied = 0;
  for (;;) {
    const page = await api.pull(cursor, pageSize);
    if (page.cursor < cursor) throw new Error(`The server moved the sync cursor backwards (${cursor} → ${page.cursor}).`);
    await applyChanges(db, page.changes);
    cursor = page.cursor;
    await setMeta(db, CURSOR_KEY, cursor);
    applied += page.changes.length;
    if (!page.hasMore) return { applied, cursor };
  }
}
