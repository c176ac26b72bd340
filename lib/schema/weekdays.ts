/** Weekday keys of a business calendar's hours, in Date#getUTCDay order. Zod-free: the overlay's countdown reads it. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
