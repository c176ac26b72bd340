// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PersonPicker } from './PersonPicker';

/** A click as the agent's own hand makes it (a page script's `.click()` has isTrusted false). */
function userClick(button: HTMLButtonElement): void {
  const event = new MouseEvent('click', { bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  button.dispatchEvent(event);
}

describe('PersonPicker', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('offers the plausible people only, and picks the one the agent clicks', () => {
    const picked: string[] = [];
    const others = [
      { id: 'c-aaron', name: 'Aaron Abbott', plausible: true },
      { id: 'c-far', name: 'Far Match' },
    ];
    render(<PersonPicker shown="Olivia Hartmann" others={others} onPick={(id) => picked.push(id)} />, root);
    expect(root.textContent).toContain('Not Olivia Hartmann?');
    const buttons = Array.from(root.querySelectorAll('button'));
    expect(buttons.map((b) => b.textContent)).toEqual(['Aaron Abbott']);
    userClick(buttons[0]!);
    expect(picked).toEqual(['c-aaron']);
  });

  it('ignores a click a page script makes', () => {
    const picked: string[] = [];
    render(<PersonPicker shown="Olivia Hartmann" others={[{ id: 'c-aaron', name: 'Aaron Abbott', plausible: true }]} onPick={(id) => picked.push(id)} />, root);
    root.querySelector('button')!.click();
    expect(picked).toEqual([]);
  });

  it('shows nothing when nobody else is plausible', () => {
    render(<PersonPicker shown="Olivia Hartmann" others={[{ id: 'c-far', name: 'Far Match' }]} onPick={() => undefined} />, root);
    expect(root.innerHTML).toBe('');
  });
});
