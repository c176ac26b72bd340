// The data model's enums in the UI's words: the stored value stays English, the label follows the UI locale.
import type { CaseStatus, Priority, Role, Tier } from '../schema/entities';
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
