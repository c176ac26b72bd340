// Test helpers: a server's sign-in answer and a fake server client.
import type { ApiClient } from '../api/client';
import type { SignInResponse } from '../schema';

/** What the server answers a sign-in with, valid for a year after AT. */
export function signInAnswer(userId = 'u-ana', fields: Partial<SignInResponse['user']> = {}): SignInResponse {
  return {
    token: `token-${userId}`,
    expiresAt: '2027-11-20T09:00:00.000Z',
    user: { id: userId, email: `${userId}@tandem.test`, name: `Agent ${userId}`, role: 'agent', teamIds: ['team-care'], ...fields },
  };
}

/** A server client with only the calls a test expects; any other call fails like a broken network would. */
export function fakeApi(calls: Partial<ApiClient>): ApiClient {
  return calls as ApiClient;
}
