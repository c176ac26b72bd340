import { z } from 'zod';
import { Case, Customer, Identity, Interaction, Role } from './entities';
import { PageContext } from './context';

/** The customer in focus with what the agent needs at a glance. */
export const CustomerView = z.object({
  customer: Customer,
  openCases: z.array(Case),
  timeline: z.array(Interaction),
  /** Which of the page's identities matched this customer. */
  matchedBy: z.array(Identity),
});
export type CustomerView = z.infer<typeof CustomerView>;

export const Resolution = z.discriminatedUnion('status', [
  z.object({ status: z.literal('matched'), view: CustomerView, otherMatches: z.array(Customer).max(10) }),
  /** Identities were found on the page but nobody in the cache has them. */
  z.object({ status: z.literal('unknown'), identities: z.array(Identity) }),
  /** The page shows nobody to look up. */
  z.object({ status: z.literal('none') }),
]);
export type Resolution = z.infer<typeof Resolution>;

export const SyncStatus = z.object({
  signedIn: z.boolean(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: Role }).nullable(),
  backendUrl: z.string(),
  online: z.boolean(),
  lastSyncAt: z.string().nullable(),
  syncing: z.boolean(),
  /** Records in the local cache, by table. */
  counts: z.record(z.string(), z.number().int()),
  error: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

const Empty = z.object({}).strict();

/**
 * Every message between contexts, declared once: name → request and response schemas.
 * The background registers one handler per name; callers get typed promises.
 */
export const MESSAGES = {
  /** Content script → background: here is what this tab shows; who is it? */
  'context.report': { request: z.object({ context: PageContext }), response: Resolution },
  /** Side panel → background: what does this tab show right now? */
  'context.forTab': {
    request: z.object({ tabId: z.number().int() }),
    response: z.object({ context: PageContext.nullable(), resolution: Resolution.nullable() }),
  },
  'status.get': { request: Empty, response: SyncStatus },
  'auth.signIn': {
    request: z.object({ backendUrl: z.url(), email: z.email(), password: z.string().min(1).max(200) }),
    response: SyncStatus,
  },
  'auth.signOut': { request: Empty, response: SyncStatus },
  'sync.now': { request: Empty, response: SyncStatus },
} as const;

export type MessageName = keyof typeof MESSAGES;
export type MessageRequest<N extends MessageName> = z.input<(typeof MESSAGES)[N]['request']>;
export type MessageRequestParsed<N extends MessageName> = z.output<(typeof MESSAGES)[N]['request']>;
export type MessageResponse<N extends MessageName> = z.output<(typeof MESSAGES)[N]['response']>;

/** The envelope on the wire: the name selects the schemas. */
export const Envelope = z.object({ name: z.string().max(100), payload: z.unknown() });
export const Reply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
