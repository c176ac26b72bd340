// Recognition health: what the extension tells the server about the record pages agents open (seen,
// recognised, missed, per site and day) and the anonymous misses (the address's pattern with its ids
// replaced, which layers found nothing; never the page's text, its ids or its host), and the admin's
// per-site view of them (server/routes/recognition.ts, entrypoints/manager/RecognitionHealthView.tsx).
import { z } from 'zod';
import { RECOGNITION_LAYERS } from './context';
import { Int4, IsoDate, Timestamp } from './primitives';

const Site = z.string().min(1).max(50);
/** What an address looks like with its ids replaced by ":id" (lib/recognition/url-pattern.ts). */
const UrlPattern = z.string().min(1).max(300);
const Layers = z.array(z.enum(RECOGNITION_LAYERS)).max(RECOGNITION_LAYERS.length);

export const RecognitionCounts = z.strictObject({ seen: Int4, recognised: Int4, missed: Int4 });
export type RecognitionCounts = z.infer<typeof RecognitionCounts>;

export const RecognitionDay = RecognitionCounts.extend({ site: Site, day: IsoDate });
export type RecognitionDay = z.infer<typeof RecognitionDay>;

export const RecognitionMiss = z.strictObject({
  site: Site,
  at: Timestamp,
  urlPattern: UrlPattern,
  /** The layers that found no identity (all of them, on a miss: the list says which were tried). */
  layers: Layers,
  /** Whether the page named a person (a name without any identity: the markup moved, the person is there). */
  named: z.boolean(),
});
export type RecognitionMiss = z.infer<typeof RecognitionMiss>;

export const MAX_RECOGNITION_DAYS = 500;
export const MAX_RECOGNITION_MISSES = 200;

/** POST /recognition/reports: one batch, sent again under the same id until the server has it. */
export const RecognitionReport = z.strictObject({
  batchId: z.uuid(),
  days: z.array(RecognitionDay).max(MAX_RECOGNITION_DAYS),
  misses: z.array(RecognitionMiss).max(MAX_RECOGNITION_MISSES),
});
export type RecognitionReport = z.infer<typeof RecognitionReport>;
export const RecognitionReportResponse = z.object({ duplicate: z.boolean() });

/** Content script → background: one record page's outcome, once it settled (lib/recognition/page-tally.ts). */
export const RecognitionPage = z.strictObject({
  site: Site,
  url: z.url({ protocol: /^https?$/ }).max(4000),
  recognised: z.boolean(),
  named: z.boolean(),
  /** The layers that found an identity. */
  found: Layers,
});
export type RecognitionPage = z.infer<typeof RecognitionPage>;

export const RecognitionHealthQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(90).default(14) });
export type RecognitionHealthQuery = z.infer<typeof RecognitionHealthQuery>;

export const RecognitionSiteHealth = RecognitionCounts.extend({
  site: Site,
  /** Newest first. */
  days: z.array(RecognitionCounts.extend({ day: IsoDate })),
  lastMiss: RecognitionMiss.omit({ site: true }).nullable(),
});
export const RecognitionHealthResponse = z.object({ from: IsoDate, sites: z.array(RecognitionSiteHealth) });
export type RecognitionHealthResponse = z.infer<typeof RecognitionHealthResponse>;
