// The agent's pick between two plausible people (lib/recognition/, components/PersonPicker.tsx): a
// Zendesk ticket from a shared mailbox that two stored customers hold. The overlay shows one and offers
// the other; the agent picks the other, the card switches, and a reload of the ticket shows the pick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Variant, VariantCustomer } from '../bench/recognition/variants';
import { openVariant, seedVariantCustomers } from '../bench/recognition/walk';
import { DEMO_AGENT, type Harness, startHarness } from './harness';
import { customerName, overlayOf } from './overlay-view';

const HOUSEHOLD: VariantCustomer[] = [
  { id: 'cust-pick-alex', name: 'Alex Carter', language: 'en-US', identities: [{ kind: 'email', value: 'Home@Carter-Family.example' }] },
  { id: 'cust-pick-sam', name: 'Sam Carter', language: 'en-US', identities: [{ kind: 'email', value: 'home@carter-family.example' }] },
];

const SHARED_MAILBOX: Variant = {
  site: 'zendesk',
  folder: 'zendesk',
  file: 'variant-shared-mailbox.html',
  url: 'https://tandemdemo.zendesk.com/agent/tickets/4602',
  arrangement: 'a shared mailbox two stored customers hold',
  expect: { customer: 'Alex Carter' },
};

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await seedVariantCustomers(h.directServerUrl, DEMO_AGENT, HOUSEHOLD);
  await h.signIn(DEMO_AGENT);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('picking between two plausible people', () => {
  it('switches the card to the person the agent picks, and remembers it for the ticket', async () => {
    const page = await openVariant(h, SHARED_MAILBOX);
    // Equally plausible: the first by name, the other offered as a pick (and not under "Also matches").
    await expect.poll(customerName(page), { timeout: 15_000 }).toBe('Alex Carter');
    const overlay = await overlayOf(page);
    const picker = overlay.getByTestId('tandem-person-picker');
    await expect.poll(() => picker.getByTestId('tandem-pick-person').allTextContents()).toEqual(['Sam Carter']);
    expect(await overlay.textContent()).not.toContain('Also matches');

    await picker.getByRole('button', { name: 'Sam Carter' }).click();
    await expect.poll(customerName(page), { timeout: 10_000 }).toBe('Sam Carter');
    // The one not shown is still offered back: the pick can be undone.
    await expect.poll(() => overlay.getByTestId('tandem-pick-person').allTextContents()).toEqual(['Alex Carter']);

    await page.reload();
    await expect.poll(customerName(page), { timeout: 15_000 }).toBe('Sam Carter');
    await page.close();
  }, 90_000);
});
