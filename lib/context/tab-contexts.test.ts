import { describe, expect, it } from 'vitest';
import type { PageContext, Resolution } from '../schema';
import { inMemoryFirst, type TabContext, type TabContextStore } from './tab-contexts';

function slowStore(): TabContextStore & { tabs: Map<number, TabContext>; reads: number; release(): void } {
  const tabs = new Map<number, TabContext>();
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  const store = {
    tabs,
    reads: 0,
    release: () => open(),
    async get(tabId: number) {
      store.reads += 1;
      const value = tabs.get(tabId) ?? null;
      await gate;
      return value;
    },
    async set(tabId: number, value: TabContext) {
      tabs.set(tabId, value);
    },
    async clear(tabId: number) {
      tabs.delete(tabId);
    },
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
  };
  return store as typeof store;
}

const about = (url: string): TabContext => ({
  context: { url } as PageContext,
  resolution: { status: 'none' } as unknown as Resolution,
});

describe('inMemoryFirst', () => {
  it('answers what was set from memory, and writes it through to the store', async () => {
    const store = slowStore();
    const tabs = inMemoryFirst(store);
    await tabs.set(1, about('https://a.example/1'));
    expect((await tabs.get(1))?.context.url).toBe('https://a.example/1');
    expect(store.reads).toBe(0);
    expect(store.tabs.get(1)?.context.url).toBe('https://a.example/1');
    await tabs.clear(1);
    expect(await tabs.get(1)).toBeNull();
    expect(store.tabs.has(1)).toBe(false);
  });

  it('reads the store once after a worker restart, then memory', async () => {
    const store = slowStore();
    await inMemoryFirst(store).set(2, about('https://a.example/2'));
    const restarted = inMemoryFirst(store);
    expect((await restarted.get(2))?.context.url).toBe('https://a.example/2');
    expect((await restarted.get(2))?.context.url).toBe('https://a.example/2');
    expect(store.reads).toBe(1);
  });

  it('keeps a set made while the store was being read over what the read returns', async () => {
    const store = slowStore();
    await store.set(3, about('https://a.example/old'));
    const tabs = inMemoryFirst(store);
    (store as unknown as { hold(): void }).hold();
    const reading = tabs.get(3);
    await tabs.set(3, about('https://a.example/new'));
    store.release();
    expect((await reading)?.context.url).toBe('https://a.example/new');
    expect((await tabs.get(3))?.context.url).toBe('https://a.example/new');
  });
});

describe('inMemoryFirst, a closed tab', () => {
  it('keeps nothing of it once the store has cleared it, and a later read finds nothing', async () => {
    const store = slowStore();
    const tabs = inMemoryFirst(store);
    await tabs.set(4, about('https://a.example/4'));
    await tabs.clear(4);
    await new Promise((r) => setTimeout(r, 0));
    expect(await tabs.get(4)).toBeNull();
    expect(store.reads).toBe(1);
  });
});
