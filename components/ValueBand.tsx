// A customer's value band, shown where the field policy sends the band instead of the lifetime value (issue 15).
// Zod-free: the overlay's card renders it in the content script.
import type { ValueBand } from '../lib/schema/entities';

export const VALUE_BAND_LABELS: Readonly<Record<ValueBand, string>> = { low: 'Low value', medium: 'Medium value', high: 'High value', top: 'Top value' };

/** The card's fact row: shown only when the exact value is not. */
export function ValueBandFact({ band }: { band: ValueBand }) {
  return (
    <>
      <dt>Value</dt>
      <dd data-testid="tandem-customer-value-band" title="Lifetime value band: your role sees the band, not the figure">
        {VALUE_BAND_LABELS[band]}
      </dd>
    </>
  );
}
