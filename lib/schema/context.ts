import { z } from 'zod';
import { Identity } from './entities';

/**
 * Where on the page an identity was read, most trusted first: the adapter's precise selectors, a labelled
 * field (Email, Phone, Requester…) in the record's region, a mailto:/tel:/profile link there, or a
 * header/side panel's text. lib/sites/harvest.ts reads the last three.
 */
export const RECOGNITION_LAYERS = ['adapter', 'field', 'link', 'panel'] as const;
export type RecognitionLayer = (typeof RECOGNITION_LAYERS)[number];

/** One identity with where it came from and how sure the reading is (0–1). */
export const IdentityEvidence = Identity.extend({ layer: z.enum(RECOGNITION_LAYERS), confidence: z.number().min(0).max(1) });
export type IdentityEvidence = z.infer<typeof IdentityEvidence>;

/** What a site adapter read off the page: parsed with zod because the page is untrusted. */
export const PageContext = z.object({
  /** The adapter's name: a built-in site's (SITE_NAMES in ./site-catalog.ts), 'generic', or 'rule:<id>' for a custom site's rule. */
  site: z.string().min(1).max(50),
  url: z.url(),
  /** Every identity found for the customer in focus, most specific first. */
  identities: z.array(Identity).max(50),
  /** The same identities with their layer and confidence (an adapter that reads in layers gives them; custom rules need not). */
  evidence: z.array(IdentityEvidence).max(50).optional(),
  displayName: z.string().max(200).nullable(),
  /** The CRM record, ticket, tweet or thread id in focus. */
  recordId: z.string().max(200).nullable(),
  subject: z.string().max(500).nullable(),
  /** The visible conversation text, trimmed; the query for suggested knowledge. */
  conversation: z.string().max(5000),
  /** Whether the conversation on screen is public (a tweet, a post) or private (an email, a ticket). */
  visibility: z.enum(['public', 'private']),
  hasReplyBox: z.boolean(),
  /**
   * The page's country (ISO 3166 alpha-2, from <html lang="en-GB">), for reading national phone
   * numbers: the content script reports phones as written ("020 7946 0958") and the background
   * turns them into E.164 with this country.
   */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export type PageContext = z.infer<typeof PageContext>;
