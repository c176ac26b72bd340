import { render } from 'preact';
import { storage } from 'wxt/utils/storage';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '../../lib/messaging/browser';
import { MessageError } from '../../lib/messaging';
import { loadSettings } from '../../lib/settings';
import { adapterFor, readContext } from '../../lib/sites';
import { SITE_MATCHES } from '../../lib/sites/matches';
import { startClock } from '../../lib/ui/clock';
import { OverlayApp } from './App';
import { lastError, pageContext, resolution, scheme } from './state';
import { watchContext } from './watch';
import './overlay.css';

const positionItem = storage.defineItem<{ right: number; bottom: number }>('local:overlayPosition', { fallback: { right: 16, bottom: 16 } });

/** Dark when the page paints a dark background, whatever the OS says: the overlay sits on the page. */
function pageScheme(): 'light' | 'dark' {
  for (const el of [document.body, document.documentElement]) {
    const match = el && getComputedStyle(el).backgroundColor.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/);
    if (!match || match[4] === '0') continue;
    const [r, g, b] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110 ? 'dark' : 'light';
  }
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export default defineContentScript({
  matches: [...SITE_MATCHES],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  async main(ctx) {
    const adapter = adapterFor(new URL(location.href));
    const settings = await loadSettings();
    if (!settings.enabledSites.includes(adapter.name) && adapter.name !== 'generic') return;

    const ui = await createShadowRootUi(ctx, {
      name: 'tandem-overlay',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      onMount(container) {
        const app = document.createElement('div');
        container.append(app);
        void positionItem.getValue().then((initialOffset) => {
          render(<OverlayApp initialOffset={initialOffset} onMoved={(o) => void positionItem.setValue(o)} />, app);
        });
        return app;
      },
      onRemove(app) {
        if (app) render(null, app);
      },
    });
    ui.mount();
    scheme.value = pageScheme();
    ctx.onInvalidated(startClock());

    let reported = 0;
    const stop = watchContext({
      read: () => readContext(document, new URL(location.href)),
      root: () => adapter.observeRoot?.(document) ?? document.body,
      onChange: (context) => {
        pageContext.value = context;
        if (!context) {
          resolution.value = { status: 'none' };
          return;
        }
        const ticket = ++reported;
        send('context.report', { context })
          .then((answer) => {
            // An older answer arriving after a newer one must not overwrite it.
            if (ticket !== reported) return;
            resolution.value = answer;
            lastError.value = null;
          })
          .catch((error: unknown) => {
            if (ticket !== reported) return;
            lastError.value = error instanceof MessageError ? error.message : 'Tandem could not look this person up.';
          });
      },
    });
    ctx.onInvalidated(stop);
  },
});
