// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../lib/schema';
import { CustomerCard } from './CustomerCard';

const jane: Customer = {
  id: 'cust-jane',
  version: 1,
  updatedAt: '2026-11-20T09:00:00.000Z',
  deleted: false,
  teamId: 'team-care',
  name: 'Jane Doe',
  identities: [{ kind: 'email', value: 'jane@example.com' }],
  tier: 'gold',
  currency: 'USD',
  language: 'en',
  tags: [],
  createdAt: '2026-01-01T09:00:00.000Z',
};

describe('the customer card under a field policy', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));
  const band = () => root.querySelector('[data-testid="tandem-customer-value-band"]')?.textContent ?? null;
  const value = () => root.querySelector('[data-testid="tandem-customer-value"]')?.textContent ?? null;

  it('shows the value band where the policy sends the band instead of the value', () => {
    render(<CustomerCard customer={{ ...jane, valueBand: 'high' }} matchedBy={[]} />, root);
    expect([band(), value()]).toEqual(['High value', null]);
  });

  it('shows the value itself, and no band, where the policy lets the reader see it', () => {
    render(<CustomerCard customer={{ ...jane, lifetimeValueCents: 184_250 }} matchedBy={[]} />, root);
    expect(band()).toBeNull();
    expect(value()).toBe('$1,843');
  });
});
