import { afterEach, describe, expect, it, vi } from 'vitest';
import { useBrowserLanguage } from '../../lib/i18n/test-setup';
import { parseIcsHolidays } from '../../lib/sla/ics';

vi.mock('../../lib/messaging/browser', () => ({ send: vi.fn() }));
const { icsSkipReasonText } = await import('./SlaCalendarEditor');

const ICS = [
  'BEGIN:VCALENDAR',
  'BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261102\nRRULE:FREQ=WEEKLY\nSUMMARY:Standup\nEND:VEVENT',
  'BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260701\nDTEND;VALUE=DATE:20260901\nSUMMARY:Summer\nEND:VEVENT',
  'END:VCALENDAR',
].join('\n');
const reasons = () => parseIcsHolidays(ICS, 'UTC').skipped.map((s) => icsSkipReasonText(s.reason));

describe('why the SLA calendar editor’s .ics preview leaves an event out', () => {
  afterEach(() => useBrowserLanguage('en'));

  it('says it in English as before', () => {
    expect(reasons()).toEqual(['repeats weekly, only yearly rules are read', 'longer than 31 days']);
  });

  it('says it in the browser’s language (German here)', () => {
    useBrowserLanguage('de');
    expect(reasons()).toEqual(['wiederholt sich „weekly“, nur jährliche Regeln werden gelesen', 'länger als 31 Tage']);
  });
});
