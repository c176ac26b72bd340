// The push answer's check at the route: every result against the API's schema (PushResponse), but a record this process
// has just checked against its entity's schema as it wrote it (push.ts write) is not parsed a second time: the answer's
// check re-parsed (and copied) every record of every push, ≈ 5 % of the server thread at 10 clients × pushes of 50.
import { z } from 'zod';
import { Change, MutationResult, type PushResponse } from '../../lib/schema/api';
import type { SyncedEntityName } from '../../lib/schema/entities';

/**
 * Records checked by their entity's schema (SYNCED_ENTITIES, the same schemas Change uses) as they were written, and
 * frozen then so they stay as checked. A record masked by the field policy is a new object, so it is parsed in full.
 */
const checkedRecords = new WeakMap<object, SyncedEntityName>();

/** Marks a record its entity's schema has just returned: frozen, and known to the answer's check. */
export function checkedRecord<T extends object>(entity: SyncedEntityName, record: T): Readonly<T> {
  Object.freeze(record);
  checkedRecords.set(record, entity);
  return record;
}

/** Change, with a record that must be one checked as this very entity (anything else fails over to the full check). */
const CheckedChange = z.discriminatedUnion(
  'entity',
  Change.options.map((option) =>
    option.extend({
      record: z.custom<Record<string, unknown>>((r) => typeof r === 'object' && r !== null && checkedRecords.get(r) === option.shape.entity.value),
    }),
  ) as unknown as [(typeof Change.options)[number], ...typeof Change.options],
);

/** MutationResult, with CheckedChange where a result carries a change or the current record. */
const CheckedResult = z.discriminatedUnion(
  'status',
  MutationResult.options.map((option) => {
    if ('change' in option.shape) return option.extend({ change: CheckedChange });
    if ('current' in option.shape) return option.extend({ current: CheckedChange });
    return option;
  }) as unknown as [(typeof MutationResult.options)[number], ...typeof MutationResult.options],
);

/** The answer as PushResponse.parse would give it (throws as it would), parsing only the records not checked already. */
export function checkedPushAnswer(results: readonly MutationResult[]): PushResponse {
  return {
    results: results.map((result) => {
      const light = CheckedResult.safeParse(result);
      return light.success ? (light.data as MutationResult) : MutationResult.parse(result);
    }),
  };
}
