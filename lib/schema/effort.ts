// Customer effort (issue 22, lib/effort/): how hard a customer has had to work to be helped, from the cached interactions.
import { z } from 'zod';
import { Channel } from './entities';
import { Timestamp } from './primitives';

export const Effort = z.object({
  /** The customer's messages in the current run of contact (each within 7 days of the next). */
  contacts: z.int().nonnegative(),
  /** Channels used in that run, in the order first used. */
  channels: z.array(Channel),
  /** Times the customer moved from one channel to another between consecutive messages. */
  switches: z.int().nonnegative(),
  /** Messages within 7 days of the customer's previous one on the same case: asking again about the same issue. */
  repeats: z.int().nonnegative(),
  /** The run's first message, or null when the customer has not written. */
  firstAt: Timestamp.nullable(),
});
export type Effort = z.infer<typeof Effort>;

/** `GET /effort/report/:teamId`: the effort behind a team's cases created in [from, to). */
export const EffortReportQuery = z.strictObject({ from: Timestamp, to: Timestamp });
export type EffortReportQuery = z.infer<typeof EffortReportQuery>;

/** One topic, channel or week of the report (lib/effort/report.ts). */
export const EffortGroup = z.object({
  /** The tag, the channel the case came in on, or the Monday (UTC) of the week it was created. */
  key: z.string(),
  cases: z.int().nonnegative(),
  /** The customers' messages on those cases. */
  contacts: z.int().nonnegative(),
  contactsPerCase: z.number().nonnegative(),
  switchesPerCase: z.number().nonnegative(),
  /** The share of cases on which the customer wrote again within 7 days. */
  repeatShare: z.number().min(0).max(1),
});
export type EffortGroup = z.infer<typeof EffortGroup>;

export const EffortReport = z.object({
  totals: EffortGroup,
  byTopic: z.array(EffortGroup),
  byChannel: z.array(EffortGroup),
  byWeek: z.array(EffortGroup),
});
export type EffortReport = z.infer<typeof EffortReport>;

export const EffortReportResponse = EffortReport.extend({ teamId: z.string(), from: z.string(), to: z.string() });
export type EffortReportResponse = z.infer<typeof EffortReportResponse>;
