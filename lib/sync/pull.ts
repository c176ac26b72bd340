// The change-feed cursor now lives in lib/db/sync-state.ts; the key stays importable from here for
// lib/knowledge/search-index.ts and bench/sync until they use syncCursor() from lib/db.
export { CURSOR_KEY } from '../db';
