// The background's half of "Attach screenshot": the visible tab as the browser painted it, cropped to
// the captured element and encoded small (WebP, PNG where WebP encoding is missing). Runs in the
// service worker, so only worker APIs: createImageBitmap and OffscreenCanvas, no DOM.

import { MessageError } from '../messaging/dispatch';
import { ATTACHMENT_MAX_BYTES, type AttachmentMime, type ViewportRect } from '../schema/attachments';
import { cropRect, scaledSize } from './crop';

export interface EncodedScreenshot {
  bytes: ArrayBuffer;
  mime: AttachmentMime;
  width: number;
  height: number;
}

/** Crops a full-tab capture to rect × devicePixelRatio (clamped to the image), scales it to the width cap and encodes it. */
export async function cropAndEncode(image: Blob, rect: ViewportRect, devicePixelRatio: number): Promise<EncodedScreenshot> {
  const bitmap = await createImageBitmap(image);
  try {
    const crop = cropRect(rect, devicePixelRatio, bitmap);
    if (!crop)
      throw new MessageError('screenshot_off_screen', 'The captured post is not on screen, so no screenshot was taken. Scroll to it and capture again.');
    const size = scaledSize(crop);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) throw new MessageError('screenshot_failed', 'This browser could not draw the screenshot.');
    context.drawImage(bitmap, crop.x, crop.y, crop.width, crop.height, 0, 0, size.width, size.height);
    let blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 });
    // A browser without a WebP encoder answers PNG whatever was asked; keep what it made.
    if (blob.type === 'image/webp' && blob.size > ATTACHMENT_MAX_BYTES) blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.6 });
    const mime: AttachmentMime = blob.type === 'image/webp' ? 'image/webp' : 'image/png';
    if (mime === 'image/png' && blob.type !== 'image/png') blob = await canvas.convertToBlob({ type: 'image/png' });
    return { bytes: await blob.arrayBuffer(), mime, width: size.width, height: size.height };
  } finally {
    bitmap.close();
  }
}

/** Reads a data: URL (what tabs.captureVisibleTab answers) into a Blob without the network. */
export async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(dataUrl);
  if (!match) throw new MessageError('screenshot_failed', 'The browser returned no image for the tab.');
  const binary = atob(match[2]!);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: match[1] });
}

/** Base64 for runtime messages (JSON only), in chunks so large images do not overflow the argument list. */
export function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let at = 0; at < view.length; at += 0x8000) binary += String.fromCharCode(...view.subarray(at, at + 0x8000));
  return btoa(binary);
}
