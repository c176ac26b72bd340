// The German UI (issue 23): Chromium started in German (--lang=de, LANGUAGE=de) shows the overlay, the side panel,
// the popup, the queue, the options page and the manager console's views with no English message left — every text
// node and every read attribute (aria-label, title, placeholder, alt) is compared with the English catalog's messages
// that differ from German. Signed in as the demo admin: most console views are admin-only.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLOCK, DEMO_TEAMS } from '../server/seed/demo';
import { buildArticles, buildSnippets } from '../server/seed/knowledge';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayFrame } from './overlay-view';

type Catalog = Record<string, { message: string }>;
const read = (locale: string) => JSON.parse(readFileSync(new URL(`../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8')) as Catalog;
const english = read('en');
const german = read('de');

const h = harnessForFile({ language: 'de', account: null });
const WAIT = { timeout: 20_000 };
const DEMO_ADMIN = { email: 'admin@tandem.demo', password: 'tandem-demo' };

type ConsoleView = { id: string; label: string; ready: string; act?(page: Page): Promise<void> };
/**
 * The console views checked in German, each by its navigation label (App.tsx) and the element that shows it has
 * loaded; `act` opens what the view only shows after a step (a search's results, a just-created secret).
 */
const CONSOLE_VIEWS: ConsoleView[] = [
  {
    id: 'content',
    label: 'console_view_content',
    ready: 'manager-row',
    act: async (page) => {
      await page.getByTestId('manager-new').click();
      await page.getByTestId('manager-editor').waitFor(WAIT);
    },
  },
  { id: 'knowledge-review', label: 'console_view_knowledge_review', ready: 'manager-review' },
  { id: 'content-gaps', label: 'console_view_content_gaps', ready: 'manager-gaps' },
  { id: 'broadcast-reads', label: 'console_view_broadcast_reads', ready: 'manager-broadcast-reads' },
  { id: 'import', label: 'console_view_import', ready: 'manager-import' },
  { id: 'analytics', label: 'console_view_analytics', ready: 'manager-analytics' },
  { id: 'sla', label: 'console_view_sla', ready: 'manager-sla' },
  { id: 'assignment', label: 'console_view_assignment', ready: 'manager-assignment' },
  { id: 'customers', label: 'console_view_customers', ready: 'customer-import' },
  { id: 'recognition', label: 'console_view_recognition', ready: 'manager-recognition-health' },
  { id: 'field-policy', label: 'console_view_field_policy', ready: 'manager-field-policy' },
  { id: 'access-log', label: 'console_view_access_log', ready: 'access-log-entry' },
  { id: 'capture-privacy', label: 'console_view_capture_privacy', ready: 'manager-capture-privacy' },
  { id: 'retention', label: 'console_view_retention', ready: 'retention-team' },
  {
    id: 'customer-privacy',
    label: 'console_view_customer_privacy',
    ready: 'manager-customer-privacy',
    act: async (page) => {
      await page.getByTestId('privacy-customer-query').fill('Jane');
      await page.getByTestId('privacy-customer-query').press('Enter');
      await page.getByTestId('privacy-erase').first().click();
      await page.getByTestId('privacy-erase-confirm').waitFor(WAIT);
    },
  },
  {
    id: 'tokens',
    label: 'console_view_tokens',
    ready: 'manager-tokens',
    act: async (page) => {
      await page.getByTestId('token-name').fill('Deutsch-Test');
      await page.getByTestId('token-scope-customers:read').check();
      await page.getByTestId('token-create').click();
      await page.getByTestId('token-created').waitFor(WAIT);
      await page.getByTestId('token-row').first().waitFor(WAIT);
    },
  },
  {
    id: 'webhooks',
    label: 'console_view_webhooks',
    ready: 'manager-webhooks',
    act: async (page) => {
      await page.getByTestId('webhook-url').fill('http://127.0.0.1:9/tandem-german-hook');
      await page.getByTestId('webhook-create').click();
      await page.getByTestId('webhook-created').waitFor(WAIT);
      await page.getByTestId('webhook-deliveries').first().click();
      await page.getByTestId('webhook-delivery-list').waitFor(WAIT);
    },
  },
];

/** An English message as a whole-string pattern, its $PLACEHOLDERS$ matching anything; null when nothing but placeholders is left to spot. */
function pattern(message: string): RegExp | null {
  const parts = message.split(/\$[A-Za-z0-9_@]+\$/);
  if (!parts.some((p) => /\p{L}{2}/u.test(p))) return null;
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`, 'u');
}

/** The English messages a German screen must not show: those whose German differs. */
const untranslated = Object.entries(english).flatMap(([key, { message }]) => {
  const re = message !== german[key]?.message ? pattern(message) : null;
  return re ? [{ key, message, re }] : [];
});

/**
 * Shown as stored, in whatever language it was written: the demo's team names ("Customer Care" reads like the message
 * "Customer $NAME$"), its knowledge titles ("Delete an eSIM safely" reads like "Delete $NAME$") and the reason an
 * admin typed into the access log (what a retention run or an erasure removed is worded from its counts).
 */
const DATA = [
  ...DEMO_TEAMS.map((team) => team.name),
  ...buildArticles(DEMO_CLOCK.toISOString()).map((a) => a.title),
  ...buildSnippets(DEMO_CLOCK.toISOString()).map((s) => s.title),
];
const RECORDED = '[data-testid="access-log-reason"]';

/** What a person reads or hears on the screen: each text node, each element's own text, and the read attributes. */
async function shownStrings(target: Page | Frame): Promise<string[]> {
  const shown = await target.evaluate((recorded) => {
    const out = new Set<string>();
    const add = (s: string | null | undefined) => {
      const v = (s ?? '').replace(/\s+/g, ' ').trim();
      if (v) out.add(v);
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest(`script, style, template, ${recorded}`)) continue;
      let own = '';
      for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE) own += (add(node.textContent), node.textContent);
      add(own);
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) add(el.getAttribute(attr));
    }
    return [...out];
  }, RECORDED);
  return shown.filter((s) => !DATA.includes(s));
}

