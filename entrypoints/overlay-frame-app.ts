import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

// The overlay frame's script (entrypoints/overlay-frame/index.html loads it): one file with everything the card needs,
// CSS included, because each further file costs the frame's renderer a request on its main thread (≈ 3–5 ms each on
// this machine, measured with a Chromium trace: bench/overlay "where the time goes"). The line to the background was
// opened by the page's first, small script (overlay-frame-line.ts), so the tab's state is on its way while this one
// loads.
export default defineUnlistedScript(async () => {
  await import('./overlay-frame/start');
});
