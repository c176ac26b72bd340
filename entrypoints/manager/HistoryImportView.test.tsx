// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useBrowserLanguage } from '../../lib/i18n/test-setup';
import type { CustomerImportResult } from '../../lib/schema/customer-import';
import type { HistoryImportRequest } from '../../lib/schema/history-import';

const send = vi.fn(
  async (_name: string, request: HistoryImportRequest): Promise<CustomerImportResult> => ({
    written: true,
    created: request.rows.length,
    updated: 0,
    unchanged: 0,
    refused: [],
  }),
);
vi.mock('../../lib/messaging/browser', () => ({ send: (name: string, request: HistoryImportRequest) => send(name, request) }));
const { HistoryImportView } = await import('./HistoryImportView');

// A path, not a URL: under happy-dom, URLs resolve against the window's location.
const SAMPLE = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../e2e/import-samples/freshdesk-tickets.csv'), 'utf8');

/** Lets the file's read, the batches' answers and the re-render settle. */
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 10)));

/** The view for the demo team, given the sample ticket CSV as the admin's chosen file. */
async function openWithSample(root: HTMLElement) {
  await act(async () => {
    render(<HistoryImportView teamId="team-care" />, root);
  });
  const input = root.querySelector<HTMLInputElement>('[data-testid="history-import-file"]')!;
  Object.defineProperty(input, 'files', { value: [new File([SAMPLE], 'tickets.csv', { type: 'text/csv' })] });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
}

describe('the ticket history import view', () => {
  const root = document.createElement('div');
  afterEach(() => {
    render(null, root);
    useBrowserLanguage('en');
  });

  it('reads a Freshdesk ticket CSV, says so in the agent’s language, and sends it as Freshdesk’s tickets', async () => {
    useBrowserLanguage('de');
    await openWithSample(root);

    const text = (testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent;
    expect(text('history-import-format')).toBe('Gelesen als: Freshdesk-Tickets (CSV-Export)');
    expect(text('history-import-summary')).toBe('3 Tickets zu importieren · 2 Nachrichten · 0 mit Problemen');
    const start = root.querySelector<HTMLButtonElement>('[data-testid="history-import-start"]')!;
    expect(start.textContent).toBe('3 Tickets importieren');

    start.click();
    await settle();
    expect(send).toHaveBeenCalledWith('manager.importHistory', expect.objectContaining({ teamId: 'team-care', source: 'freshdesk' }));
    expect(send.mock.calls[0]?.[1].rows.map((r) => r.ticketId)).toEqual(['88401', '88402', '88403']);
    expect(text('history-import-report')).toBe('3 angelegt · 0 aktualisiert · 0 unverändert');
  });

  it('words a row the server refused in German from its code and params, not the server’s English message', async () => {
    useBrowserLanguage('de');
    send.mockImplementationOnce(async () => ({
      written: false,
      created: 0,
      updated: 0,
      unchanged: 0,
      refused: [
        {
          row: 2,
          code: 'unknown_customer',
          message: "No customer of the team has the requester's email a@example.com; import the customers first.",
          params: { identities: [{ kind: 'email', value: 'a@example.com' }] },
        },
      ],
    }));
    await openWithSample(root);
    root.querySelector<HTMLButtonElement>('[data-testid="history-import-start"]')!.click();
    await settle();
    const report = root.querySelector('[data-testid="history-import-report"]')?.textContent ?? '';
    expect(report).toContain('Kein Kunde des Teams passt zur anfragenden Person (E-Mail „a@example.com“); importieren Sie zuerst die Kunden.');
    expect(report).not.toContain('No customer');
  });
});
