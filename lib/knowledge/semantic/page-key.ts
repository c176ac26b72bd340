/**
 * A short name for a page's text, the same in the background and the overlay frame (no zod, no imports: the frame
 * loads with every page view): a re-order names the page it was made for, so a frame that moved on ignores it.
 * FNV-1a, 32 bits, over the address, subject and conversation.
 */
export function pageKey(context: { url: string; subject: string | null; conversation: string }): string {
  let hash = 0x811c9dc5;
  const text = `${context.url}\n${context.subject ?? ''}\n${context.conversation}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
