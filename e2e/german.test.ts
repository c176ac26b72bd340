// The German UI (issue 23): Chromium started in German (--lang=de, LANGUAGE=de) shows the overlay, the side panel,
// the popup, the queue and the options page with no English message left — every text node and every read attribute
// (aria-label, title, placeholder, alt) is compared with the English catalog's messages that differ from German.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { DEMO_AGENT } from './harness';
import { overlayFrame } from './overlay-view';

type Catalog = Record<string, { message: string }>;
const read = (locale: string) => JSON.parse(readFileSync(new URL(`../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8')) as Catalog;
const english = read('en');
const german = read('de');

const h = harnessForFile({ language: 'de', account: null });
const WAIT = { timeout: 20_000 };

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

/** What a person reads or hears on the screen: each text node, each element's own text, and the read attributes. */
async function shownStrings(target: Page | Frame): Promise<string[]> {
  return target.evaluate(() => {
    const out = new Set<string>();
    const add = (s: string | null | undefined) => {
      const v = (s ?? '').replace(/\s+/g, ' ').trim();
      if (v) out.add(v);
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('script, style, template')) continue;
      let own = '';
      for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE) own += (add(node.textContent), node.textContent);
      add(own);
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) add(el.getAttribute(attr));
    }
    return [...out];
  });
}

async function englishOn(target: Page | Frame): Promise<string[]> {
  const shown = await shownStrings(target);
  return shown.flatMap((s) => untranslated.filter((m) => m.re.test(s)).map((m) => `${m.key}: "${s}"`));
}

beforeAll(async () => {
  // Signs in by the form's field names: the labels are German here.
  const page = await h.openExtensionPage('options.html');
  await page.locator('input[name="backendUrl"]').fill(h.serverUrl);
  await page.locator('input[name="email"]').fill(DEMO_AGENT.email);
  await page.locator('input[name="password"]').fill(DEMO_AGENT.password);
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
});
