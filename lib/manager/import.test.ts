import { describe, expect, it, vi } from 'vitest';
import { useBrowserLanguage } from '../i18n/test-setup';
import type { ManagedItem } from '../schema';
import { parseCsv, parseImport, parseMarkdownFile, runImport } from './import';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, embedded commas and newlines, CRLF and a BOM', () => {
    const text = '\uFEFFtitle,body\r\n"Roaming, EU","Line 1\nLine ""2"""\r\nPlain,x\n\n';
    expect(parseCsv(text)).toEqual([
      ['title', 'body'],
      ['Roaming, EU', 'Line 1\nLine "2"'],
      ['Plain', 'x'],
    ]);
  });
});

describe('parseImport', () => {
  it('validates CSV rows, numbering them as a spreadsheet does, and splits list columns', () => {
    const csv = ['title,shortcut,body,tags,teams', 'Refund,;refund,Hi,billing;refunds,team-care', ',;x,Hi,,', 'Late,late,Hi,,'].join('\n');
    const { rows, problems } = parseImport('snippets', [{ name: 'snippets.csv', text: csv }]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.body).toMatchObject({ title: 'Refund', tags: ['billing', 'refunds'], targeting: { teamIds: ['team-care'], sites: [], tags: [] } });
    expect(problems.map((p) => `${p.where}:${p.field}`)).toEqual(['snippets.csv row 3:title', 'snippets.csv row 3:shortcut', 'snippets.csv row 4:shortcut']);
  });

  it('reads JSON arrays and reports unknown fields and duplicate ids by item', () => {
    const json = JSON.stringify([
      { id: 'art-a', title: 'A', body: 'x' },
      { id: 'art-a', title: 'B', body: 'y' },
      { title: 'C', body: 'z', colour: 'red' },
    ]);
    const { rows, problems } = parseImport('articles', [{ name: 'kb.json', text: json }]);
    expect(rows).toHaveLength(2);
    expect(problems.map((p) => p.where)).toEqual(['kb.json item 2', 'kb.json item 3']);
  });

  it('turns a folder of markdown files into articles, with front matter and heading titles', () => {
    const { rows, problems } = parseImport('articles', [
      { name: 'kb/roaming.md', text: '---\ntags: roaming, eu\nsites: zendesk\n---\n# Roaming in the EU\n\nFree in the EU.' },
      { name: 'kb/esim-setup.md', text: 'No heading here.' },
      { name: 'kb/logo.png', text: '' },
    ]);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.body.title)).toEqual(['Roaming in the EU', 'esim-setup']);
    expect(rows[0]?.body).toMatchObject({ tags: ['roaming', 'eu'], targeting: { sites: ['zendesk'] } });
    expect(parseMarkdownFile('---\ntitle: "Quoted"\n---\nbody').meta.title).toBe('Quoted');
  });

  it('says so when nothing could be imported', () => {
    expect(parseImport('articles', [{ name: 'x.txt', text: 'hi' }]).problems).toHaveLength(1);
    expect(parseImport('articles', [{ name: 'bad.json', text: '{' }]).problems[0]?.message).toMatch(/Not valid JSON/);
  });

  it('names rows and problems in the browser’s language (German here)', () => {
    useBrowserLanguage('de');
    try {
      const csv = ['title,shortcut,body', 'A,;ab,x', 'B,;ab,y,extra'].join('\n');
      const { problems } = parseImport('snippets', [{ name: 'snippets.csv', text: csv }]);
      expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
        'snippets.csv Zeile 3: Diese Zeile hat 4 Zellen, die Kopfzeile 3.',
        'snippets.csv Zeile 3: Das Kürzel ";ab" wird auch von snippets.csv Zeile 2 verwendet.',
      ]);
      expect(parseImport('articles', [{ name: 'x.txt', text: 'hi' }]).problems[0]?.message).toBe(
        'Nichts zu importieren: Wählen Sie .csv-, .json- oder .md-Dateien.',
      );
    } finally {
      useBrowserLanguage('en');
    }
  });
});

describe('runImport', () => {
  const item = (id: string): ManagedItem => ({
    kind: 'articles',
    record: {
      id,
      version: 1,
      updatedAt: '2026-11-20T09:00:00.000Z',
      deleted: false,
      title: id,
      body: '',
      summary: '',
      url: null,
      tags: [],
      language: 'en',
      status: 'draft',
      targeting: { teamIds: [], sites: [], tags: [] },
    },
  });
  const rows = ['a', 'b', 'c'].map((id) => ({ where: `row ${id}`, body: { id, title: id, body: '' } }));

  it('creates every row, then publishes when asked, reporting progress', async () => {
    const api = {
      create: vi.fn(async (b: Record<string, unknown>) => item(String(b.id))),
      publish: vi.fn(async () => undefined),
      archive: vi.fn(async () => undefined),
    };
    const progress: number[] = [];
    const outcome = await runImport(rows, api, { publish: true, onProgress: (d) => progress.push(d) });
    expect(outcome.ok).toBe(true);
    expect(api.publish).toHaveBeenCalledTimes(3);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(api.archive).not.toHaveBeenCalled();
  });

  it('archives everything it created when one row fails: all or nothing', async () => {
    const api = {
      create: vi.fn(async (b: Record<string, unknown>) => {
        if (b.id === 'c') throw new Error('A article with the id "c" exists already');
        return item(String(b.id));
      }),
      publish: vi.fn(async () => undefined),
      archive: vi.fn(async (_item: ManagedItem) => undefined),
    };
    const outcome = await runImport(rows, api, { publish: true });
    expect(outcome).toMatchObject({ ok: false, where: 'row c', rolledBack: 2 });
    expect(api.archive.mock.calls.map(([i]) => i.record.id)).toEqual(['b', 'a']);
    expect(api.publish).not.toHaveBeenCalled();
  });
});
