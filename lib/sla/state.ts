// The business calendars the extension pages count remaining business time in, by team. Zod- and messaging-free so
// the overlay's badge may read it; pages fill it with loadTeamCalendars() (./load.ts).
import { signal } from '@preact/signals';
import type { BusinessCalendar } from '../schema/sla';

export const teamCalendars = signal<ReadonlyMap<string, BusinessCalendar>>(new Map());
