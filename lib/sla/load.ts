import { send } from '../messaging/browser';
import { teamCalendars } from './state';

/** Fills teamCalendars from the background's synced copy; a failure leaves wall-clock countdowns (no calendar). */
export async function loadTeamCalendars(): Promise<void> {
  try {
    const { calendars } = await send('sla.calendars', {});
    teamCalendars.value = new Map(calendars.flatMap((c) => (c.calendar ? [[c.teamId, c.calendar] as const] : [])));
  } catch {
    // Signed out or offline before the first sync: the server's deadline still shows.
  }
}
