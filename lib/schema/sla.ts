// Service-level policies: first-response and resolution targets per channel group and priority, set per team by
// managers. Shared by the server's `/sla/*` routes and lib/cases/sla-policy.ts (which holds the defaults).
import { z } from 'zod';
import { Channel, Id, Priority, Timestamp } from './entities';
import { CHANNEL_GROUPS } from './site-catalog';
import { WEEKDAYS, type Weekday } from './weekdays';

/** Channels are grouped for SLAs: public social posts, live conversations (phone, chat), tickets and email. */
export const ChannelGroup = z.enum(CHANNEL_GROUPS);
export type ChannelGroup = z.infer<typeof ChannelGroup>;

/** Upper bound of any target: 90 days. */
export const MAX_SLA_MINUTES = 90 * 24 * 60;

const Minutes = z.int().positive().max(MAX_SLA_MINUTES);

export const SlaTarget = z
  .strictObject({
    firstResponseMinutes: Minutes,
    /** After the customer writes again following a reply; absent: the first-response target applies. */
    nextResponseMinutes: Minutes.optional(),
    resolutionMinutes: Minutes,
  })
  .refine((t) => t.resolutionMinutes >= t.firstResponseMinutes, {
    message: 'The resolution target cannot be shorter than the first-response target.',
    path: ['resolutionMinutes'],
  });
export type SlaTarget = z.infer<typeof SlaTarget>;

const byPriority = <T extends z.ZodType>(t: T) => z.strictObject({ urgent: t, high: t, normal: t, low: t });
const byGroup = <T extends z.ZodType>(t: T) => z.strictObject({ live: t, social: t, ticket: t });

/** A complete policy: every group × priority has a target. */
export const SlaPolicy = byGroup(byPriority(SlaTarget));
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/**
 * Body of PUT /sla/policies/:teamId: the team's own targets. It replaces what the team had; any group or priority
 * left out uses the default. Unknown groups, priorities or fields are refused.
 */
export const SlaPolicyUpdate = byGroup(byPriority(SlaTarget.optional()).partial().optional()).partial();
export type SlaPolicyUpdate = z.infer<typeof SlaPolicyUpdate>;

export const TeamSlaPolicy = z.object({
  teamId: Id,
  /** The team's targets merged over the defaults. */
  policy: SlaPolicy,
  /** The team's own entries, as last set (empty: all defaults). */
  overrides: SlaPolicyUpdate,
  /** When a manager last set the team's policy; null if never. */
  updatedAt: Timestamp.nullable(),
});
export type TeamSlaPolicy = z.infer<typeof TeamSlaPolicy>;

// ---- Business calendars: when a team's SLA clocks run (lib/sla/business-time.ts counts in them).

export { WEEKDAYS, type Weekday } from './weekdays';

/** A wall-clock time of day, "HH:MM"; "24:00" ends a day. */
export const TimeOfDay = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'A time of day as HH:MM (00:00 to 24:00).');
/** A local calendar date, "YYYY-MM-DD". */
export const LocalDate = z.iso.date();

export const OpeningInterval = z.strictObject({ from: TimeOfDay, to: TimeOfDay }).refine((i) => i.from < i.to, {
  message: 'An interval must end after it starts.',
  path: ['to'],
});
export type OpeningInterval = z.infer<typeof OpeningInterval>;

const DayHours = z
  .array(OpeningInterval)
  .max(6)
  .refine((list) => [...list].sort((a, b) => (a.from < b.from ? -1 : 1)).every((i, k, s) => k === 0 || (s[k - 1] as OpeningInterval).to <= i.from), {
    message: 'Intervals of one day must not overlap.',
  });

/** An IANA time zone this runtime knows (Europe/Berlin, America/New_York…). */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Not a known IANA time zone.');

export const Holiday = z.strictObject({
  date: LocalDate,
  name: z.string().max(200).default(''),
  /** Every year on the same month and day, from date's year on (an iCalendar RRULE:FREQ=YEARLY). */
  yearly: z.boolean().default(false),
});
export type Holiday = z.infer<typeof Holiday>;

