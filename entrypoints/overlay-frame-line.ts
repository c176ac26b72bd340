import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { openEarlyLine } from './overlay-frame/line';

// The overlay frame's first script (entrypoints/overlay-frame/index.html), a few kB: it opens the line to the
// background and asks for the tab's state, so the answer travels while the card's script (overlay-frame-app.js, 85 kB)
// is still being fetched and compiled; the card then renders with the state it finds held (bench/overlay).
export default defineUnlistedScript(() => {
  openEarlyLine();
});
