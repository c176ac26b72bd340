// Test helpers for the route suites: signing in, JSON requests, error assertions, extra users.
import { expect } from 'vitest';
import { ApiError, SignInResponse } from '../../lib/schema/api';
import type { Role } from '../../lib/schema/entities';
import type { App } from '../app';
import { hashPassword } from '../auth/passwords';
import type { Queryable } from '../db/database';
import { DEMO_PASSWORD } from '../seed/demo';

export function client(app: App) {
  const headers = (token?: string) => ({ 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) });
  return {
    async signIn(email: string, password = DEMO_PASSWORD): Promise<string> {
      const res = await app.request('/auth/sign-in', { method: 'POST', headers: headers(), body: JSON.stringify({ email, password }) });
      expect(res.status, `sign-in of ${email}`).toBe(200);
      return SignInResponse.parse(await res.json()).token;
    },
    get(path: string, token?: string): Promise<Response> {
      return Promise.resolve(app.request(path, { headers: headers(token) }));
    },
    /** A string body is sent as is (for malformed JSON); anything else is JSON-encoded. */
    post(path: string, token: string | undefined, body: unknown = {}): Promise<Response> {
      return Promise.resolve(app.request(path, { method: 'POST', headers: headers(token), body: typeof body === 'string' ? body : JSON.stringify(body) }));
    },
  };
}

export async function expectError(res: Response, status: number, code: string): Promise<ApiError> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = ApiError.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

export async function expectOk<T>(res: Response, parse: (v: unknown) => T, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return parse(JSON.parse(text));
}

export async function addUser(
  q: Queryable,
  u: { id: string; email: string; name: string; role: Role; teamIds: string[] },
  password = DEMO_PASSWORD,
): Promise<void> {
  await q.query('insert into users (id, email, name, role, password_hash, team_ids) values ($1, $2, $3, $4, $5, $6::text[])', [
    u.id,
    u.email,
    u.name,
    u.role,
    await hashPassword(password),
    u.teamIds,
  ]);
}
