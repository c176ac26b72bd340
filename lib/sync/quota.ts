/** Dexie wraps the browser's error; either name means the origin's storage quota is exhausted. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { inner?: unknown }).inner) {
    if (e instanceof Error && e.name === 'QuotaExceededError') return true;
    if ((e as { name?: string }).name === 'QuotaExceededError') return true;
  }
  return false;
}
