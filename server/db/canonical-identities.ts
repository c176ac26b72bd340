import { isDeepStrictEqual } from 'node:util';
import { customerPhoneCountry, keptIdentities } from '../../lib/identity/normalize';
import type { Customer } from '../../lib/schema/entities';
import type { Queryable } from './database';
import { writeRecords } from './records';

/**
 * Rewrites every stored customer's identities in canonical form (lib/identity/normalize.ts), each once per customer.
 * Nothing is lost: a value that cannot be read stays, trimmed. Customers who now share an identity stay two records
 * (their cases and interactions keep pointing at them); the lookup ranks them (docs/server.md, "Canonical identities").
 * A changed customer gets a new version and sequence number, so the next pull brings it to every agent.
 * Answers how many customers changed.
 */
export async function canonicalizeCustomerIdentities(tx: Queryable, now: Date): Promise<number> {
  const { rows } = await tx.query<{ version: number; data: Customer; field_versions: Record<string, number> | null }>(
    'select version, data, field_versions from customers order by seq',
  );
  const changed: Customer[] = [];
  const fieldVersions: Record<string, number>[] = [];
  for (const { version, data, field_versions } of rows) {
    const identities = keptIdentities(data.identities, { defaultCountry: customerPhoneCountry(data) });
    if (isDeepStrictEqual(identities, data.identities)) continue;
    const next = Number(version) + 1;
    changed.push({ ...data, identities, version: next, updatedAt: now.toISOString() });
    fieldVersions.push({ ...(field_versions ?? {}), identities: next });
  }
  await writeRecords(tx, 'customers', changed, { fieldVersions });
  return changed.length;
}
