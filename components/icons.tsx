// Icons drawn inline as SVG: characters such as 👍 or ▾ need an emoji or symbol font that a plain
// Debian Chromium does not have (they show as empty boxes). Each icon is decorative: the button
// that holds it carries the accessible name.
import type { JSX } from 'preact';

const PATHS = {
  chevronUp: 'M4 10l4-4 4 4',
  chevronDown: 'M4 6l4 4 4-4',
  thumbUp: 'M5 14V7l3-5c1.1 0 1.8.9 1.5 2L9 6.5h3.6c.9 0 1.5.8 1.3 1.7l-1 4.6c-.2.7-.8 1.2-1.5 1.2H5zM2 7h3v7H2z',
  thumbDown: 'M11 2v7l-3 5c-1.1 0-1.8-.9-1.5-2L7 9.5H3.4c-.9 0-1.5-.8-1.3-1.7l1-4.6C3.3 2.5 3.9 2 4.6 2H11zM14 9h-3V2h3z',
  check: 'M3 8.5l3 3 7-7',
} as const;
export type IconName = keyof typeof PATHS;

/** A 16×16 line icon in the text's colour, scaled with the font. */
export function Icon({ name, size = '1em' }: { name: IconName; size?: string }): JSX.Element {
  return (
    <svg
      viewBox="0 0 16 16"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
      style={{ verticalAlign: '-0.125em' }}
      data-icon={name}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
