import { gateInput } from '../../components/trusted';

/** How long the frame must have been plainly visible before a click counts (the IntersectionObserver v2 minimum). */
const VISIBLE_FOR_MS = 100;

/**
 * Clickjacking: the frame takes input only while the browser reports it fully visible, not covered by
 * any other element, not faded, filtered or transformed by its page (IntersectionObserver v2,
 * `trackVisibility`). Where the browser has no v2 (Firefox), input is allowed and the content
 * script's check of its host's opacity and visibility is what remains (docs/security.md).
 */
export function guardAgainstClickjacking(target: Element): () => void {
  if (!('isVisible' in IntersectionObserverEntry.prototype)) return () => undefined;
  let visible = false;
  gateInput(() => visible);
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) visible = (entry as IntersectionObserverEntry & { isVisible: boolean }).isVisible;
    },
    { trackVisibility: true, delay: VISIBLE_FOR_MS } as IntersectionObserverInit,
  );
  observer.observe(target);
  return () => observer.disconnect();
}
