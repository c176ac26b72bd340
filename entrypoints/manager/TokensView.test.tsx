// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useBrowserLanguage } from '../../lib/i18n/test-setup';
import type { ApiToken } from '../../lib/schema/tokens';

const SECRET = 'tdm_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const existing: ApiToken = {
  id: 'tok-1',
  name: 'CRM sync',
  scopes: ['customers:write'],
  prefix: 'tdm_abcdef',
  createdBy: 'user-admin',
  createdAt: '2026-11-01T09:00:00.000Z',
  expiresAt: '2099-01-01T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
};
let tokens: ApiToken[] = [existing];
const send = vi.fn(async (name: string, request: Record<string, unknown>): Promise<unknown> => {
  if (name === 'integrations.tokens') return { tokens };
  if (name === 'integrations.createToken') {
    const made = { ...existing, id: 'tok-2', name: request.name as string, scopes: request.scopes as ApiToken['scopes'], prefix: SECRET.slice(0, 10) };
    tokens = [made, ...tokens];
    return { ...made, token: SECRET };
  }
  if (name === 'integrations.revokeToken') {
    tokens = tokens.map((t) => (t.id === request.id ? { ...t, revokedAt: '2026-11-26T10:00:00.000Z' } : t));
    return { tokens };
  }
  throw new Error(`unexpected ${name}`);
});
vi.mock('../../lib/messaging/browser', () => ({ send: (name: string, request: Record<string, unknown>) => send(name, request) }));
const { TokensView } = await import('./TokensView');

const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe('the API tokens view', () => {
  const root = document.createElement('div');
  document.body.append(root);
  afterEach(() => {
    render(null, root);
    useBrowserLanguage('en');
  });
  const $ = <E extends Element>(testId: string) => root.querySelector<E>(`[data-testid="${testId}"]`);
  const type = (input: HTMLInputElement | null, value: string) => {
    if (!input) throw new Error('no input');
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  it('creates a token with the chosen scopes and shows it once, until dismissed', async () => {
    await act(async () => render(<TokensView />, root));
    await settle();
    expect(root.querySelectorAll('[data-testid="token-row"]')).toHaveLength(1);
    expect($<HTMLButtonElement>('token-create')?.disabled).toBe(true);
    await act(async () => {
      type($('token-name'), 'Help desk');
      $<HTMLInputElement>('token-scope-cases:read')?.click();
    });
    await act(async () => $<HTMLButtonElement>('token-create')?.click());
    await settle();
    expect(send).toHaveBeenCalledWith('integrations.createToken', { name: 'Help desk', scopes: ['cases:read'], expiresInDays: 90 });
    expect($('token-created-value')?.textContent).toBe(SECRET);
    // The list shows the prefix only; after "Done" the secret is gone from the page.
    expect(root.querySelector('table')?.textContent).not.toContain(SECRET);
    await act(async () => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Done')?.click());
    expect(root.textContent).not.toContain(SECRET);
  });

  it('revokes a token and shows it as revoked', async () => {
    tokens = [existing];
    await act(async () => render(<TokensView />, root));
    await settle();
    await act(async () => $<HTMLButtonElement>('token-revoke')?.click());
    await settle();
    expect(send).toHaveBeenCalledWith('integrations.revokeToken', { id: 'tok-1' });
    expect($('token-row')?.textContent).toContain('revoked');
    expect($('token-revoke')).toBeNull();
  });

  it('speaks German in a German browser: headings, states and buttons', async () => {
    useBrowserLanguage('de');
    tokens = [existing];
    await act(async () => render(<TokensView />, root));
    await settle();
    expect([...root.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Name', 'Beginnt mit', 'Berechtigungen', 'Gültig', 'Zuletzt verwendet', '']);
    expect($('token-row')?.textContent).toContain('nie');
    await act(async () => $<HTMLButtonElement>('token-revoke')?.click());
    await settle();
    expect($('token-row')?.textContent).toMatch(/widerrufen \S/);
    expect(root.querySelector('[data-testid="manager-tokens"]')?.getAttribute('aria-label')).toBe('API-Tokens');
  });
});
