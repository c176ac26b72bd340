// A customer's value band: the server sends it where the reader's field policy masks the lifetime value (issue 15);
// where the figure is visible the band is computed from it, so the queue filters by band for every role alike.
import type { Customer, ValueBand } from '../schema/entities';
import { VALUE_BAND_FLOORS_CENTS, valueBandOf } from '../schema/privacy';

export function valueBandOfCustomer(customer: Pick<Customer, 'lifetimeValueCents' | 'valueBand'>): ValueBand | null {
  if (customer.lifetimeValueCents !== undefined) return valueBandOf(customer.lifetimeValueCents);
  return customer.valueBand ?? null;
}

/** What sorting compares: the exact value, or the band's floor when only the band is known (0 when neither is). */
export function sortableValueCents(row: { customerValueCents: number | null; customerValueBand: ValueBand | null }): number {
  if (row.customerValueCents !== null) return row.customerValueCents;
  return row.customerValueBand ? VALUE_BAND_FLOORS_CENTS[row.customerValueBand] : 0;
}
