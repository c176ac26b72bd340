// Accessibility: axe-core (Deque's rules engine) over every screen of the built extension, signed in as
// a manager (who sees every view): the overlay frame on a site, the side panel, the popup, the options
// page, the queue and the manager console's views. No serious or critical violation may remain.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayFrame } from './overlay-view';

const h = harnessForFile({ account: { email: 'manager@tandem.demo', password: 'tandem-demo' } });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WAIT = { timeout: 15_000 };

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe's serious and critical violations (WCAG 2 A and AA, and best practices) in this document. */
async function seriousViolations(target: Page | Frame): Promise<Violation[]> {
  await target.evaluate(AXE_SOURCE);
  const found = await target.evaluate(async () => {
    type Axe = {
      run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
    };
    const axe = (globalThis as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target[0])) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const report = (violations: Violation[]) => violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 3).join(', ')}`);

describe('axe finds no serious or critical violation', () => {
  it('in the overlay frame on a Zendesk ticket', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.zendeskTicket);
    const frame = await overlayFrame(page);
    await frame.getByTestId('tandem-customer-name').waitFor(WAIT);
    expect(report(await seriousViolations(frame))).toEqual([]);
    await page.close();
  });

  for (const [path, ready] of [
    ['sidepanel.html', 'main, [role="main"], body'],
    ['popup.html', 'body'],
    ['options.html', 'body'],
    ['queue.html', '[data-testid="tandem-queue"], body'],
  ] as const) {
    it(`in ${path}`, async () => {
      const page = await h.openExtensionPage(path);
      await page.locator(ready).first().waitFor(WAIT);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      expect(report(await seriousViolations(page))).toEqual([]);
      await page.close();
    });
  }

  it('in every view of the manager console', async () => {
    const page = await h.openExtensionPage('manager.html');
    const nav = page.getByRole('navigation').first();
    await nav.waitFor(WAIT);
    const views = await nav.getByRole('button').allTextContents();
    expect(views.length).toBeGreaterThan(3);
    const problems: string[] = [];
    for (const name of views) {
      await nav.getByRole('button', { name, exact: true }).click();
      await page.waitForTimeout(300);
      problems.push(...report(await seriousViolations(page)).map((p) => `${name}: ${p}`));
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
