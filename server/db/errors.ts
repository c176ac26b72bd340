// Which database errors the caller's input caused. PostgreSQL and PGlite both report a SQLSTATE in `code`; a value
// the schemas let through but a column refuses (class 22, data exceptions) or a row that breaks a constraint the
// caller could have kept (class 23) is a 400 for the caller to fix, not a server fault.

/** Integrity violations (class 23) a caller's input causes; a NOT NULL violation stays a server fault (the server fills those). */
const CALLERS_INTEGRITY_CODES = new Set(['23503', '23505', '23514']);

/** The SQLSTATE of a database error the caller's input caused, or null for anything else. */
export function callersDataError(err: unknown): string | null {
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  return code.startsWith('22') || CALLERS_INTEGRITY_CODES.has(code) ? code : null;
}
