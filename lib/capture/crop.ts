import { SCREENSHOT_MAX_WIDTH, type ViewportRect } from '../schema/attachments';

/** A rectangle in the captured image's pixels. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the captured element lies in the screenshot: its viewport rect (CSS px) times the device
 * pixel ratio, rounded outwards to whole pixels and clamped to the image. Null when nothing of it
 * is on screen (scrolled away, or zero-sized after clamping).
 */
export function cropRect(rect: ViewportRect, devicePixelRatio: number, image: { width: number; height: number }): PixelRect | null {
  const left = Math.max(0, Math.floor(rect.x * devicePixelRatio));
  const top = Math.max(0, Math.floor(rect.y * devicePixelRatio));
  const right = Math.min(image.width, Math.ceil((rect.x + rect.width) * devicePixelRatio));
  const bottom = Math.min(image.height, Math.ceil((rect.y + rect.height) * devicePixelRatio));
  if (right - left < 1 || bottom - top < 1) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The stored size: the crop as is, or scaled down (keeping its aspect) when wider than maxWidth. */
export function scaledSize(crop: { width: number; height: number }, maxWidth = SCREENSHOT_MAX_WIDTH): { width: number; height: number } {
  if (crop.width <= maxWidth) return { width: crop.width, height: crop.height };
  return { width: maxWidth, height: Math.max(1, Math.round((crop.height * maxWidth) / crop.width)) };
}
