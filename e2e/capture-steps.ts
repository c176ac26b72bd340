import type { CDPSession, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Case } from '../lib/schema';
import { overlayFrame } from './overlay-view';
import { serverRecords } from './server-view';

/**
 * One of Tandem's capture buttons as the browser holds it. The button sits in a closed shadow root of a host that
 * carries only the item's mark (an attribute named afresh on each page load): Playwright's locators, like page
 * scripts, cannot see inside, so the button is read through the DevTools protocol, which can.
 */
export interface CaptureControl {
  /** The host's attribute naming the item. */
  mark: string;
  externalId: string;
  /** What the agent reads on the button ("Capture", "Case ✓", "Case ✓ (waiting to sync)"). */
  label: string | null;
  /** What the agent hears (the button's aria-label). */
  name: string | null;
  /** The button's node, for DevTools commands. */
  backendNodeId: number;
}

/** What is read here of a DevTools DOM node. */
interface DomNode {
  nodeName: string;
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  shadowRootType?: string;
  contentDocument?: DomNode;
}

async function withDevTools<T>(page: Page, use: (cdp: CDPSession) => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await use(cdp);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

function attributesOf(node: { attributes?: string[] }): Map<string, string> {
  const list = node.attributes ?? [];
  return new Map(Array.from({ length: list.length / 2 }, (_, i) => [list[2 * i]!, list[2 * i + 1]!]));
}

/** Every capture button in the page (its shadow roots too, closed ones included), read through DevTools. */
async function controlsThrough(cdp: CDPSession): Promise<CaptureControl[]> {
  const { root }: { root: DomNode } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const found: CaptureControl[] = [];
  const firstButton = (node: DomNode): DomNode | undefined =>
    node.nodeName === 'BUTTON' ? node : [...(node.children ?? []), ...(node.shadowRoots ?? [])].map(firstButton).find(Boolean);
  const walk = (node: DomNode) => {
    const mark = [...attributesOf(node)].find(([name]) => name.startsWith('data-'));
    const button = node.shadowRoots
      ?.filter((r) => r.shadowRootType === 'closed')
      .map(firstButton)
      .find(Boolean);
    if (mark && button) {
      const attrs = attributesOf(button);
      found.push({
        mark: mark[0],
        externalId: mark[1],
        label: attrs.get('data-label') ?? null,
        name: attrs.get('aria-label') ?? null,
        backendNodeId: button.backendNodeId,
      });
    }
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) walk(child);
  };
  walk(root);
  return found;
}

/** Every capture button in the page, with its label (none while Tandem has placed none). */
export function captureControls(page: Page): Promise<CaptureControl[]> {
  return withDevTools(page, controlsThrough);
}

/** Waits until Tandem has placed capture buttons on the page; answers the attribute marking their hosts. */
export async function waitForCaptureButtons(page: Page, timeout = 10_000): Promise<string> {
  let mark: string | undefined;
  await expect.poll(async () => (mark = (await captureControls(page))[0]?.mark), { timeout }).toBeDefined();
  return mark!;
}

/** How many capture buttons a page or a part of it shows (0 while there are none on the page). */
export async function captureButtonCount(scope: Page | Locator): Promise<number> {
  const page = 'page' in scope ? scope.page() : scope;
  const mark = (await captureControls(page))[0]?.mark;
  return mark ? scope.locator(`[${mark}]`).count() : 0;
}

/**
 * The host of the capture button Tandem put on a post, message or comment (by the item's id on its site). A click
 * at its centre is the agent's click on the button inside.
 */
export async function captureButton(page: Page, externalId: string): Promise<Locator> {
  return page.locator(`[${await waitForCaptureButtons(page)}="${externalId}"]`);
}

/** What the item's capture button says to the agent now (null: no such button). */
export async function captureLabel(page: Page, externalId: string): Promise<string | null> {
  return (await captureControls(page)).find((c) => c.externalId === externalId)?.label ?? null;
}

/** Puts the keyboard focus on the item's capture button, as Tab would (the agent then presses Enter or Space). */
export async function focusCaptureButton(page: Page, externalId: string): Promise<void> {
  await withDevTools(page, async (cdp) => {
    const control = (await controlsThrough(cdp)).find((c) => c.externalId === externalId);
    if (!control) throw new Error(`No capture button for ${externalId}`);
    await cdp.send('DOM.focus', { backendNodeId: control.backendNodeId });
  });
}

/** Clicks an item's own capture button and accepts the prefilled form with Enter, as an agent in a hurry would. */
export async function captureItem(page: Page, externalId: string) {
  await (await captureButton(page, externalId)).click();
  const frame = await overlayFrame(page);
  const form = frame.getByTestId('tandem-capture-form');
  await form.waitFor();
  await form.getByLabel('Subject').press('Enter');
  const result = frame.getByTestId('tandem-capture-result');
  await result.waitFor({ timeout: 10_000 });
  return result;
}

/** The server's cases captured from this item (any site unless one is given), read past the extension. */
export async function casesOnServer(
  serverUrl: string,
  source: { externalId: string; site?: string },
  account?: { email: string; password: string },
): Promise<Case[]> {
  return (await serverRecords(serverUrl, account)).flatMap((c) =>
    c.entity === 'cases' && c.record.source.externalId === source.externalId && (!source.site || c.record.source.site === source.site) ? [c.record] : [],
  );
}
