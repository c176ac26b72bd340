import { z } from 'zod';
import { Id, Timestamp } from './entities';
import { Int4 } from './primitives';

/** Largest attachment the server stores; bigger uploads are `413 payload_too_large`. */
export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
/** Screenshots wider than this are scaled down before they are stored (enough to read a post, small to sync). */
export const SCREENSHOT_MAX_WIDTH = 1600;
/** Largest width or height of a stored image (a browser canvas's own limit), and of its pixel count, so a tiny file declaring a huge image is refused. */
export const IMAGE_MAX_SIDE = 16_384;
export const IMAGE_MAX_PIXELS = 40_000_000;

export const AttachmentMime = z.enum(['image/webp', 'image/png', 'image/jpeg']);
export type AttachmentMime = z.infer<typeof AttachmentMime>;
export const AttachmentKind = z.enum(['screenshot']);

/** Attachment ids are made by the client (a UUID) when the agent captures, and never change: uploads are idempotent by id. */
export const AttachmentId = z.uuid();

/** What the server knows of an attachment (the bytes come from GET /attachments/:id). */
export const Attachment = z.object({
  id: AttachmentId,
  caseId: Id,
  kind: AttachmentKind,
  mime: AttachmentMime,
  width: Int4.min(1).max(IMAGE_MAX_SIDE),
  height: Int4.min(1).max(IMAGE_MAX_SIDE),
  size: z.number().int().positive().max(ATTACHMENT_MAX_BYTES),
  createdAt: Timestamp,
});
export type Attachment = z.infer<typeof Attachment>;

/** `PUT /attachments/:id?caseId=…` (the body is the image itself, typed by Content-Type). */
export const AttachmentUploadQuery = z.strictObject({ caseId: Id });
/** 201 when stored, 200 with `replayed: true` when the same id and bytes were stored before. */
export const AttachmentUploadResponse = z.object({ attachment: Attachment, replayed: z.boolean() });
export type AttachmentUploadResponse = z.infer<typeof AttachmentUploadResponse>;
/** `GET /cases/:id/attachments`: metadata, oldest first. */
export const CaseAttachmentsResponse = z.object({ attachments: z.array(Attachment) });
export type CaseAttachmentsResponse = z.infer<typeof CaseAttachmentsResponse>;

/** A rectangle in the page's viewport, in CSS pixels (getBoundingClientRect()). */
export const ViewportRect = z.object({
  x: z.number().finite().min(-1e6).max(1e6),
  y: z.number().finite().min(-1e6).max(1e6),
  width: z.number().finite().positive().max(1e6),
  height: z.number().finite().positive().max(1e6),
});
export type ViewportRect = z.infer<typeof ViewportRect>;

/** Content script → background: take a screenshot of this part of the visible tab for the case just captured. */
export const ScreenshotRequest = z.strictObject({
  caseId: Id,
  rect: ViewportRect,
  devicePixelRatio: z.number().finite().min(0.25).max(8),
});

/** A screenshot kept with the capture; `uploaded` once the server has it. */
export const LocalAttachmentSummary = Attachment.extend({
  uploaded: z.boolean(),
  /** Why the server refused it for good, if it did (the bytes stay on this device). */
  error: z.string().nullable(),
});
export type LocalAttachmentSummary = z.infer<typeof LocalAttachmentSummary>;

/** The bytes for the side panel, base64 (runtime messages carry JSON only). */
export const AttachmentWithBytes = LocalAttachmentSummary.extend({ base64: z.string().max(Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 4) });
