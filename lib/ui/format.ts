// Dates, times, numbers and money: lib/i18n/format.ts (in the UI locale).
import type { Identity } from '../schema';
import { identityForm, identityLabel } from '../schema/site-catalog';

export function formatIdentity(identity: Identity): string {
  // Handles are stored without their @ (lib/identity/page-identity.ts); people know them with it.
  const value = identityForm(identity.kind) === 'twitter-handle' ? `@${identity.value}` : identity.value;
  return `${identityLabel(identity.kind)}: ${value}`;
}
