// A team's business calendar: time zone, weekly hours, holidays, and an .ics import previewed before it is added.
// The file's text is untrusted: it is parsed (lib/sla/ics.ts), shown as text, and saved only through the zod schema.
import { useEffect, useState } from 'preact/hooks';
import { type MessageKey, t, tCount } from '../../lib/i18n/t';
import { issueMessage } from '../../lib/i18n/zod-issues';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { BusinessCalendar, type Holiday, type OpeningInterval, WEEKDAYS, type Weekday } from '../../lib/schema/sla';
import { type IcsImport, type IcsSkipCode, type IcsSkipReason, parseIcsHolidays } from '../../lib/sla/ics';
import { useBusyAction } from './controls';
import { formatDay, formatNumber, weekdayName } from './format';

const WEEK_FROM_MONDAY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** The sentence for each reason an .ics event is left out (lib/sla/ics.ts gives the code and its details). */
const ICS_SKIP_REASON = {
  no_start: 'de2_ics_no_start',
  bad_end: 'de2_ics_bad_end',
  too_long: 'de2_ics_too_long',
  not_yearly: 'de2_ics_not_yearly',
  unsupported_parts: 'de2_ics_unsupported_parts',
  other_month: 'de2_ics_other_month',
  other_day: 'de2_ics_other_day',
  bad_interval: 'de2_ics_bad_interval',
  interval_without_end: 'de2_ics_interval_without_end',
} as const satisfies Record<IcsSkipCode, MessageKey>;
/** Why an .ics event is left out, as a sentence in the agent's language. */
export const icsSkipReasonText = (reason: IcsSkipReason): string => t(ICS_SKIP_REASON[reason.code], ...reason.params);

/** Office hours on weekdays in the manager's own zone: where a new calendar starts. */
function newCalendar(): BusinessCalendar {
  const office = [{ from: '09:00', to: '17:00' }];
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, d === 'sat' || d === 'sun' ? [] : office])) as BusinessCalendar['hours'];
  return { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, hours, holidays: [] };
}

/** "09:00-12:00, 13:00-17:00" ↔ intervals. Unreadable parts are kept as typed so the schema names them on save. */
export const formatHours = (intervals: readonly OpeningInterval[]) => intervals.map((i) => `${i.from}-${i.to}`).join(', ');
export function parseHours(text: string): OpeningInterval[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [from = '', to = ''] = part.split('-').map((x) => x.trim().padStart(5, '0'));
      return { from, to };
    });
}

/** Which part of the calendar a schema problem is about, as the form names it: "Montag", "Feiertag 2", "Zeitzone". */
export function calendarFieldName(path: readonly PropertyKey[]): string {
  const [head, sub] = path;
  if (head === 'timeZone') return t('cka_time_zone');
  if (head === 'hours') return WEEKDAYS.includes(sub as Weekday) ? weekdayName(sub as Weekday) : t('de3_calendar_hours');
  if (head === 'holidays' && typeof sub === 'number') return t('de3_calendar_holiday', formatNumber(sub + 1));
  return path.length ? path.map(String).join(' ') : t('cka_calendar');
}

const ZONES: readonly string[] = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

