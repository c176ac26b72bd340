// Evaluated first of the background's modules (the entrypoint's first import): the persisted knowledge index is read
// while the rest of the worker's ≈ 0.5 MB of code is evaluated, not after it; a woken worker is usually asked for a
// suggestion, and that read was most of its wait (docs/knowledge-search.md, "A cold service worker in Chromium").
// The marks are read by bench/knowledge/cold.ts over the DevTools protocol.
import { readIndexRows } from '../knowledge/index-rows';

performance.mark('tandem:code-start');
export const indexRowsAtStart = readIndexRows();
void indexRowsAtStart.then(() => performance.mark('tandem:index-rows-read'));
