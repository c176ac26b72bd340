// Privacy: the field policy (which customer fields and interaction channels each role of each team sees in full,
// masked or not at all), revealing a masked value with a reason, and the access log (docs/privacy.md).
import { z } from 'zod';
import { Attachment } from './attachments';
import { CardSurface, Case, Channel, Customer, Id, Identity, Interaction, Role, Timestamp, type ValueBand } from './entities';
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

/** retention_run: one entry per team and run, with counts and no customer (customerId null). */
export const AccessAction = z.enum(['card_opened', 'revealed', 'exported', 'erased', 'retention_run']);
export type AccessAction = z.infer<typeof AccessAction>;
export { CardSurface };

export const AccessLogEntry = z.object({
  id: z.string(),
  at: Timestamp,
  userId: Id,
  userName: z.string().nullable(),
  teamId: Id,
  /** Null for a retention run, which concerns a team, not one customer. */
  customerId: Id.nullable(),
  action: AccessAction,
  surface: CardSurface.nullable(),
  field: z.string().nullable(),
  /** What the user typed (an erasure's reason); entries written before details existed hold the server's English sentence. */
  reason: z.string().nullable(),
  /** What a retention run or an erasure removed, as data (the console words it); null for other entries. */
  details: z.lazy(() => AccessDetails).nullable(),
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

// ---- Retention, erasure and export (docs/privacy.md "Retention", "Erasure", "Export").

/** A team's retention period in days: interactions, closed cases and their screenshots older than this are deleted. */
export const RetentionDays = z.number().int().min(1).max(36_500);

/** What one deletion removed: counts only, never content (they go to the access log as they are). */
export const RemovedCounts = z.object({
  customers: z.number().int().nonnegative(),
  interactions: z.number().int().nonnegative(),
  cases: z.number().int().nonnegative(),
  screenshots: z.number().int().nonnegative(),
});
export type RemovedCounts = z.infer<typeof RemovedCounts>;

/** An access-log entry's data: what was removed and, for a retention run, the period it removed by. */
export const AccessDetails = z.object({ removed: RemovedCounts, days: RetentionDays.optional() });
export type AccessDetails = z.infer<typeof AccessDetails>;

export const TeamRetention = z.object({
  teamId: Id,
  teamName: z.string(),
  /** Null: retention is off for the team (the default); nothing is deleted by age. */
  days: RetentionDays.nullable(),
  updatedAt: Timestamp.nullable(),
  updatedBy: z.string().nullable(),
  /** The team's newest run in the access log, if any. */
  lastRun: z.object({ at: Timestamp, summary: z.string().nullable(), details: AccessDetails.nullable() }).nullable(),
});
export type TeamRetention = z.infer<typeof TeamRetention>;

export const RetentionResponse = z.object({ teams: z.array(TeamRetention) });
export type RetentionResponse = z.infer<typeof RetentionResponse>;

export const SetRetentionRequest = z.strictObject({ days: RetentionDays.nullable() });
export type SetRetentionRequest = z.infer<typeof SetRetentionRequest>;

/** "Run now": every team with a period, or the one named. */
export const RunRetentionRequest = z.strictObject({ teamId: Id.optional() });
export type RunRetentionRequest = z.infer<typeof RunRetentionRequest>;

export const RetentionRunResponse = z.object({
  ranAt: Timestamp,
  teams: z.array(z.object({ teamId: Id, days: RetentionDays, cutoff: Timestamp, removed: RemovedCounts })),
});
export type RetentionRunResponse = z.infer<typeof RetentionRunResponse>;

/** An admin's search for the customer a request is about: a name, an identity value or an id. */
export const PrivacyCustomerQuery = z.strictObject({ q: Text(200).trim().min(2) });
export type PrivacyCustomerQuery = z.infer<typeof PrivacyCustomerQuery>;

export const PrivacyCustomer = z.object({
  id: Id,
  teamId: Id,
  name: z.string(),
  identities: z.array(Identity),
  interactions: z.number().int().nonnegative(),
  cases: z.number().int().nonnegative(),
});
export type PrivacyCustomer = z.infer<typeof PrivacyCustomer>;

export const PrivacyCustomersResponse = z.object({ customers: z.array(PrivacyCustomer) });
export type PrivacyCustomersResponse = z.infer<typeof PrivacyCustomersResponse>;

/** Erasure's reason (the request's reference, say) is logged; the erased content is not. */
export const EraseCustomerRequest = z.strictObject({ reason: Text(500).trim().min(5) });
export type EraseCustomerRequest = z.infer<typeof EraseCustomerRequest>;

export const ErasureResponse = z.object({ customerId: Id, erasedAt: Timestamp, removed: RemovedCounts });
export type ErasureResponse = z.infer<typeof ErasureResponse>;

/** Everything held about one customer (GDPR Art. 15), screenshots included as base64. */
export const CustomerExport = z.object({
  format: z.literal('tandem-customer-export/1'),
  exportedAt: Timestamp,
  exportedBy: Id,
  customer: Customer,
  interactions: z.array(Interaction),
  cases: z.array(Case),
  screenshots: z.array(Attachment.extend({ base64: z.string() })),
  /** Who opened, revealed, exported this customer's data (the access log's entries about them). */
  accessLog: z.array(AccessLogEntry),
});
export type CustomerExport = z.infer<typeof CustomerExport>;
