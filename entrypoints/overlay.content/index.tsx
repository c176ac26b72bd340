import { effect } from '@preact/signals';
import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { storage } from 'wxt/utils/storage';
import { loadOrgHosts } from '../../lib/org-hosts/storage';
import { allowedOnTenantHost } from '../../lib/schema/org-hosts';
import { FIXED_SITE_MATCHES } from '../../lib/schema/site-catalog';
import { enabledSitesItem, loadEnabledSites } from '../../lib/settings/storage';
import { loadSiteRules, siteRulesItem } from '../../lib/site-rules/storage';
import { adapterFor, generic, readContextWith, type SiteAdapter } from '../../lib/sites/registry';
import { ruleAdapter, ruleFor } from '../../lib/sites/rule';
import { startClock } from '../../lib/ui/clock';
import { OverlayApp } from './App';
import { addCaptureButtons, openCaptureForPage } from './capture';
import { noteReply, onOpenCapture, reportContext } from './channel';
import { refreshSuggestions, watchShortcuts } from './knowledge';
import { OVERLAY_HOST } from './names';
import overlayCss from './overlay.css?inline';
import { claimedBy, lastError, pageContext, replyFocused, resolution, scheme } from './state';
import { watchContext } from './watch';

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

/**
 * Which adapter this page gets, or null when Tandem is off here: a custom site's enabled rule first
 * (the script runs there only because the rule registered it), then a built-in site the agent has
 * not disabled. Pages of a supported host that no adapter reads (a help centre) get nothing.
 */
function chooseAdapter(url: URL, enabledSites: readonly string[], rules: Awaited<ReturnType<typeof loadSiteRules>>): SiteAdapter | null {
  const rule = ruleFor(rules, url);
  if (rule) return ruleAdapter(rule);
  const adapter = adapterFor(url);
  return adapter !== generic && enabledSites.includes(adapter.name) ? adapter : null;
}

export default defineContentScript({
  // Tenant sites (Zendesk, Freshdesk, Salesforce, Dynamics) only on the organisation's hosts, registered at run time (lib/site-rules/registration.ts).
  matches: [...FIXED_SITE_MATCHES],
  // The CSS is inlined into the shadow root rather than fetched: custom sites (registered at run time)
  // are not in web_accessible_resources, and pages cannot probe for the file.
  cssInjectionMode: 'manual',
  // document_end: as soon as the DOM is parsed, not after the page's idle time; adapters return null
  // (and the watcher waits for mutations) when an SPA has not rendered its record yet.
  runAt: 'document_end',
  async main(ctx) {
    // Defence in depth: a vendor tenant that is not the organisation's (evil-tenant.zendesk.com) gets nothing, however the script got there.
    if (!allowedOnTenantHost(new URL(location.href), await loadOrgHosts())) return;
    // One round of storage reads (in parallel) before anything is shown.
    const [enabledSites, rules, initialOffset] = await Promise.all([loadEnabledSites(), loadSiteRules(), positionItem.getValue()]);
    const adapter = chooseAdapter(new URL(location.href), enabledSites, rules);
    if (!adapter) return;

    const ui = await createShadowRootUi(ctx, {
      name: OVERLAY_HOST,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: overlayCss,
      onMount(container) {
        const app = document.createElement('div');
        container.append(app);
        render(<OverlayApp adapter={adapter} initialOffset={initialOffset} onMoved={(o) => void positionItem.setValue(o)} />, app);
        return app;
      },
      onRemove(app) {
        if (app) render(null, app);
      },
    });
    ui.mount();
    scheme.value = pageScheme();
    ctx.onInvalidated(startClock());

    // Timing marks on the overlay's root inside the shadow root (not on the host, in the page's DOM),
    // read by bench/overlay: when the page's context was read and when the overlay showed the answer
    // for it (performance.now(), the page's time origin).
    const marks = ui.uiContainer;
    const mark = (name: 'context' | 'shown', context: { recordId: string | null; url: string } | null) => {
      marks.setAttribute(`data-${name}-at`, performance.now().toFixed(1));
      marks.setAttribute(`data-${name}-key`, context ? `${context.url}#${context.recordId ?? ''}` : '');
    };

    let reported = 0;
    let reads = 0;
    const stop = watchContext({
      read: () => {
        marks.setAttribute('data-reads', String(++reads));
        const url = new URL(location.href);
        // Same debounced pass as the context read: new posts on screen get their capture buttons.
        addCaptureButtons(adapter, document, url);
        return readContextWith(adapter, document, url);
      },
      root: () => adapter.observeRoot?.(document) ?? document.body,
      onChange: (context) => {
        mark('context', context);
        pageContext.value = context;
        if (!context) {
          resolution.value = { status: 'none' };
          requestAnimationFrame(() => mark('shown', null));
          return;
        }
        const ticket = ++reported;
        reportContext(context)
          .then((answer) => {
            // An older answer arriving after a newer one must not overwrite it.
            if (ticket !== reported) return;
            resolution.value = answer;
            lastError.value = null;
            requestAnimationFrame(() => mark('shown', context));
            // After the customer is known, so snippets are filled in with their name.
            void refreshSuggestions(context);
          })
          .catch((error: unknown) => {
            if (ticket !== reported) return;
            lastError.value = error instanceof Error && error.message ? error.message : 'Tandem could not look this person up.';
          });
      },
    });
    ctx.onInvalidated(stop);
    ctx.onInvalidated(onOpenCapture(openCaptureForPage));
    ctx.onInvalidated(watchShortcuts(adapter, document));
    // Published knowledge arrives with a sync: re-rank for the same page.
    ctx.onInvalidated(storage.watch<number>('local:syncRevision', () => void refreshSuggestions(pageContext.value)));

    // Switched off in the options page (the site, or the custom site's rule): leave the page at once.
    const stillOn = async () => {
      const [sites, currentRules] = await Promise.all([loadEnabledSites(), loadSiteRules()]);
      return chooseAdapter(new URL(location.href), sites, currentRules)?.name === adapter.name;
    };
    const onSettings = () =>
      void stillOn().then((on) => {
        if (on) return;
        stop();
        ui.remove();
      });
    ctx.onInvalidated(enabledSitesItem.watch(onSettings));
    ctx.onInvalidated(siteRulesItem.watch(onSettings));

    // The public-reply warning follows the focus into and out of the page's reply box.
    const inReplyBox = (target: EventTarget | null) => {
      const box = adapter.replyBox(document);
      return !!box && target instanceof Node && (box === target || box.contains(target));
    };
    const onFocusIn = (e: FocusEvent) => (replyFocused.value = inReplyBox(e.target));
    const onFocusOut = (e: FocusEvent) => {
      if (!inReplyBox(e.relatedTarget)) replyFocused.value = false;
    };
    // Collision guard: teammates see "replying" at once, and the agent learns if someone else has the case.
    ctx.onInvalidated(
      effect(() => {
        const replying = replyFocused.value;
        const context = pageContext.peek();
        if (!context) return;
        void noteReply(context, replying)
          .then((name) => (claimedBy.value = name))
          .catch(() => undefined);
      }),
    );
    document.addEventListener('focusin', onFocusIn, true);
    document.addEventListener('focusout', onFocusOut, true);
    ctx.onInvalidated(() => {
      document.removeEventListener('focusin', onFocusIn, true);
      document.removeEventListener('focusout', onFocusOut, true);
    });
  },
});
