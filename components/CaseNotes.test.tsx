// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaseNotes } from './CaseNotes';

describe('CaseNotes', () => {
  // Attached: a detached form does not submit on its button's click.
  const root = document.body.appendChild(document.createElement('div'));
  afterEach(() => render(null, root));

  const type = (text: string) => {
    const box = root.querySelector<HTMLTextAreaElement>('[data-testid="tandem-case-note-text"]')!;
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  };

  it('shows the notes as text and adds one marked workaround when the box is ticked', async () => {
    const onAdd = vi.fn(async () => true);
    render(
      <CaseNotes
        caseId="case-1"
        notes={[
          { kind: 'workaround', text: '<b>Wi-Fi Calling</b>', incidentId: 'inc-1', createdAt: '2026-11-20T16:00:00.000Z' },
          { kind: 'note', text: 'Called back.', incidentId: null, createdAt: '2026-11-20T16:01:00.000Z' },
        ]}
        onAdd={onAdd}
      />,
      root,
    );
    const shown = [...root.querySelectorAll('[data-testid="tandem-case-note"]')].map((p) => p.textContent);
    expect(shown).toEqual(['Workaround: <b>Wi-Fi Calling</b>', 'Note: Called back.']);
    expect(root.querySelector('b')).toBeNull();
    await act(() => type('Airplane mode for 10 s.'));
    await act(() => root.querySelector<HTMLInputElement>('[data-testid="tandem-case-note-workaround"]')!.click());
    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="tandem-case-note-add"]')!.click());
    expect(onAdd).toHaveBeenCalledWith({ caseId: 'case-1', text: 'Airplane mode for 10 s.', workaround: true });
    expect(root.querySelector<HTMLTextAreaElement>('[data-testid="tandem-case-note-text"]')!.value).toBe('');
    expect(root.querySelector<HTMLInputElement>('[data-testid="tandem-case-note-workaround"]')!.checked).toBe(false);
  });

  it('keeps the text when the note could not be kept, and adds nothing empty', async () => {
    const onAdd = vi.fn(async () => false);
    render(<CaseNotes caseId="case-1" notes={undefined} onAdd={onAdd} />, root);
    expect(root.querySelector<HTMLButtonElement>('[data-testid="tandem-case-note-add"]')!.disabled).toBe(true);
    await act(() => type('Customer asked for a callback.'));
    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="tandem-case-note-add"]')!.click());
    expect(onAdd).toHaveBeenCalledWith({ caseId: 'case-1', text: 'Customer asked for a callback.', workaround: false });
    expect(root.querySelector<HTMLTextAreaElement>('[data-testid="tandem-case-note-text"]')!.value).toBe('Customer asked for a callback.');
  });
});
