import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatPercent, formatWhen } from '../../lib/i18n/format';
import { type MessageKey, t, tCount } from '../../lib/i18n/t';
import { send } from '../../lib/messaging/browser';
import type { RecognitionHealthResponse } from '../../lib/schema/recognition';
import { showError } from './controls';

const WINDOWS = [7, 14, 30, 90] as const;
const LAYER_LABELS: Partial<Record<string, MessageKey>> = {
  adapter: 'ckb_recognition_layer_adapter',
  field: 'ckb_recognition_layer_field',
  link: 'ckb_recognition_layer_link',
  panel: 'ckb_recognition_layer_panel',
};
const layerLabel = (layer: string) => {
  const key = LAYER_LABELS[layer];
  return key ? t(key) : layer;
};

const share = (part: number, whole: number) => (whole === 0 ? '–' : formatPercent(part / whole));

/**
 * Admins: per site, the record pages agents opened, how many named a person Tandem could read and how many
 * did not, by day, with the last miss's address pattern: a site's markup change shows the day it ships.
 */
export function RecognitionHealthView() {
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(14);
  const [health, setHealth] = useState<RecognitionHealthResponse | null>(null);

  useEffect(() => {
    setHealth(null);
    send('manager.recognitionHealth', { days })
      .then(setHealth)
      .catch((e: unknown) => {
        showError(e);
      });
  }, [days]);

  return (
    <section class="mgr-panel" aria-label={t('console_view_recognition')} data-testid="manager-recognition-health">
      <p class="tdm-muted">{t('ckb_recognition_help')}</p>
      <label>
        {t('ckb_recognition_window')}{' '}
        <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value) as (typeof WINDOWS)[number])}>
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              {tCount('ckb_days_count', d)}
            </option>
          ))}
        </select>
      </label>
      {health === null ? (
        <p class="tdm-muted">{t('ckb_recognition_loading')}</p>
      ) : health.sites.length === 0 ? (
        <p class="tdm-muted">{t('ckb_recognition_none', formatDate(health.from))}</p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>{t('ckb_recognition_site')}</th>
              <th>{t('ckb_recognition_seen')}</th>
              <th>{t('ckb_recognition_recognised')}</th>
              <th>{t('ckb_recognition_missed')}</th>
              <th>{t('ckb_recognition_by_day')}</th>
              <th>{t('ckb_recognition_last_miss')}</th>
            </tr>
          </thead>
          <tbody>
            {health.sites.map((s) => (
              <tr key={s.site} data-testid="recognition-site" data-site={s.site} data-missed={s.missed}>
                <td>{s.site}</td>
                <td>{s.seen}</td>
                <td>
                  {s.recognised} ({share(s.recognised, s.seen)})
                </td>
                <td>
                  {s.missed} ({share(s.missed, s.seen)})
                </td>
                <td>
                  {s.days.map((d) => (
                    <div key={d.day}>
                      {d.day}: {d.seen} / {d.missed}
                    </div>
                  ))}
                </td>
                <td data-testid="recognition-last-miss">
                  {s.lastMiss ? (
                    <>
                      <code>{s.lastMiss.urlPattern}</code>
                      <div class="tdm-muted">
                        {t('ckb_recognition_miss_detail', formatWhen(s.lastMiss.at), s.lastMiss.layers.map(layerLabel).join(', '))}
                        {s.lastMiss.named ? t('ckb_recognition_miss_named') : ''}
                      </div>
                    </>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
