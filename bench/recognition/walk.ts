// The recognition walk, shared by `npm run bench:recognition` (./run.ts) and e2e/recognition.test.ts:
// the variant customers created through the server in their non-canonical forms, then every variant
// page opened at its real address in Chromium with the built extension signed in, and what the overlay
// shows compared with who the page is about.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Harness } from '../../e2e/harness';
import { overlayFrameNow } from '../../e2e/overlay-view';
import { VARIANT_CUSTOMERS, type Variant, type VariantCustomer } from './variants';

const SITES_DIR = join(import.meta.dirname, '../../e2e/sites');
const TEAM = 'team-care';

/** What the overlay shows: a stored customer (by the name Tandem holds), a person Tandem does not know (by the page's name), or nobody. */
export type Shown = { kind: 'customer'; name: string } | { kind: 'unknown'; name: string } | { kind: 'none' };

export type Verdict = 'right' | 'wrong' | 'nobody';

export interface Outcome {
  variant: Variant;
  shown: Shown;
  verdict: Verdict;
  /** From navigation to the overlay showing the expected person (or to giving up). */
  ms: number;
}

/**
 * The one place the walk reads the overlay: the customer it names, else the unknown person's name,
 * else nobody. (When the overlay moves into an extension iframe, only this function changes.)
 */
export async function shownCustomer(page: Page): Promise<Shown> {
  // The overlay is an extension page in an iframe inside a closed shadow root: read it as a Frame.
  const frame = overlayFrameNow(page);
  if (!frame) return { kind: 'none' };
  const overlay = frame.getByTestId('tandem-overlay');
  // The unknown person's card names them (the page's name) where a matched customer's card names the customer.
  const unknown = (await overlay.getByTestId('tandem-unknown').count()) > 0;
  const name = await overlay
    .getByTestId('tandem-customer-name')
    .first()
    .textContent({ timeout: 200 })
    .catch(() => null);
  if (!name) return { kind: 'none' };
  return { kind: unknown ? 'unknown' : 'customer', name: name.trim() };
}

export function verdictOf(variant: Variant, shown: Shown): Verdict {
  const expected = variant.expect;
  if (shown.kind === 'customer') return 'customer' in expected && expected.customer === shown.name ? 'right' : 'wrong';
  if ('unknown' in expected) return shown.kind === 'unknown' && shown.name === expected.unknown ? 'right' : 'nobody';
  return 'nobody';
}

/** Creates the variant customers through the server's push, as an agent of the team, in the forms a CRM export holds them. */
export async function seedVariantCustomers(
  serverUrl: string,
  account: { email: string; password: string },
  customers: readonly VariantCustomer[] = VARIANT_CUSTOMERS,
): Promise<void> {
  const signIn = await fetch(new URL('/auth/sign-in', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (!signIn.ok) throw new Error(`sign-in for seeding failed: ${signIn.status}`);
  const { token } = (await signIn.json()) as { token: string };
  const mutations = customers.map((c) => ({
    id: crypto.randomUUID(),
    entity: 'customers',
    op: 'create',
    recordId: c.id,
    data: { teamId: TEAM, name: c.name, identities: c.identities, tier: 'standard', currency: 'USD', language: c.language, tags: [] },
  }));
  const push = await fetch(new URL('/sync/push', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ mutations }),
  });
  const body = (await push.json()) as { results?: Array<{ status: string; mutationId: string }> };
  const refused = (body.results ?? []).filter((r) => r.status !== 'applied');
  if (!push.ok || refused.length > 0) throw new Error(`seeding the variant customers failed: ${push.status} ${JSON.stringify(body)}`);
}

/** The request address of a page (without the hash, which is never sent). */
function requestAddress(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

/** Opens one variant at its real address: index pages come from the fixture server, variant files are served in its place. */
export async function openVariant(h: Harness, variant: Variant): Promise<Page> {
  const page = await h.context.newPage();
  if (variant.file !== 'index.html') {
    const html = await readFile(join(SITES_DIR, variant.folder, variant.file));
    const address = requestAddress(variant.url);
    await page.route(
      (u) => requestAddress(u.href) === address,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
  }
  await page.goto(variant.url);
  return page;
}

/** Walks the variants one page at a time; each gets up to timeoutMs to show the expected person. */
export async function walkVariants(h: Harness, variants: readonly Variant[], timeoutMs = 10_000): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const variant of variants) {
    const start = performance.now();
    const page = await openVariant(h, variant);
    let shown: Shown = { kind: 'none' };
    while (performance.now() - start < timeoutMs) {
      shown = await shownCustomer(page);
      if (verdictOf(variant, shown) === 'right') break;
      await page.waitForTimeout(100);
    }
    outcomes.push({ variant, shown, verdict: verdictOf(variant, shown), ms: performance.now() - start });
    await page.close();
  }
  return outcomes;
}

export interface SiteSummary {
  site: string;
  pages: number;
  right: number;
  wrong: number;
  nobody: number;
}

/** Per site, in the order the variants list them. */
export function summarise(outcomes: readonly Outcome[]): SiteSummary[] {
  const bySite = new Map<string, SiteSummary>();
  for (const { variant, verdict } of outcomes) {
    const row = bySite.get(variant.site) ?? { site: variant.site, pages: 0, right: 0, wrong: 0, nobody: 0 };
    row.pages++;
    row[verdict]++;
    bySite.set(variant.site, row);
  }
  return [...bySite.values()];
}
