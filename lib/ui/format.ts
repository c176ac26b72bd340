// Dates, times, numbers and money: lib/i18n/format.ts (in the UI locale).

import { identityKindLabel } from '../i18n/labels';
import type { Identity } from '../schema';
import { identityForm } from '../schema/site-catalog';

export function formatIdentity(identity: Identity): string {
  // Handles are stored without their @ (lib/identity/page-identity.ts); people know them with it.
  const value = identityForm(identity.kind) === 'twitter-handle' ? `@${identity.value}` : identity.value;
  return `${identityKindLabel(identity.kind)}: ${value}`;
}
