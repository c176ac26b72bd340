// Fails when folders of the extension import each other in a cycle (npm run lint runs it).
// Usage: node --import tsx scripts/check-imports.ts
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderCycles, folderOf, relativeImports } from './import-graph';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['lib', 'entrypoints', 'components'];

const files = SCANNED.flatMap((dir) =>
  readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => `${dir}/${name.split(path.sep).join('/')}`),
);
const isFile = (file: string) => existsSync(path.join(ROOT, file)) && statSync(path.join(ROOT, file)).isFile();
const imports = files.flatMap((file) => relativeImports(file, readFileSync(path.join(ROOT, file), 'utf8'), isFile));
const cycles = folderCycles(imports);

if (cycles.length === 0) {
  console.log(`no folder cycles (${new Set(files.map(folderOf)).size} folders, ${imports.length} imports)`);
} else {
  for (const { folders, via } of cycles) {
    console.error(`folder cycle: ${folders.join(' → ')}`);
    for (const { from, to } of via) console.error(`  ${from} imports ${to}`);
  }
  console.error(`\n${cycles.length} folder cycle(s): move the shared piece to a folder both may import.`);
  process.exit(1);
}
