import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes of every file below `dir` (what a folder adds to the extension or the package). */
export const folderBytes = (dir: string): number =>
  readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    return sum + (statSync(path).isDirectory() ? folderBytes(path) : statSync(path).size);
  }, 0);
