// Privacy: the field policy (which customer fields and interaction channels each role of each team sees in full,
// masked or not at all), revealing a masked value with a reason, and the access log (docs/privacy.md).
import { z } from 'zod';
import { CardSurface, Channel, Id, Role, Timestamp, type ValueBand } from './entities';
import { Text } from './primitives';
import { CHANNELS, IDENTITY_KINDS } from './site-catalog';

export const FieldMode = z.enum(['visible', 'masked', 'hidden']);
export type FieldMode = z.infer<typeof FieldMode>;

/** The customer fields a policy speaks of: three record fields and each identity kind (email, phone, handles…). */
export const CUSTOMER_POLICY_FIELDS = ['name', 'lifetimeValueCents', 'tags', ...IDENTITY_KINDS] as const;
export const CustomerPolicyField = z.enum(CUSTOMER_POLICY_FIELDS);
export type CustomerPolicyField = z.infer<typeof CustomerPolicyField>;

/** Modes a field can take: a name is always shown (masked at most), tags are shown or not; the rest take all three. */
export function modesOf(field: CustomerPolicyField): readonly FieldMode[] {
  if (field === 'name') return ['visible', 'masked'];
  if (field === 'tags') return ['visible', 'hidden'];
  return FieldMode.options;
}

export const INTERACTION_CHANNELS: readonly Channel[] = CHANNELS;

/**
 * One layer of policy: modes for the fields and channels it names (the rest fall through to the layer below), and
 * whether its readers may reveal what it masks. Layers stack: the server's default for the role, the role's rule
 * for every team, the role's rule for the record's team.
 */
export const FieldPolicyLayer = z.strictObject({
  customer: z.partialRecord(CustomerPolicyField, FieldMode).default({}),
  interactions: z.partialRecord(Channel, FieldMode).default({}),
  mayReveal: z.boolean().optional(),
});
export type FieldPolicyLayer = z.infer<typeof FieldPolicyLayer>;

/** What an admin sets: one role's layer for one team, or for every team (teamId null). */
export const SetFieldPolicyRequest = FieldPolicyLayer.extend({ role: Role, teamId: Id.nullable() }).superRefine((rule, ctx) => {
  for (const [field, mode] of Object.entries(rule.customer)) {
    const allowed = modesOf(field as CustomerPolicyField);
    if (mode && !allowed.includes(mode)) ctx.addIssue({ code: 'custom', path: ['customer', field], message: `${field} can be ${allowed.join(' or ')}.` });
  }
});
export type SetFieldPolicyRequest = z.infer<typeof SetFieldPolicyRequest>;

export const FieldPolicyRule = FieldPolicyLayer.extend({ role: Role, teamId: Id.nullable(), updatedAt: Timestamp, updatedBy: Id });
export type FieldPolicyRule = z.infer<typeof FieldPolicyRule>;

export const FieldPolicyResponse = z.object({
  /** The server's starting point per role (TANDEM_AGENTS_SEE_VALUE decides lifetime value for agents). */
  defaults: z.record(Role, FieldPolicyLayer),
  rules: z.array(FieldPolicyRule),
});
export type FieldPolicyResponse = z.infer<typeof FieldPolicyResponse>;

/** Lower bound of each band, in minor units of the customer's currency (the currency is not converted). */
export const VALUE_BAND_FLOORS_CENTS: Readonly<Record<ValueBand, number>> = { low: 0, medium: 100_000, high: 1_000_000, top: 5_000_000 };

export function valueBandOf(cents: number): ValueBand {
  if (cents >= VALUE_BAND_FLOORS_CENTS.top) return 'top';
  if (cents >= VALUE_BAND_FLOORS_CENTS.high) return 'high';
  if (cents >= VALUE_BAND_FLOORS_CENTS.medium) return 'medium';
  return 'low';
}

/** What a reveal names: a customer's masked field, or a masked interaction's text. */
export const RevealRequest = z.discriminatedUnion('entity', [
  z.strictObject({ entity: z.literal('customers'), id: Id, field: CustomerPolicyField, reason: Text(500).trim().min(5) }),
  z.strictObject({ entity: z.literal('interactions'), id: Id, field: z.literal('text'), reason: Text(500).trim().min(5) }),
]);
export type RevealRequest = z.infer<typeof RevealRequest>;

/** The values in full: every identity of the kind, the lifetime value in minor units, the name or the text. */
export const RevealResponse = z.object({ field: z.string(), values: z.array(z.string()) });
export type RevealResponse = z.infer<typeof RevealResponse>;

export const AccessAction = z.enum(['card_opened', 'revealed', 'exported', 'erased']);
export type AccessAction = z.infer<typeof AccessAction>;
export { CardSurface };

export const AccessLogEntry = z.object({
  id: z.string(),
  at: Timestamp,
  userId: Id,
  userName: z.string().nullable(),
  teamId: Id,
  customerId: Id,
  action: AccessAction,
  surface: CardSurface.nullable(),
  field: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const MAX_ACCESS_LOG_PAGE = 500;
export const AccessLogQuery = z.strictObject({
  customerId: Id.optional(),
  userId: Id.optional(),
  action: AccessAction.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  /** Entries older than this entry's id (the next page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ACCESS_LOG_PAGE).default(100),
});
export type AccessLogQuery = z.infer<typeof AccessLogQuery>;

export const AccessLogResponse = z.object({ entries: z.array(AccessLogEntry), retentionDays: z.number().int().positive() });
export type AccessLogResponse = z.infer<typeof AccessLogResponse>;
