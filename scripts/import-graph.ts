// The folder-level import graph of the extension's code, and the cycles in it. A folder cycle means
// neither folder can be understood, tested or moved without the other: lib/<feature> folders must
// form layers. Pure functions over file paths and source text; scripts/check-imports.ts feeds them.
import path from 'node:path/posix';
import ts from 'typescript';

/** One relative import between two source files, as paths from the repository root. */
export interface FileImport {
  from: string;
  to: string;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx'];

/**
 * The .ts/.tsx files `file` imports by relative path: static, type-only, re-exports and dynamic
 * `import()` alike, since each ties the two folders together. `exists` says whether a path is a file.
 */
export function relativeImports(file: string, source: string, exists: (candidate: string) => boolean): FileImport[] {
  const { importedFiles } = ts.preProcessFile(source);
  return importedFiles.flatMap(({ fileName: specifier }) => {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) return [];
    const to = resolveSource(path.join(path.dirname(file), specifier), exists);
    return to ? [{ from: file, to }] : [];
  });
}

/** The source file a specifier means: as written (`./a.ts`), with an extension added, or a folder's index. */
function resolveSource(base: string, exists: (candidate: string) => boolean): string | null {
  const candidates = [
    ...(SOURCE_EXTENSIONS.includes(path.extname(base)) ? [base] : []),
    ...SOURCE_EXTENSIONS.map((ext) => base + ext),
    ...SOURCE_EXTENSIONS.map((ext) => path.join(base, `index${ext}`)),
  ];
  return candidates.find(exists) ?? null;
}

/** The folder a file belongs to: `lib/<name>`, `entrypoints/<name>` (a file entrypoint is its own), or its top-level folder. */
export function folderOf(file: string): string {
  const [top = '', second] = file.split('/');
  if ((top === 'lib' || top === 'entrypoints') && second !== undefined) return `${top}/${second.replace(/\.tsx?$/, '')}`;
  return top;
}

/** A folder cycle: the folders in order (the first repeated at the end) and, for each step, one file import that makes it. */
export interface FolderCycle {
  folders: string[];
  via: FileImport[];
}

/**
 * The folder cycles in an import graph: for each group of folders that reach one another, the
 * shortest cycle through each of its folders, each cycle reported once.
 */
export function folderCycles(imports: readonly FileImport[]): FolderCycle[] {
  // One example import per folder edge, for the report.
  const edges = new Map<string, Map<string, FileImport>>();
  for (const imp of imports) {
    const from = folderOf(imp.from);
    const to = folderOf(imp.to);
    if (from === to) continue;
    const out = edges.get(from) ?? new Map<string, FileImport>();
    if (!out.has(to)) out.set(to, imp);
    edges.set(from, out);
  }
  const cycles = new Map<string, FolderCycle>();
  for (const component of stronglyConnected(edges)) {
    if (component.length < 2) continue;
    const members = new Set(component);
    for (const start of component) {
      const loop = shortestLoop(start, edges, members);
      const key = rotateToSmallest(loop.slice(0, -1)).join(' ');
      if (cycles.has(key)) continue;
      const via = loop.slice(1).map((to, i) => edges.get(loop[i] as string)?.get(to) as FileImport);
      cycles.set(key, { folders: loop, via });
    }
  }
  return [...cycles.values()];
}

/** Tarjan's algorithm: the graph's strongly connected components. */
function stronglyConnected(edges: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[][] {
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((out) => [...out.keys()])]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    components.push(component.sort());
  };
  for (const node of [...nodes].sort()) if (!index.has(node)) visit(node);
  return components;
}

/** Breadth-first: the shortest path from `start` back to itself inside `members`, as [start, …, start]. */
function shortestLoop(start: string, edges: ReadonlyMap<string, ReadonlyMap<string, unknown>>, members: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    for (const next of [...(edges.get(node)?.keys() ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const chain: string[] = [];
        for (let at = node; at !== start; at = previous.get(at)!) chain.unshift(at);
        return [start, ...chain, start];
      }
      if (previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  throw new Error(`${start} is in a strongly connected component but no path leads back to it`);
}

function rotateToSmallest(loop: string[]): string[] {
  const smallest = loop.indexOf([...loop].sort()[0] as string);
  return [...loop.slice(smallest), ...loop.slice(0, smallest)];
}
