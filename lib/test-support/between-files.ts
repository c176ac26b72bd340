// Runs before every unit test file (vitest.config.ts setupFiles). The unit run does not isolate files: a worker's
// modules, fakes and globals outlive the file that used them. So that no file sees what another left behind, each file
// starts with a fresh fake IndexedDB (when one is installed), a reset fake browser, real timers and no leftover spies
// or stubbed environment variables — what a file of its own process would have started with. Stubbed globals are left
// alone: WXT's own setup file, which runs just before this one, stubs `chrome` and `browser` as the fake browser.
import Dexie from 'dexie';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const scope = globalThis as { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };
// A file that imports `fake-indexeddb/auto` installs the globals; one that ran before it here gets a new, empty factory.
if (scope.indexedDB) scope.indexedDB = new IDBFactory();
// Dexie takes its IndexedDB from `Dexie.dependencies`, which it fills once when first imported: read the current
// globals instead, so a Dexie imported before any file installed fake-indexeddb (or by a file with an older factory)
// uses this file's.
Object.defineProperties(Dexie.dependencies, {
  indexedDB: { get: () => scope.indexedDB, configurable: true, enumerable: true },
  IDBKeyRange: { get: () => scope.IDBKeyRange, configurable: true, enumerable: true },
});

fakeBrowser.reset();
vi.useRealTimers();
vi.restoreAllMocks();
vi.unstubAllEnvs();
