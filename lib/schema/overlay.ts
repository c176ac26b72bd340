/**
 * How many timeline items the page's overlay shows; the background sends it no more (least data to
 * the page, lib/context/resolve.ts). Zod-free: the overlay's components read it too.
 */
export const OVERLAY_TIMELINE_ITEMS = 3;
