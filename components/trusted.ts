/** Whether the UI may act on input at all, whatever the event (the overlay frame: while the page neither covers nor fades it). */
let inputAllowed: () => boolean = () => true;

/** Sets the check every trusted handler also makes (entrypoints/overlay-frame/visibility.ts). */
export function gateInput(allowed: () => boolean): void {
  inputAllowed = allowed;
}

/**
 * Wraps an event handler so it runs only for the user's own input. Page scripts can call `.click()`
 * on the capture buttons beside posts or dispatch key and input events: those have `isTrusted`
 * false and change nothing (docs/security.md, "Trusted input only"). In the overlay frame it also
 * refuses clicks while the page covers or fades the frame (clickjacking).
 */
export function onTrusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted && inputAllowed()) handler(event);
  };
}
