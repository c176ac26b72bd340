/**
 * The toolbar icon's variants, one per sync state the agent should notice at a glance, all drawn from
 * the one SVG source (`tandem.svg`): the tile colour changes, and a corner dot marks work in flight or
 * trouble. The badge text (lib/background/badge.ts) says how many; the icon says which kind.
 */
export const TOOLBAR_ICON_STATES = ['synced', 'syncing', 'offline', 'attention', 'signed-out'] as const;
export type ToolbarIconState = (typeof TOOLBAR_ICON_STATES)[number];

/** Sizes Chrome and Firefox ask for: toolbar 16/32, extensions page 48, store and install dialog 128. */
export const ICON_SIZES = [16, 32, 48, 128] as const;

const BLUE = '#2557d6';
const GREY = '#6b7280';
const dot = (fill: string) => `<circle cx="100" cy="28" r="20" fill="${fill}" stroke="#ffffff" stroke-width="8"/>`;

const LOOK: Record<ToolbarIconState, { tile: string; mark: string }> = {
  synced: { tile: BLUE, mark: '' },
  syncing: { tile: BLUE, mark: dot('#12b76a') },
  offline: { tile: GREY, mark: dot('#f79009') },
  attention: { tile: BLUE, mark: dot('#d92d20') },
  'signed-out': { tile: GREY, mark: '' },
};

/** The SVG text of one variant, from the source artwork. */
export function toolbarIconSvg(source: string, state: ToolbarIconState): string {
  const { tile, mark } = LOOK[state];
  if (!source.includes('var(--tile)') || !source.includes('<g id="state"/>')) throw new Error('tandem.svg lost its --tile fill or its state group');
  return source.replace('var(--tile)', tile).replace('<g id="state"/>', `<g id="state">${mark}</g>`);
}

/** Where a variant lands in the extension: the plain icon at icon/<size>.png, the others beside it. */
export function toolbarIconPath(state: ToolbarIconState, size: number): string {
  return state === 'synced' ? `icon/${size}.png` : `icon/${state}-${size}.png`;
}

/** The toolbar sizes of one variant, as `action.setIcon({ path })` takes them. */
export function toolbarIconPaths(state: ToolbarIconState): Record<string, string> {
  return Object.fromEntries(ICON_SIZES.filter((size) => size <= 32).map((size) => [String(size), `/${toolbarIconPath(state, size)}`]));
}
