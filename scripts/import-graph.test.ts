import { describe, expect, it } from 'vitest';
import { type FileImport, folderCycles, folderOf, relativeImports } from './import-graph';

describe('relativeImports', () => {
  const files = new Set(['lib/sites/dom.ts', 'lib/sites/App.tsx', 'lib/schema/index.ts', 'lib/schema/context.ts', 'lib/settings/storage.ts']);
  const exists = (f: string) => files.has(f);
  const targets = (source: string) => relativeImports('lib/sites/twitter.ts', source, exists).map((i) => i.to);

  it('follows static, type-only, re-exported and dynamic imports', () => {
    const source = [
      "import { text } from './dom';",
      "import type { PageContext } from '../schema/context';",
      "export { App } from './App';",
      "const storage = await import('../settings/storage');",
    ].join('\n');
    expect(targets(source)).toEqual(['lib/sites/dom.ts', 'lib/schema/context.ts', 'lib/sites/App.tsx', 'lib/settings/storage.ts']);
  });

  it('resolves a folder to its index and a specifier written with its extension', () => {
    expect(targets("import { z } from '../schema';\nimport { text } from './dom.ts';")).toEqual(['lib/schema/index.ts', 'lib/sites/dom.ts']);
  });

  it('ignores packages, stylesheets and imports in comments', () => {
    expect(targets("import { z } from 'zod';\nimport './overlay.css';\n// import { text } from './dom';")).toEqual([]);
  });
});

describe('folderOf', () => {
  it('names lib and entrypoint folders by their first level; a file entrypoint is its own folder', () => {
    expect(folderOf('lib/sites/twitter.ts')).toBe('lib/sites');
    expect(folderOf('entrypoints/overlay.content/App.tsx')).toBe('entrypoints/overlay.content');
    expect(folderOf('entrypoints/background.ts')).toBe('entrypoints/background');
    expect(folderOf('components/charts/Bar.tsx')).toBe('components');
  });
});

describe('folderCycles', () => {
  const imp = (from: string, to: string): FileImport => ({ from, to });

  it('finds none in layered folders, and imports inside one folder never count', () => {
    const layered = [
      imp('entrypoints/background.ts', 'lib/sites/registry.ts'),
      imp('lib/sites/registry.ts', 'lib/schema/index.ts'),
      imp('lib/sites/twitter.ts', 'lib/sites/dom.ts'),
      imp('lib/sites/dom.ts', 'lib/sites/twitter.ts'),
    ];
    expect(folderCycles(layered)).toEqual([]);
  });

  it('reports two folders importing each other, with the file imports that make the cycle', () => {
    const cycles = folderCycles([
      imp('lib/settings/rule-flow.ts', 'lib/settings/storage.ts'),
      imp('lib/sites/registration.ts', 'lib/settings/storage.ts'),
      imp('lib/settings/rule-flow.ts', 'lib/sites/match-pattern.ts'),
    ]);
    expect(cycles).toEqual([
      {
        folders: ['lib/settings', 'lib/sites', 'lib/settings'],
        via: [imp('lib/settings/rule-flow.ts', 'lib/sites/match-pattern.ts'), imp('lib/sites/registration.ts', 'lib/settings/storage.ts')],
      },
    ]);
  });

  it('reports a cycle through a chain of folders once, and leaves folders outside it alone', () => {
    const cycles = folderCycles([
      imp('lib/a/x.ts', 'lib/b/y.ts'),
      imp('lib/b/y.ts', 'lib/c/z.ts'),
      imp('lib/c/z.ts', 'lib/a/x.ts'),
      imp('lib/c/z.ts', 'lib/d/w.ts'),
    ]);
    expect(cycles.map((c) => c.folders)).toEqual([['lib/a', 'lib/b', 'lib/c', 'lib/a']]);
  });

  it('reports the shortest cycle through each folder of an entangled group', () => {
    const cycles = folderCycles([
      imp('lib/schema/manager.ts', 'lib/sites/match-pattern.ts'),
      imp('lib/sites/dom.ts', 'lib/schema/index.ts'),
      imp('lib/settings/rule-flow.ts', 'lib/sites/match-pattern.ts'),
      imp('lib/sites/registration.ts', 'lib/settings/storage.ts'),
    ]);
    expect(cycles.map((c) => c.folders.join(' → ')).sort()).toEqual(['lib/schema → lib/sites → lib/schema', 'lib/settings → lib/sites → lib/settings']);
  });
});
