// Attachments: screenshots the extension keeps with a captured case and uploads once the case is on
// the server. Uploads are idempotent by the client's id (same id and bytes again is a 200 no-op), the
// body is the image itself (at most ATTACHMENT_MAX_BYTES), and only members of the case's team may
// upload or read, exactly as for the case (another team's case is not revealed: 404).
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  ATTACHMENT_MAX_BYTES,
  Attachment,
  AttachmentId,
  AttachmentMime,
  AttachmentUploadQuery,
  AttachmentUploadResponse,
  CaseAttachmentsResponse,
  IMAGE_MAX_PIXELS,
  IMAGE_MAX_SIDE,
} from '../../lib/schema/attachments';
import { imageInfo, withinImageBounds } from '../attachments/image';
import { iso } from '../db/database';
import { HttpError, parseInput, pathParam, payloadTooLarge } from '../http';
import { type RouteDeps, type RouteEnv, requireUser, visibleCase } from './access';

interface AttachmentRow {
  id: string;
  case_id: string;
  team_id: string;
  kind: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  sha256: string;
  created_at: Date | string;
}

const META_COLUMNS = 'id, case_id, team_id, kind, mime, width, height, size, sha256, created_at';

function toAttachment(row: AttachmentRow): Attachment {
  return Attachment.parse({
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    mime: row.mime,
    width: row.width,
    height: row.height,
    size: row.size,
    createdAt: iso(row.created_at),
  });
}

export function attachmentRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  const auth = requireUser(db, now);
  // The app's 1 MB JSON limit is lifted for /attachments/*; this is their own.
  const limit = bodyLimit({
    maxSize: ATTACHMENT_MAX_BYTES,
    onError: (c) => payloadTooLarge(c, `An attachment may be at most ${ATTACHMENT_MAX_BYTES} bytes.`, ATTACHMENT_MAX_BYTES),
  });

  router.put('/attachments/:id', auth, limit, async (c) => {
    const user = c.get('user');
    const id = pathParam(c, 'id', AttachmentId);
    const { caseId } = parseInput(AttachmentUploadQuery, c.req.query());
    const declared = AttachmentMime.safeParse((c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase());
    if (!declared.success) {
      throw new HttpError(415, 'unsupported_media_type', `Attachments must be ${AttachmentMime.options.join(', ')}.`, { accepted: AttachmentMime.options });
    }
    const bytes = Buffer.from(await c.req.arrayBuffer());
    if (bytes.length === 0) throw new HttpError(400, 'invalid_request', 'The attachment is empty.');
    const info = imageInfo(bytes);
    if (!info || info.mime !== declared.data) {
      throw new HttpError(415, 'unsupported_media_type', `The body is not a ${declared.data} image.`, { accepted: AttachmentMime.options });
    }
    if (!withinImageBounds(info)) {
      throw new HttpError(400, 'invalid_request', `Images may be at most ${IMAGE_MAX_SIDE} pixels a side and ${IMAGE_MAX_PIXELS} pixels in all.`, {
        width: info.width,
        height: info.height,
        maxSide: IMAGE_MAX_SIDE,
        maxPixels: IMAGE_MAX_PIXELS,
      });
    }
    const kase = await visibleCase(db, user, caseId);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const outcome = await db.transaction(async (tx) => {
      const inserted = await tx.query<AttachmentRow>(
        `insert into attachments (id, case_id, team_id, kind, mime, width, height, size, sha256, bytes, uploaded_by, created_at)
         values ($1, $2, $3, 'screenshot', $4, $5, $6, $7, $8, $9, $10, $11)
         on conflict (id) do nothing
         returning ${META_COLUMNS}`,
        [id, kase.id, kase.teamId, info.mime, info.width, info.height, bytes.length, sha256, bytes, user.id, now().toISOString()],
      );
      if (inserted.rows[0]) return { row: inserted.rows[0], replayed: false };
      const { rows } = await tx.query<AttachmentRow>(`select ${META_COLUMNS} from attachments where id = $1`, [id]);
      const existing = rows[0]!;
      if (!user.teamIds.includes(existing.team_id))
        throw new HttpError(403, 'forbidden', `The attachment id ${id} belongs to a case you cannot see; use a new id.`);
      if (existing.case_id !== kase.id || existing.sha256 !== sha256) {
        throw new HttpError(409, 'conflict', `Attachment ${id} was stored before with other content; use a new id.`, { current: toAttachment(existing) });
      }
      return { row: existing, replayed: true };
    });
    return c.json(AttachmentUploadResponse.parse({ attachment: toAttachment(outcome.row), replayed: outcome.replayed }), outcome.replayed ? 200 : 201);
  });

  router.get('/attachments/:id', auth, async (c) => {
    const user = c.get('user');
    const id = pathParam(c, 'id', AttachmentId);
    const { rows } = await db.query<AttachmentRow & { bytes: Uint8Array }>(
      `select a.mime, a.bytes from attachments a join cases k on k.id = a.case_id
        where a.id = $1 and a.team_id = any($2::text[]) and not k.deleted`,
      [id, user.teamIds],
    );
    const row = rows[0];
    if (!row) throw new HttpError(404, 'not_found', `There is no attachment ${id} that you can see.`);
    const body = new Uint8Array(row.bytes);
    return new Response(body, {
      headers: {
        'content-type': row.mime,
        'content-length': String(body.length),
        'cache-control': 'private, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
    });
  });

  router.get('/cases/:id/attachments', auth, async (c) => {
    const user = c.get('user');
    const kase = await visibleCase(db, user, pathParam(c, 'id'));
    const { rows } = await db.query<AttachmentRow>(`select ${META_COLUMNS} from attachments where case_id = $1 order by created_at, id`, [kase.id]);
    return c.json(CaseAttachmentsResponse.parse({ attachments: rows.map(toAttachment) }));
  });

  return router;
}
