// Reads what an uploaded image really is from its first bytes, so the server never trusts the
// declared Content-Type or the client's idea of the size: PNG (IHDR), WebP (VP8, VP8L, VP8X) and
// JPEG (the first start-of-frame marker).
import { type AttachmentMime, IMAGE_MAX_PIXELS, IMAGE_MAX_SIDE } from '../../lib/schema/attachments';

export interface ImageInfo {
  mime: AttachmentMime;
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const valid = (info: ImageInfo | null) => (info && info.width > 0 && info.height > 0 ? info : null);
  if (bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b) && ascii(bytes, 12, 4) === 'IHDR') {
    return valid({ mime: 'image/png', width: view.getUint32(16), height: view.getUint32(20) });
  }
  if (bytes.length >= 30 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    const chunk = ascii(bytes, 12, 4);
    if (chunk === 'VP8 ' && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) {
      return valid({ mime: 'image/webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff });
    }
    if (chunk === 'VP8L' && bytes[20] === 0x2f) {
      const bits = view.getUint32(21, true);
      return valid({ mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 });
    }
    if (chunk === 'VP8X') {
      const u24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
      return valid({ mime: 'image/webp', width: u24(24) + 1, height: u24(27) + 1 });
    }
    return null;
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 <= bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      // SOF0–SOF15 carry the frame size; C4 (Huffman tables), C8 and CC (arithmetic coding) do not.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return valid({ mime: 'image/jpeg', width: view.getUint16(at + 7), height: view.getUint16(at + 5) });
      }
      at += 2 + view.getUint16(at + 2);
    }
  }
  return null;
}

/** Whether the declared size is one the server stores: each side and the pixel count within the limits. */
export function withinImageBounds({ width, height }: ImageInfo): boolean {
  return width <= IMAGE_MAX_SIDE && height <= IMAGE_MAX_SIDE && width * height <= IMAGE_MAX_PIXELS;
}
