import { defineContentScript } from 'wxt/utils/define-content-script';
import { storage } from 'wxt/utils/storage';
import { sendFromContent } from '../../lib/messaging/content';
import { loadOrgHosts, orgHostsItem } from '../../lib/org-hosts/storage';
import { loadNeverCapture } from '../../lib/privacy/never-capture';
import { createPageTally, SETTLE_MS } from '../../lib/recognition/page-tally';
import type { PageContext } from '../../lib/schema';
import type { PageCommand, PageCommandReply } from '../../lib/schema/messages';
import { allowedOnTenantHost } from '../../lib/schema/org-hosts';
import { FIXED_SITE_MATCHES } from '../../lib/schema/site-catalog';
import { enabledSitesItem, loadEnabledSites } from '../../lib/settings/storage';
import { loadSiteRules, siteRulesItem } from '../../lib/site-rules/storage';
import { adapterFor, generic, readContextWith, readSiteContext, type SiteAdapter } from '../../lib/sites/registry';
import { overrideAdapter, ruleAdapter, ruleFor } from '../../lib/sites/rule';
import { startStaleSendGuard } from '../../lib/stale-send/content';
import { addCaptureButtons, draftForPage, removeCaptureButtons, screenshotFor, showCaptured } from './capture';
import { noteReplyFocus, onBackgroundMessage, reportContext, requestCapture } from './channel';
import { mountOverlayHost, type Offset } from './host';
import { insertIntoPage, watchShortcuts } from './knowledge';
import { followNeverCapture, NEVER_CAPTURE_MESSAGE } from './never-capture';
import { publicScope } from './private';
import { watchReplyPresence } from './reply-presence';
import { watchContext } from './watch';

const positionItem = storage.defineItem<Offset>('local:overlayPosition', { fallback: { right: 16, bottom: 16 } });
const savePosition = (offset: Offset) => void positionItem.setValue(offset);

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
  const adapter = adapterFor(url);
  const builtIn = adapter !== generic && enabledSites.includes(adapter.name) ? adapter : null;
  // A rule on a built-in site's pages is an admin's selector override: tried first, the adapter's layers after.
  if (rule && builtIn) return overrideAdapter(builtIn, rule);
  if (rule) return ruleAdapter(rule);
  return builtIn;
}

/**
 * The content script: reads the page, reports it, and places the overlay frame. It never holds
 * customer data: the background answers it a status and sends the overlay's view to the frame
 * (docs/security.md, "Nothing private in the page's DOM").
 */
