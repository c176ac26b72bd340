// Never-capture sites in the content script (docs/privacy.md "Where Tandem never captures"): on a host of
// the admin's list no capture button is placed and no capture form opens; the list is followed as it
// changes, so buttons leave at once when the site is added and come back when it is removed. The
// background refuses capture and screenshots from such a page anyway (the page is hostile).
import { loadNeverCapture, neverCaptureItem, neverCaptureOn } from '../../lib/privacy/never-capture';
import { removeCaptureButtons } from './capture';
import type { Scope } from './private';

export const NEVER_CAPTURE_MESSAGE = 'Your organisation does not capture on this site.';

/**
 * Whether capture is allowed here now, starting from the list as read at start-up (`initial`, read with the other
 * settings in one round); `onAllowed` runs when the site leaves the list (to place the buttons again).
 */
export function followNeverCapture(scope: Scope, initial: readonly string[], onAllowed: () => void): () => boolean {
  let allowed = !neverCaptureOn(location.href, initial);
  scope.onInvalidated(
    neverCaptureItem.watch(
      () =>
        void loadNeverCapture().then((patterns) => {
          const now = !neverCaptureOn(location.href, patterns);
          if (now === allowed) return;
          allowed = now;
          if (allowed) onAllowed();
          else removeCaptureButtons(document);
        }),
    ),
  );
  return () => allowed;
}
