import { z } from 'zod';
import { Article, Broadcast, Case, Customer, Interaction, Snippet, Timestamp, User } from './entities';

/** Every error the server returns has a stable code and a sentence a person can act on. */
export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ApiError = z.infer<typeof ApiError>;

export const HealthResponse = z.object({
  ok: z.literal(true),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
});

export const SignInRequest = z.strictObject({
  email: z.email().max(320),
  password: z.string().min(1).max(200),
});
export const SignInResponse = z.object({ token: z.string(), expiresAt: Timestamp, user: User });
export type SignInResponse = z.infer<typeof SignInResponse>;

export const MeResponse = z.object({ user: User });

/** One change in the pull feed: the record as it is now (tombstones have deleted: true). */
export const Change = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('customers'), seq: z.number().int(), record: Customer }),
  z.object({ entity: z.literal('interactions'), seq: z.number().int(), record: Interaction }),
  z.object({ entity: z.literal('cases'), seq: z.number().int(), record: Case }),
  z.object({ entity: z.literal('articles'), seq: z.number().int(), record: Article }),
  z.object({ entity: z.literal('snippets'), seq: z.number().int(), record: Snippet }),
  z.object({ entity: z.literal('broadcasts'), seq: z.number().int(), record: Broadcast }),
]);
export type Change = z.infer<typeof Change>;

export const PullQuery = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const PullResponse = z.object({
  changes: z.array(Change),
  /** Pass back as `cursor` to get the next page; strictly increasing. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;