export function SlaCalendarEditor({ teamId, calendar, onChanged }: { teamId: string; calendar: BusinessCalendar | null; onChanged: () => void }) {
  const [draft, setDraft] = useState<BusinessCalendar>(calendar ?? newCalendar());
  const [hoursText, setHoursText] = useState<Record<Weekday, string>>(() => hoursTextOf(calendar ?? newCalendar()));
  const [preview, setPreview] = useState<IcsImport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, act] = useBusyAction();
  const [newHoliday, setNewHoliday] = useState<Holiday>({ date: '', name: '', yearly: false });

  useEffect(() => {
    const start = calendar ?? newCalendar();
    setDraft(start);
    setHoursText(hoursTextOf(start));
    setPreview(null);
    setProblem(null);
  }, [teamId, calendar]);

  const save = async () => {
    const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, parseHours(hoursText[d])])) as BusinessCalendar['hours'];
    const parsed = BusinessCalendar.safeParse({ ...draft, hours });
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((i) => `${calendarFieldName(i.path)}: ${issueMessage(i)}`).join(' · '));
      return;
    }
    setProblem(null);
    await act(async () => {
      const saved = await send('manager.setSlaCalendar', { teamId, calendar: parsed.data });
      if (saved.calendar) setDraft(saved.calendar);
      notice.value = t('cka_calendar_saved', teamId);
      onChanged();
    });
  };

  const clear = () =>
    act(async () => {
      await send('manager.clearSlaCalendar', { teamId });
      notice.value = t('cka_calendar_cleared', teamId);
      onChanged();
    });

  const readIcs = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 2_000_000) return setProblem(t('cka_ics_too_large'));
    setPreview(parseIcsHolidays(await file.text(), draft.timeZone));
  };

  const addHolidays = (list: readonly Holiday[]) => {
    const have = new Set(draft.holidays.map((h) => `${h.date}|${h.yearly}`));
    const added = list.filter((h) => !have.has(`${h.date}|${h.yearly}`));
    setDraft({ ...draft, holidays: [...draft.holidays, ...added].sort((a, b) => a.date.localeCompare(b.date)) });
    return added.length;
  };

  return (
    <fieldset class="mgr-panel" aria-label={t('cka_business_calendar')} data-testid="sla-calendar">
      <legend>{t('cka_business_hours_of', teamId)}</legend>
      <p class="tdm-muted">{calendar ? t('cka_calendar_in_hours') : t('cka_calendar_none')}</p>
      <label>
        {t('cka_time_zone')}{' '}
        <input
          list="sla-zones"
          value={draft.timeZone}
          data-testid="sla-zone"
          onInput={(e) => setDraft({ ...draft, timeZone: e.currentTarget.value })}
          aria-label={t('cka_time_zone_iana')}
        />
        <datalist id="sla-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <table class="mgr-table">
        <caption>{t('cka_opening_hours_caption')}</caption>
        <tbody>
          {WEEK_FROM_MONDAY.map((d) => (
            <tr key={d}>
              <th scope="row">{weekdayName(d)}</th>
              <td>
                <input
                  value={hoursText[d]}
                  data-testid={`sla-hours-${d}`}
                  aria-label={t('cka_day_opening_hours', weekdayName(d))}
                  onInput={(e) => setHoursText({ ...hoursText, [d]: e.currentTarget.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="mgr-table" data-testid="sla-holidays">
        <caption>{t('cka_holidays_count', formatNumber(draft.holidays.length))}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cka_date')}</th>
            <th scope="col">{t('cka_name')}</th>
            <th scope="col">{t('cka_every_year')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {draft.holidays.map((h) => (
            <tr key={`${h.date}|${h.yearly}`}>
              <td>{formatDay(h.date)}</td>
              <td>{h.name}</td>
              <td>{h.yearly ? t('cka_yes') : ''}</td>
              <td>
                <button type="button" onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((x) => x !== h) })}>
                  {t('remove')}
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <input
                type="date"
                aria-label={t('cka_holiday_date')}
                value={newHoliday.date}
                onInput={(e) => setNewHoliday({ ...newHoliday, date: e.currentTarget.value })}
              />
            </td>
            <td>
              <input
                aria-label={t('cka_holiday_name')}
                maxLength={200}
                value={newHoliday.name}
                onInput={(e) => setNewHoliday({ ...newHoliday, name: e.currentTarget.value })}
              />
            </td>
            <td>
              <input
                type="checkbox"
                aria-label={t('cka_every_year')}
                checked={newHoliday.yearly}
                onChange={(e) => setNewHoliday({ ...newHoliday, yearly: e.currentTarget.checked })}
              />
            </td>
            <td>
              <button
                type="button"
                disabled={!newHoliday.date}
                onClick={() => {
                  addHolidays([newHoliday]);
                  setNewHoliday({ date: '', name: '', yearly: false });
                }}
              >
                {t('cka_add')}
              </button>
            </td>
          </tr>
        </tbody>
      </table>
      <label>
        {t('cka_import_ics')} <input type="file" accept=".ics,text/calendar" data-testid="sla-ics" onChange={(e) => void readIcs(e.currentTarget.files?.[0])} />
      </label>
      {preview && (
        <section aria-label={t('cka_import_preview')} data-testid="sla-ics-preview">
          <p>
            {tCount('cka_holidays_found', preview.holidays.length)}
            {preview.skipped.length > 0 && ` ${tCount('cka_events_left_out', preview.skipped.length)}`}
          </p>
          <ul>
            {preview.holidays.map((h) => (
              <li key={`${h.date}|${h.yearly}`}>
                {formatDay(h.date)} {h.name} {h.yearly ? t('cka_every_year_marker') : ''}
              </li>
            ))}
            {preview.skipped.map((s, i) => (
              <li key={`skip-${i}`} class="tdm-muted">
                {t('cka_left_out', s.name || t('cka_unnamed_event'), icsSkipReasonText(s.reason))}
              </li>
            ))}
          </ul>
          <button
            type="button"
            disabled={preview.holidays.length === 0}
            onClick={() => {
              const n = addHolidays(preview.holidays);
              setPreview(null);
              notice.value = tCount('cka_holidays_added', n);
            }}
          >
            {t('cka_add_these_holidays')}
          </button>
          <button type="button" onClick={() => setPreview(null)}>
            {t('cka_discard')}
          </button>
        </section>
      )}
      {problem && (
        <p role="alert" class="tdm-error">
          {problem}
        </p>
      )}
      <button type="button" class="tdm-primary" disabled={busy} onClick={() => void save()} data-testid="sla-calendar-save">
        {busy ? t('cka_saving') : t('cka_save_business_calendar')}
      </button>{' '}
      {calendar && (
        <button type="button" disabled={busy} onClick={() => void clear()}>
          {t('cka_run_around_clock')}
        </button>
      )}
    </fieldset>
  );
}

function hoursTextOf(calendar: BusinessCalendar): Record<Weekday, string> {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, formatHours(calendar.hours[d])])) as Record<Weekday, string>;
}
