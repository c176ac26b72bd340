// Every word the agent reads goes through the catalog (lib/i18n, public/_locales): a JSX text literal or a literal
// aria-label / title / placeholder / alt in the covered folders is English that German users would see. Non-words
// (punctuation, digits, symbols such as "·" or "—") and key names in <kbd> are allowed. Parsed with TypeScript, so comments never count.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { untranslatedStrings } from './ui-strings';

/** The folders (and files) whose UI is translated (docs/i18n.md lists them); one joins once its strings are in the catalog. */
const COVERED = [
  'components',
  'entrypoints/overlay-frame',
  'entrypoints/popup',
  'entrypoints/sidepanel',
  'entrypoints/queue',
  'entrypoints/options',
  'entrypoints/manager',
];

function tsxFiles(dir: string): string[] {
  if (dir.endsWith('.tsx')) return [dir];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') && !e.name.includes('.test.') ? [join(dir, e.name)] : [],
  );
}

describe('UI strings are translated', () => {
  it('no covered component renders a literal English word', () => {
    const offenders = COVERED.flatMap(tsxFiles).flatMap((file) =>
      untranslatedStrings(file, readFileSync(file, 'utf8')).map((s) => `${file}:${s.line}: ${s.text}`),
    );
    expect(offenders).toEqual([]);
  });

  it('finds JSX text, literal labels and literal branches, and lets non-words and code through', () => {
    const source = `
      const a = <p>Not signed in.</p>;
      const b = <button aria-label="Close" title={'Fold'} placeholder={\`Search\`}>×</button>;
      const c = <span>{busy ? 'Saving…' : label}</span>;
      const d = <span class="tdm-muted" data-testid="tandem-x">{t('key')} · {n} — 42% <kbd>Enter</kbd></span>;
      // <p>commented out</p>
    `;
    expect(untranslatedStrings('x.tsx', source).map((s) => s.text)).toEqual(['Not signed in.', 'Close', 'Fold', 'Search', 'Saving…']);
  });
});
