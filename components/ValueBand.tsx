// A customer's value band, shown where the field policy sends the band instead of the lifetime value (issue 15).
// Zod-free: the overlay's card renders it in the content script.

import { type MessageKey, t } from '../lib/i18n/t';
import type { ValueBand } from '../lib/schema/entities';

const VALUE_BAND_KEYS = { low: 'value_band_low', medium: 'value_band_medium', high: 'value_band_high', top: 'value_band_top' } as const satisfies Record<
  ValueBand,
  MessageKey
>;

/** A value band in the UI's words. */
export const valueBandLabel = (band: ValueBand): string => (Object.hasOwn(VALUE_BAND_KEYS, band) ? t(VALUE_BAND_KEYS[band]) : band);

/** The card's fact row: shown only when the exact value is not. */
export function ValueBandFact({ band }: { band: ValueBand }) {
  return (
    <>
      <dt>{t('value_band_fact')}</dt>
      <dd data-testid="tandem-customer-value-band" title={t('value_band_help')}>
        {valueBandLabel(band)}
      </dd>
    </>
  );
}
