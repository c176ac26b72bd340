import { describe, expect, it } from 'vitest';
import { ICON_SIZES, TOOLBAR_ICON_STATES, toolbarIconPath } from '../../lib/background/toolbar-icon';
import { renderToolbarIcons } from './index';

/** Width and height from the PNG header (IHDR). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('toolbar icons rendered from the SVG source', () => {
  it('renders every state at every size the manifest names, as real PNGs of that size', async () => {
    const files = await renderToolbarIcons();
    expect(files.size).toBe(TOOLBAR_ICON_STATES.length * ICON_SIZES.length);
    for (const state of TOOLBAR_ICON_STATES)
      for (const size of ICON_SIZES) {
        const png = files.get(toolbarIconPath(state, size));
        expect(png, `${state} ${size}`).toBeDefined();
        expect(pngSize(png as Uint8Array)).toEqual({ width: size, height: size });
      }
  });

  it('draws each state differently, so the toolbar tells them apart', async () => {
    const files = await renderToolbarIcons();
    const bytes = TOOLBAR_ICON_STATES.map((state) => Buffer.from(files.get(toolbarIconPath(state, 32)) as Uint8Array).toString('base64'));
    expect(new Set(bytes).size).toBe(TOOLBAR_ICON_STATES.length);
  });
});
