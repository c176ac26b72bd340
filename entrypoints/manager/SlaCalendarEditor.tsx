// A team's business calendar: time zone, weekly hours, holidays, and an .ics import previewed before it is added.
// The file's text is untrusted: it is parsed (lib/sla/ics.ts), shown as text, and saved only through the zod schema.
import { useEffect, useState } from 'preact/hooks';
import { notice } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { BusinessCalendar, type Holiday, type OpeningInterval, WEEKDAYS, type Weekday } from '../../lib/schema/sla';
import { type IcsImport, parseIcsHolidays } from '../../lib/sla/ics';
import { useBusyAction } from './controls';

const DAY_LABELS: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const WEEK_FROM_MONDAY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

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
      setProblem(parsed.error.issues.map((i) => `${i.path.join(' ') || 'calendar'}: ${i.message}`).join(' · '));
      return;
    }
    setProblem(null);
    await act(async () => {
      const saved = await send('manager.setSlaCalendar', { teamId, calendar: parsed.data });
      if (saved.calendar) setDraft(saved.calendar);
      notice.value = `Business calendar saved for ${teamId}. Clocks started from now on count in it.`;
      onChanged();
    });
  };

  const clear = () =>
    act(async () => {
      await send('manager.clearSlaCalendar', { teamId });
      notice.value = `${teamId} has no business calendar: its clocks run around the clock.`;
      onChanged();
    });

  const readIcs = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 2_000_000) return setProblem('That file is larger than 2 MB; a holiday calendar is far smaller.');
    setPreview(parseIcsHolidays(await file.text(), draft.timeZone));
  };

  const addHolidays = (list: readonly Holiday[]) => {
    const have = new Set(draft.holidays.map((h) => `${h.date}|${h.yearly}`));
    const added = list.filter((h) => !have.has(`${h.date}|${h.yearly}`));
    setDraft({ ...draft, holidays: [...draft.holidays, ...added].sort((a, b) => a.date.localeCompare(b.date)) });
    return added.length;
  };

  return (
    <fieldset class="mgr-panel" aria-label="Business calendar" data-testid="sla-calendar">
      <legend>Business hours of {teamId}</legend>
      <p class="tdm-muted">{calendar ? 'Targets count in these hours only.' : 'No calendar yet: targets run around the clock.'}</p>
      <label>
        Time zone{' '}
        <input
          list="sla-zones"
          value={draft.timeZone}
          data-testid="sla-zone"
          onInput={(e) => setDraft({ ...draft, timeZone: e.currentTarget.value })}
          aria-label="Time zone (IANA name)"
        />
        <datalist id="sla-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <table class="mgr-table">
        <caption>Opening hours per day, e.g. 09:00-12:00, 13:00-17:00 (empty: closed)</caption>
        <tbody>
          {WEEK_FROM_MONDAY.map((d) => (
            <tr key={d}>
              <th scope="row">{DAY_LABELS[d]}</th>
              <td>
                <input
                  value={hoursText[d]}
                  data-testid={`sla-hours-${d}`}
                  aria-label={`${DAY_LABELS[d]} opening hours`}
                  onInput={(e) => setHoursText({ ...hoursText, [d]: e.currentTarget.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="mgr-table" data-testid="sla-holidays">
        <caption>Holidays ({draft.holidays.length})</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Name</th>
            <th scope="col">Every year</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {draft.holidays.map((h) => (
            <tr key={`${h.date}|${h.yearly}`}>
              <td>{h.date}</td>
              <td>{h.name}</td>
              <td>{h.yearly ? 'yes' : ''}</td>
              <td>
                <button type="button" onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((x) => x !== h) })}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <input
                type="date"
                aria-label="Holiday date"
                value={newHoliday.date}
                onInput={(e) => setNewHoliday({ ...newHoliday, date: e.currentTarget.value })}
              />
            </td>
            <td>
              <input
                aria-label="Holiday name"
                maxLength={200}
                value={newHoliday.name}
                onInput={(e) => setNewHoliday({ ...newHoliday, name: e.currentTarget.value })}
              />
            </td>
            <td>
              <input
                type="checkbox"
                aria-label="Every year"
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
                Add
              </button>
            </td>
          </tr>
        </tbody>
      </table>
      <label>
        Import holidays from an iCalendar file (.ics){' '}
        <input type="file" accept=".ics,text/calendar" data-testid="sla-ics" onChange={(e) => void readIcs(e.currentTarget.files?.[0])} />
      </label>
      {preview && (
        <section aria-label="Import preview" data-testid="sla-ics-preview">
          <p>
            {preview.holidays.length} holiday{preview.holidays.length === 1 ? '' : 's'} found
            {preview.skipped.length > 0 ? `, ${preview.skipped.length} event${preview.skipped.length === 1 ? '' : 's'} left out` : ''}.
          </p>
          <ul>
            {preview.holidays.map((h) => (
              <li key={`${h.date}|${h.yearly}`}>
                {h.date} {h.name} {h.yearly ? '(every year)' : ''}
              </li>
            ))}
            {preview.skipped.map((s, i) => (
              <li key={`skip-${i}`} class="tdm-muted">
                Left out: {s.name || 'an unnamed event'} — {s.reason}
              </li>
            ))}
          </ul>
          <button
            type="button"
            disabled={preview.holidays.length === 0}
            onClick={() => {
              const n = addHolidays(preview.holidays);
              setPreview(null);
              notice.value = `${n} holiday${n === 1 ? '' : 's'} added; save the calendar to keep them.`;
            }}
          >
            Add these holidays
          </button>
          <button type="button" onClick={() => setPreview(null)}>
            Discard
          </button>
        </section>
      )}
      {problem && (
        <p role="alert" class="tdm-error">
          {problem}
        </p>
      )}
      <button type="button" class="tdm-primary" disabled={busy} onClick={() => void save()} data-testid="sla-calendar-save">
        {busy ? 'Saving…' : 'Save business calendar'}
      </button>{' '}
      {calendar && (
        <button type="button" disabled={busy} onClick={() => void clear()}>
          Run around the clock instead
        </button>
      )}
    </fieldset>
  );
}

function hoursTextOf(calendar: BusinessCalendar): Record<Weekday, string> {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, formatHours(calendar.hours[d])])) as Record<Weekday, string>;
}
