import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import 'wxt';
import { defineWxtModule } from 'wxt/modules';
import { ICON_SIZES, TOOLBAR_ICON_STATES, toolbarIconPath, toolbarIconPaths, toolbarIconSvg } from '../../lib/background/toolbar-icon';

let wasmReady: Promise<void> | undefined;

/** Renders every variant of the toolbar icon at every size, as PNG files keyed by their path in the extension. */
export async function renderToolbarIcons(): Promise<Map<string, Uint8Array>> {
  wasmReady ??= readFile(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')).then((wasm) => initWasm(wasm));
  await wasmReady;
  const source = await readFile(new URL('./tandem.svg', import.meta.url), 'utf8');
  const files = new Map<string, Uint8Array>();
  for (const state of TOOLBAR_ICON_STATES) {
    const svg = toolbarIconSvg(source, state);
    for (const size of ICON_SIZES) {
      const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
      files.set(toolbarIconPath(state, size), resvg.render().asPng());
      resvg.free();
    }
  }
  return files;
}

/**
 * Renders the icons from their SVG source at build time (no PNGs in the repository to drift from the
 * source) and names them in the manifest: the extension's icons and the toolbar button's default.
 */
export default defineWxtModule({
  name: 'toolbar-icons',
  setup(wxt) {
    // Written under .wxt/ and copied like any public file (WXT's generated files take text only).
    wxt.hook('build:publicAssets', async (_wxt, files) => {
      for (const [relativeDest, png] of await renderToolbarIcons()) {
        const absoluteSrc = join(wxt.config.wxtDir, 'toolbar-icons', relativeDest);
        await mkdir(dirname(absoluteSrc), { recursive: true });
        await writeFile(absoluteSrc, png);
        files.push({ relativeDest, absoluteSrc });
      }
    });
    wxt.hook('build:manifestGenerated', (_wxt, manifest) => {
      const icons = Object.fromEntries(ICON_SIZES.map((size) => [String(size), toolbarIconPath('synced', size)]));
      manifest.icons = icons;
      // MV3 calls the toolbar button `action`, Firefox's MV2 build `browser_action`.
      const button = manifest.action ?? manifest.browser_action;
      if (button) button.default_icon = toolbarIconPaths('synced');
    });
  },
});