async function englishOn(target: Page | Frame): Promise<string[]> {
  const shown = await shownStrings(target);
  return shown.flatMap((s) => untranslated.filter((m) => m.re.test(s)).map((m) => `${m.key}: "${s}"`));
}

beforeAll(async () => {
  // Signs in by the form's field names: the labels are German here.
  const page = await h.openExtensionPage('options.html');
  await page.locator('input[name="backendUrl"]').fill(h.serverUrl);
  await page.locator('input[name="email"]').fill(DEMO_ADMIN.email);
  await page.locator('input[name="password"]').fill(DEMO_ADMIN.password);
  await page.getByRole('button', { name: german.popup_sign_in?.message }).click();
  await page.locator('[data-testid="tandem-sync-status"][data-state="synced"]').waitFor({ timeout: 60_000 });
  await page.close();
});

describe('the German UI shows no English message', () => {
  it('has English messages to look for (the check is not empty)', () => {
    expect(untranslated.length).toBeGreaterThan(200);
  });

  it('in the overlay on a Zendesk ticket, with the capture form open', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    const frame = await overlayFrame(page);
    await frame.getByTestId('tandem-customer-name').waitFor(WAIT);
    await frame
      .getByText(german.cases_open?.message ?? '')
      .first()
      .waitFor(WAIT);
    await frame.getByTestId('tandem-capture-page').click();
    await frame.getByTestId('tandem-capture-form').waitFor(WAIT);
    expect(await frame.getByTestId('tandem-capture-page').getAttribute('aria-label')).toBe(german.overlay_capture_label?.message);
    expect(await englishOn(frame)).toEqual([]);
    await page.close();
  });

  it('in the side panel beside the ticket', async () => {
    const ticket = await h.context.newPage();
    await ticket.goto(FIXTURE_URLS.zendeskTicket);
    await (await overlayFrame(ticket)).getByTestId('tandem-customer-name').waitFor(WAIT);
    const panel = await h.openExtensionPage(`sidepanel.html?tabId=${await h.tabIdOf(ticket)}`);
    await panel.getByTestId('tandem-workspace').waitFor(WAIT);
    await panel
      .getByText(german.knowledge?.message ?? '', { exact: true })
      .first()
      .waitFor(WAIT);
    expect(await englishOn(panel)).toEqual([]);
    await Promise.all([panel.close(), ticket.close()]);
  });

  it('in the popup', async () => {
    const popup = await h.openExtensionPage('popup.html');
    await popup.getByTestId('tandem-popup-user').waitFor(WAIT);
    await popup.getByText(german.popup_open_side_panel?.message ?? '').waitFor(WAIT);
    expect(await englishOn(popup)).toEqual([]);
    await popup.close();
  });

  it('in the queue, a row selected', async () => {
    const queue = await h.openExtensionPage('queue.html');
    await queue.getByTestId('tandem-queue-row').first().waitFor(WAIT);
    await queue.getByTestId('tandem-queue-row').first().click();
    await queue.getByText(german.queue_assign_to?.message ?? '').waitFor(WAIT);
    expect(await englishOn(queue)).toEqual([]);
    await queue.close();
  });

  it('in the options page', async () => {
    const options = await h.openExtensionPage('options.html');
    await options.getByTestId('tandem-signed-in').waitFor(WAIT);
    expect(await englishOn(options)).toEqual([]);
    await options.close();
  });

  describe('in the manager console', () => {
    let console_: Page;
    beforeAll(async () => {
      console_ = await h.openExtensionPage('manager.html');
      await console_.getByTestId('manager-user').waitFor(WAIT);
    });

    it.each(CONSOLE_VIEWS)('in the $id view', async ({ label, ready, act }) => {
      const nav = console_.getByRole('navigation', { name: german.console_sections?.message });
      await nav.getByRole('button', { name: german[label]?.message, exact: true }).click();
      await console_.getByTestId(ready).first().waitFor(WAIT);
      await act?.(console_);
      // Loading lines ("… wird geladen …") are replaced by the view's content before it is read.
      await expect.poll(() => console_.getByText(/wird geladen/i).count(), WAIT).toBe(0);
      expect(await console_.getByTestId('manager-error').count()).toBe(0);
      expect(await englishOn(console_)).toEqual([]);
    });
  });
});
