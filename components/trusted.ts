/**
 * Wraps an event handler so it runs only for the user's own input. The overlay and the capture
 * buttons live in the page's DOM, where page scripts can call `.click()` or dispatch key and input
 * events: those have `isTrusted` false and change nothing (docs/security.md, "Trusted input only").
 */
export function onTrusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}
