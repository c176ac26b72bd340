// The data model's enums in the UI's words: the stored value stays English, the label follows the UI locale.
import type { CaseStatus, Priority, Role, Tier } from '../schema/entities';
import type { RedactionKind } from '../schema/redaction';
import { identityLabel } from '../schema/site-catalog';
import { type MessageKey, t } from './t';

const TIER = { standard: 'tier_standard', silver: 'tier_silver', gold: 'tier_gold', platinum: 'tier_platinum' } as const satisfies Record<Tier, MessageKey>;
const CASE_STATUS = {
  new: 'case_status_new',
  open: 'case_status_open',
  pending: 'case_status_pending',
  solved: 'case_status_solved',
  closed: 'case_status_closed',
} as const satisfies Record<CaseStatus, MessageKey>;
const PRIORITY = { low: 'priority_low', normal: 'priority_normal', high: 'priority_high', urgent: 'priority_urgent' } as const satisfies Record<
  Priority,
  MessageKey
>;
const VISIBILITY = { public: 'visibility_public', private: 'visibility_private' } as const satisfies Record<'public' | 'private', MessageKey>;
const ROLE = { agent: 'role_agent', manager: 'role_manager', admin: 'role_admin' } as const satisfies Record<Role, MessageKey>;
const REDACTION = {
  card: 'redaction_kind_card',
  national_id: 'redaction_kind_national_id',
  iban: 'redaction_kind_iban',
  passport: 'redaction_kind_passport',
  secret: 'redaction_kind_secret',
  email: 'identity_email',
  phone: 'identity_phone',
} as const satisfies Record<RedactionKind, MessageKey>;
/** The identity kinds that are words; the rest are sites' names ("X", "Zendesk"), the same in every language. */
const IDENTITY_WORDS: Partial<Record<string, MessageKey>> = { email: 'identity_email', phone: 'identity_phone' };
const DIRECTION = { inbound: 'direction_inbound', outbound: 'direction_outbound' } as const satisfies Record<'inbound' | 'outbound', MessageKey>;

/** The label of a known value; a value the map does not know (newer data than this build) is shown as it is. */
const labelIn =
  <V extends string>(keys: Record<V, MessageKey>) =>
  (value: V): string =>
    Object.hasOwn(keys, value) ? t(keys[value]) : value;

export const tierLabel = labelIn<Tier>(TIER);
export const caseStatusLabel = labelIn<CaseStatus>(CASE_STATUS);
export const priorityLabel = labelIn<Priority>(PRIORITY);
export const visibilityLabel = labelIn<'public' | 'private'>(VISIBILITY);
/** "from customer" / "from us". */
export const directionLabel = labelIn<'inbound' | 'outbound'>(DIRECTION);
export const roleLabel = labelIn<Role>(ROLE);
/** The kind's name beside an excerpt in the capture form's "removed before saving" list. */
export const redactionLabel = labelIn<RedactionKind>(REDACTION);
/** What an identity of this kind is called ("Email", "X"). */
export const identityKindLabel = (kind: string): string => {
  const key = IDENTITY_WORDS[kind];
  return key ? t(key) : identityLabel(kind);
};
