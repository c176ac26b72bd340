import { useEffect, useState } from 'preact/hooks';
import { send } from '../../lib/messaging/browser';
import type { RecognitionHealthResponse } from '../../lib/schema/recognition';
import { showError } from './controls';

const WINDOWS = [7, 14, 30, 90] as const;
const LAYER_LABELS: Record<string, string> = { adapter: 'site selectors', field: 'labelled fields', link: 'mailto/tel/profile links', panel: 'side panels' };

const share = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);

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
    <section class="mgr-panel" aria-label="Recognition health" data-testid="manager-recognition-health">
      <p class="tdm-muted">
        Record, ticket and thread pages agents opened, per site: “missed” means the page named nobody Tandem could read (no email, phone or profile), usually
        because the site changed its layout. Reported without page text or ids.
      </p>
      <label>
        Last{' '}
        <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value) as (typeof WINDOWS)[number])}>
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
      </label>
      {health === null ? (
        <p class="tdm-muted">Loading recognition health…</p>
      ) : health.sites.length === 0 ? (
        <p class="tdm-muted">No record pages reported since {health.from}.</p>
      ) : (
        <table class="mgr-table">
          <thead>
            <tr>
              <th>Site</th>
              <th>Pages seen</th>
              <th>Recognised</th>
              <th>Missed</th>
              <th>By day (seen / missed)</th>
              <th>Last miss</th>
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
                        {new Date(s.lastMiss.at).toLocaleString()}; nothing in {s.lastMiss.layers.map((l) => LAYER_LABELS[l] ?? l).join(', ')}
                        {s.lastMiss.named ? '; a name was shown' : ''}
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
