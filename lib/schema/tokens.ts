// Scoped API tokens for integrations (server/tokens/, docs/api.md): what an admin creates and lists.
import { z } from 'zod';
import { Id } from './entities';
import { Text, Timestamp } from './primitives';

/** What a token may reach; each route of the API names the scopes it needs (server/openapi/routes.ts). */
export const ApiScope = z.enum([
  'cases:read',
  'cases:write',
  'customers:read',
  'customers:write',
  'knowledge:read',
  'knowledge:write',
  'analytics:read',
  'webhooks:manage',
]);
export type ApiScope = z.infer<typeof ApiScope>;

/** The longest life a token may have: a year, so a forgotten integration does not hold access for ever. */
export const MAX_API_TOKEN_DAYS = 365;

export const CreateApiTokenRequest = z.strictObject({
  name: Text(100).min(1),
  scopes: z.array(ApiScope).min(1).max(ApiScope.options.length),
  /** Days until it stops working. */
  expiresInDays: z.number().int().min(1).max(MAX_API_TOKEN_DAYS),
});
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequest>;

export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  scopes: z.array(ApiScope),
  /** The first characters of the secret, so an admin can tell which token a log line or a config holds. */
  prefix: z.string(),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokensResponse = z.object({ tokens: z.array(ApiToken) });
export type ApiTokensResponse = z.infer<typeof ApiTokensResponse>;

/** The answer to a creation: the only time the secret is shown. */
export const CreatedApiToken = ApiToken.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
