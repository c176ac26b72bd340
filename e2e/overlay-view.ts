import type { Page } from 'playwright-core';

/** A poller for the overlay's customer name: null while the overlay shows none (for expect.poll). */
export function customerName(page: Page) {
  return () =>
    page
      .getByTestId('tandem-overlay')
      .getByTestId('tandem-customer-name')
      .textContent({ timeout: 1000 })
      .catch(() => null);
}

/** A poller for whether the overlay shows the person on the page as unknown to Tandem (for expect.poll). */
export function unknownShown(page: Page) {
  return () =>
    page
      .getByTestId('tandem-overlay')
      .getByTestId('tandem-unknown')
      .isVisible()
      .catch(() => false);
}
