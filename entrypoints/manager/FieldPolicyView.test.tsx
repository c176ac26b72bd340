// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FieldPolicyResponse } from '../../lib/schema/privacy';

const answer: FieldPolicyResponse = {
  defaults: {
    agent: { customer: { lifetimeValueCents: 'masked' }, interactions: {} },
    manager: { customer: {}, interactions: {}, mayReveal: true },
    admin: { customer: {}, interactions: {}, mayReveal: true },
  },
  rules: [],
};
const send = vi.fn(async (name: string, _request: unknown) => (name === 'manager.fieldPolicy' || name === 'manager.setFieldPolicy' ? answer : null));
vi.mock('../../lib/messaging/browser', () => ({ send: (name: string, request: unknown) => send(name, request) }));
const { FieldPolicyView } = await import('./FieldPolicyView');

describe('the field policy view', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));
  const select = (testId: string) => root.querySelector<HTMLSelectElement>(`[data-testid="${testId}"]`);

  it("shows what each field inherits, and saves the admin's choices for the role and team", async () => {
    await act(async () => {
      render(<FieldPolicyView />, root);
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const value = select('field-policy-customer-lifetimeValueCents');
    expect(value?.options[value.selectedIndex]?.textContent).toBe('as below (masked)');
    // A name cannot be hidden: the choice is not offered.
    expect([...(select('field-policy-customer-name')?.options ?? [])].map((o) => o.value)).toEqual(['', 'visible', 'masked']);
    await act(async () => {
      const phone = select('field-policy-customer-phone');
      if (!phone) throw new Error('no phone row');
      phone.value = 'masked';
      phone.dispatchEvent(new Event('change'));
    });
    await act(async () => {
      root.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    expect(send).toHaveBeenLastCalledWith('manager.setFieldPolicy', { role: 'agent', teamId: null, customer: { phone: 'masked' }, interactions: {} });
  });
});