export const BusinessCalendar = z
  .strictObject({
    timeZone: TimeZone,
    hours: z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, DayHours])) as Record<Weekday, typeof DayHours>),
    holidays: z.array(Holiday).max(1000).default([]),
  })
  .refine((c) => WEEKDAYS.some((d) => c.hours[d].length > 0), { message: 'A calendar needs opening hours on at least one day.', path: ['hours'] });
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/** Body of PUT /sla/calendars/:teamId. */
export const BusinessCalendarUpdate = BusinessCalendar;

export const TeamCalendar = z.object({
  teamId: Id,
  /** null: the team's clocks run around the clock. */
  calendar: BusinessCalendar.nullable(),
  updatedAt: Timestamp.nullable(),
});
export type TeamCalendar = z.infer<typeof TeamCalendar>;

export const SlaPoliciesResponse = z.object({
  defaults: SlaPolicy,
  teams: z.array(TeamSlaPolicy),
  /** Each team's business calendar, mirrored so the extension counts remaining business time offline. */
  calendars: z.array(TeamCalendar).optional(),
});
export type SlaPoliciesResponse = z.infer<typeof SlaPoliciesResponse>;

// ---- Escalation (server/sla/escalation.ts): at a share of a target the case is flagged and its people notified.

export const EscalationTarget = z.enum(['first', 'next', 'resolution']);
export type EscalationTarget = z.infer<typeof EscalationTarget>;

/** A team's escalation rule: the share of a target used that escalates it, and whether the priority rises a step. */
export const EscalationSettings = z.strictObject({
  share: z.number().gt(0).max(1),
  raisePriority: z.boolean(),
});
export type EscalationSettings = z.infer<typeof EscalationSettings>;

export const TeamEscalationSettings = z.object({
  teamId: z.string(),
  settings: EscalationSettings,
  /** null: the team uses the defaults (75%, priority kept). */
  updatedAt: z.string().nullable(),
});
export type TeamEscalationSettings = z.infer<typeof TeamEscalationSettings>;

/** One escalation as the server recorded it. */
export const EscalationRecord = z.object({
  caseId: z.string(),
  teamId: z.string(),
  target: EscalationTarget,
  share: z.number(),
  dueAt: z.string(),
  assigneeId: z.string().nullable(),
  priorityBefore: Priority,
  priorityAfter: Priority,
  escalatedAt: z.string(),
});
export type EscalationRecord = z.infer<typeof EscalationRecord>;

export const EscalationsResponse = z.object({ escalations: z.array(EscalationRecord) });
export type EscalationsResponse = z.infer<typeof EscalationsResponse>;

// ---- The service-level report (GET /sla/report/:teamId, lib/sla/report.ts).

export const SlaReportQuery = z.strictObject({
  /** Cases created from this instant (inclusive) … */
  from: Timestamp,
  /** … to this one (exclusive). */
  to: Timestamp,
});
export type SlaReportQuery = z.infer<typeof SlaReportQuery>;

export const SlaReportResponse = z.object({
  teamId: z.string(),
  from: z.string(),
  to: z.string(),
  /** The zone weeks and hours are counted in (the team's calendar, or UTC). */
  timeZone: z.string(),
  rows: z.array(
    z.object({
      teamId: z.string(),
      channel: Channel,
      week: z.string(),
      /** Which target: the first response, next responses, the resolution. */
      target: z.enum(['first', 'next', 'resolution']),
      decided: z.number().int(),
      met: z.number().int(),
      breached: z.number().int(),
      share: z.number(),
    }),
  ),
  firstResponse: z.object({ replied: z.number().int(), medianMinutes: z.number().nullable(), p90Minutes: z.number().nullable() }),
  breachesByHour: z.array(z.number().int()).length(24),
});
export type SlaReportResponse = z.infer<typeof SlaReportResponse>;
