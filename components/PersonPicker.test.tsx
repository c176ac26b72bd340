// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PersonPicker } from './PersonPicker';

describe('PersonPicker', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('offers the plausible people only, and picks the one clicked', () => {
    const picked: string[] = [];
    const others = [
      { id: 'c-aaron', name: 'Aaron Abbott', plausible: true },
      { id: 'c-far', name: 'Far Match' },
    ];
    render(<PersonPicker shown="Olivia Hartmann" others={others} onPick={(id) => picked.push(id)} />, root);
    expect(root.textContent).toContain('Not Olivia Hartmann?');
    const buttons = Array.from(root.querySelectorAll('button'));
    expect(buttons.map((b) => b.textContent)).toEqual(['Aaron Abbott']);
    buttons[0]!.click();
    expect(picked).toEqual(['c-aaron']);
  });

  it('shows nothing when nobody else is plausible', () => {
    render(<PersonPicker shown="Olivia Hartmann" others={[{ id: 'c-far', name: 'Far Match' }]} onPick={() => undefined} />, root);
    expect(root.innerHTML).toBe('');
  });
});