const overlayScript = defineContentScript({
  // Tenant sites (Zendesk, Freshdesk, Salesforce, Dynamics) only on the organisation's hosts, registered at run time
  // (lib/site-rules/registration.ts), at document_start too.
  matches: [...FIXED_SITE_MATCHES],
  cssInjectionMode: 'manual',
  // document_start: the overlay frame (an extension page) starts loading while the page is still parsed, so
  // it is ready when the page shows its record; the page is read from then on, on each change while it is parsed
  // (watch.ts), and adapters return null (the watcher waits for mutations) while the record is not rendered yet.
  runAt: 'document_start',
  async main(pageCtx) {
    // The frame's page (what the agent waits for on a page load) starts loading at once on a page a built-in
    // adapter reads, hidden until the settings below say Tandem is on here; otherwise it is taken away unseen.
    const early = adapterFor(new URL(location.href)) !== generic ? mountOverlayHost({ onMoved: savePosition }) : null;
    pageCtx.onInvalidated(() => early?.remove());
    // One round before anything is shown: the background's private-mode answer and the storage reads, in parallel
    // (reading settings reveals nothing of the page, so it need not wait for the private-mode answer).
    const [ctx, orgHosts, enabledSites, rules, initialOffset, neverCapture] = await Promise.all([
      // Private mode (the popup's per-tab toggle): nothing below runs, or it is undone, while the tab is private.
      publicScope(pageCtx, () => void overlayScript.main(pageCtx)),
      loadOrgHosts(),
      loadEnabledSites(),
      loadSiteRules(),
      positionItem.getValue(),
      loadNeverCapture(),
    ]);
    // Defence in depth: a vendor tenant that is not the organisation's (evil-tenant.zendesk.com) gets nothing, however the script got there.
    const adapter = ctx && allowedOnTenantHost(new URL(location.href), orgHosts) ? chooseAdapter(new URL(location.href), enabledSites, rules) : null;
    if (!ctx || !adapter) {
      early?.remove();
      return;
    }
    const overlay = early ?? mountOverlayHost({ onMoved: savePosition });
    overlay.show(initialOffset);
    ctx.onInvalidated(overlay.remove);
    overlay.mark('settingsAt');

    let pageContext: PageContext | null = null;
    // Recognition health: whether this record page named anyone once it settled (lib/recognition/page-tally.ts).
    const tally = createPageTally({
      report: (page) => void sendFromContent('recognition.page', page).catch(() => undefined),
      settle: (done) => {
        const timer = setTimeout(done, SETTLE_MS);
        return () => clearTimeout(timer);
      },
    });
    window.addEventListener('pagehide', tally.finish);
    ctx.onInvalidated(() => window.removeEventListener('pagehide', tally.finish));
    const captureAllowed = followNeverCapture(ctx, neverCapture, () => addCaptureButtons(adapter, document, new URL(location.href)));
    // Page time (epoch ms, comparable with the frame's) when the context was read: the frame marks it for bench/overlay.
    const clock = () => performance.timeOrigin + performance.now();
    const stop = watchContext({
      read: () => {
        overlay.countRead();
        // At document_start the body may not be there yet: nothing to read.
        if (!document.body) return null;
        const url = new URL(location.href);
        // While the page is parsed (read at each change until a record shows): the site's own selectors only; capture
        // buttons and the generic scan of the page's text wait for the parsed DOM.
        if (document.readyState === 'loading') return readSiteContext(adapter, document, url);
        // Same debounced pass as the context read: new posts on screen get their capture buttons.
        if (captureAllowed()) addCaptureButtons(adapter, document, url);
        const context = readContextWith(adapter, document, url);
        tally.observe(adapter, url, context);
        return context;
      },
      // Read from here on, while the page is still parsed: the record is reported as soon as it is in the DOM, not at
      // DOMContentLoaded (nobody found while parsing is not reported until the DOM is complete).
      root: () => adapter.observeRoot?.(document) ?? document.body ?? document.documentElement,
      parsing: () => document.readyState === 'loading',
      onChange: (context) => {
        pageContext = context;
        // The answer (who this is) goes to the frame, which says "Reading this page…" until it has one. The page's
        // colours go with it, read now: by the time a record is on the page its stylesheets are.
        void reportContext(context, clock(), pageScheme()).catch(() => undefined);
      },
    });
    ctx.onInvalidated(stop);
    ctx.onInvalidated(watchShortcuts(adapter, document, () => pageContext));

    const inReplyBox = (target: EventTarget | null) => {
      const box = adapter.replyBox(document);
      return !!box && target instanceof Node && (box === target || box.contains(target));
    };
    // The stale-send guard holds the send button back when the conversation moved on (lib/stale-send).
    const staleSend = startStaleSendGuard(adapter, document, inReplyBox);
    if (staleSend) ctx.onInvalidated(staleSend.stop);

    const commands = async (command: PageCommand): Promise<PageCommandReply> => {
      switch (command.do) {
        case 'insert':
          return insertIntoPage(adapter, command.text);
        case 'draftPage': {
          if (!captureAllowed()) return { ok: false, message: NEVER_CAPTURE_MESSAGE };
          const draft = draftForPage(pageContext, window.getSelection()?.toString() || null);
          return draft ? { ok: true, draft } : { ok: false, message: 'There is nothing on this page to capture.' };
        }
        case 'screenshot':
          if (!captureAllowed()) return { ok: false, message: NEVER_CAPTURE_MESSAGE };
          return screenshotFor(command.caseId, overlay.host);
        case 'captured':
          showCaptured(command.externalId, command.pending);
          return { ok: true };
        case 'size':
          overlay.setHeight(command.height);
          return { ok: true };
        case 'move':
          overlay.moveBy(command.right, command.bottom);
          return { ok: true };
        case 'send':
          return staleSend?.sendAnyway() ? { ok: true } : { ok: false, message: 'The page shows no send button now.' };
      }
    };
    ctx.onInvalidated(
      onBackgroundMessage({
        page: commands,
        // Context menu or keyboard command: the page's draft goes to the frame's form.
        openCapture: async (selection) => {
          if (!captureAllowed()) return false;
          const draft = draftForPage(pageContext, selection);
          return draft ? (await requestCapture(draft)).opened : false;
        },
      }),
    );

    // Switched off in the options page (the site, or the custom site's rule), or the host is no longer the
    // organisation's: leave the page at once.
    const stillOn = async () => {
      const [sites, currentRules, orgHosts] = await Promise.all([loadEnabledSites(), loadSiteRules(), loadOrgHosts()]);
      const url = new URL(location.href);
      return allowedOnTenantHost(url, orgHosts) && chooseAdapter(url, sites, currentRules)?.name === adapter.name;
    };
    const onSettings = () =>
      void stillOn().then((on) => {
        if (on) return;
        stop();
        overlay.remove();
        removeCaptureButtons(document);
        // The background forgets what this tab showed (the side panel too).
        void reportContext(null, clock()).catch(() => undefined);
      });
    ctx.onInvalidated(enabledSitesItem.watch(onSettings));
    ctx.onInvalidated(siteRulesItem.watch(onSettings));
    ctx.onInvalidated(orgHostsItem.watch(onSettings));

    // Presence and the public-reply warning follow the agent into and out of the page's reply box (not a focus the page forces).
    ctx.onInvalidated(
      watchReplyPresence(document, {
        inReplyBox,
        onChange: noteReplyFocus,
      }),
    );
  },
});

export default overlayScript;
