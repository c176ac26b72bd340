// Where Tandem never captures and what captures redact (docs/privacy.md): `GET /capture-privacy` (every
// signed-in user: the never-capture list and the redaction options of their teams), `PUT
// /capture-privacy/never-capture` (admins), `PUT /capture-privacy/redaction/:teamId` (admins, managers of the team).
import { z } from 'zod';
import { MAX_NEVER_CAPTURE, neverCaptureProblem } from './never-capture';
import { DEFAULT_REDACTION, REDACTION_KINDS, type RedactionKind } from './redaction';

export const NeverCapturePattern = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((pattern, ctx) => {
    const problem = neverCaptureProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const NeverCaptureList = z
  .array(NeverCapturePattern)
  .max(MAX_NEVER_CAPTURE, `At most ${MAX_NEVER_CAPTURE} sites.`)
  .refine((patterns) => new Set(patterns).size === patterns.length, 'Each site once.');

/** Every kind on or off; a kind an older server does not know takes its default. */
export const RedactionOptions = z.strictObject(
  Object.fromEntries(REDACTION_KINDS.map((k) => [k, z.boolean().default(DEFAULT_REDACTION[k])])) as Record<RedactionKind, z.ZodDefault<z.ZodBoolean>>,
);
export type RedactionOptions = z.infer<typeof RedactionOptions>;

export const TeamRedaction = z.strictObject({ teamId: z.string().min(1), options: RedactionOptions, updatedAt: z.string().nullable() });
export type TeamRedaction = z.infer<typeof TeamRedaction>;

export const CapturePrivacyResponse = z.strictObject({ neverCapture: NeverCaptureList, teams: z.array(TeamRedaction) });
export type CapturePrivacyResponse = z.infer<typeof CapturePrivacyResponse>;

export const SetNeverCaptureRequest = z.strictObject({ hosts: NeverCaptureList });
export type SetNeverCaptureRequest = z.infer<typeof SetNeverCaptureRequest>;
