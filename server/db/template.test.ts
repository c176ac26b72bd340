import { describe, expect, it } from 'vitest';
import { openPglite } from './database';

// openPglite's `template`: what the end-to-end run's in-memory servers start from instead of initdb (e2e/global-setup.ts).
describe('an in-memory PGlite database started from a template', () => {
  it('holds what the template held, and its writes stay its own', async () => {
    const source = await openPglite('memory://');
    let template: Blob;
    try {
      await source.exec("create table marker (value text); insert into marker values ('from the template')");
      template = await source.dump();
    } finally {
      await source.close();
    }
    const values = (db: Awaited<ReturnType<typeof openPglite>>) =>
      db.query<{ value: string }>('select value from marker').then(({ rows }) => rows.map((r) => r.value));
    const first = await openPglite('memory://', template);
    const second = await openPglite('memory://', template);
    try {
      await first.exec("insert into marker values ('written by the first')");
      expect(await values(first)).toEqual(['from the template', 'written by the first']);
      expect(await values(second)).toEqual(['from the template']);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  }, 120_000);
});
