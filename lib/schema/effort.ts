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
