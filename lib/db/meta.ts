import type { TandemDatabase } from './database';

/** A value kept under a key in the meta table (sync state, the session, cached server settings). */
export async function getMeta<T>(db: TandemDatabase, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: TandemDatabase, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export async function deleteMeta(db: TandemDatabase, ...keys: string[]): Promise<void> {
  await db.meta.bulkDelete(keys);
}
