import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The sanitizer is tested where it runs, in Chromium: DOMPurify does not support happy-dom or
// jsdom-like shims well enough to prove anything about hostile input (cure53/DOMPurify#1457).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser;
let page: Page;

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(import.meta.dirname, 'markdown.ts'), formats: ['iife'], name: 'TandemMarkdown' },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if ('output' in o) for (const chunk of o.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('no bundle');
}

const render = (md: string) =>
  page.evaluate((m) => (globalThis as unknown as { TandemMarkdown: { renderMarkdown(s: string): string } }).TandemMarkdown.renderMarkdown(m), md);

/** Renders into a live document and reports what a user's browser would actually have. */
const inspect = (md: string) =>
  page.evaluate((m) => {
    const api = (globalThis as unknown as { TandemMarkdown: { renderMarkdown(s: string): string } }).TandemMarkdown;
    const host = document.createElement('div');
    host.innerHTML = api.renderMarkdown(m);
    document.body.replaceChildren(host);
    const all = [...host.querySelectorAll('*')];
    return {
      tags: all.map((e) => e.tagName.toLowerCase()),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      hrefs: all.flatMap((e) => ['href', 'src', 'xlink:href', 'action'].map((n) => e.getAttribute(n)).filter((v): v is string => v !== null)),
      links: [...host.querySelectorAll('a')].map((a) => ({ target: a.getAttribute('target'), rel: a.getAttribute('rel') })),
      text: host.textContent ?? '',
    };
  }, md);

describe.skipIf(!existsSync(CHROMIUM))('renderMarkdown in Chromium', () => {
  beforeAll(async () => {
    const code = await bundle();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: code });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('renders ordinary markdown', async () => {
    const r = await inspect('# Refunds\n\nUse **bold**, `code` and a list:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(r.tags).toEqual(expect.arrayContaining(['h1', 'strong', 'code', 'ul', 'li', 'table', 'td']));
    expect(r.text).toContain('Refunds');
  });

  it('opens links in a new tab without opener or referrer', async () => {
    const r = await inspect('[help](https://help.example.com/refunds) and <a href="https://x.test" target="_self">raw</a> and <a name="anchor">no href</a>');
    expect(r.links).toEqual([
      { target: '_blank', rel: 'noopener noreferrer' },
      { target: '_blank', rel: 'noopener noreferrer' },
      { target: null, rel: null },
    ]);
  });

  it('strips scripts, event handlers and dangerous URLs from hostile input', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src="x" onerror="alert(2)">',
      '[click](javascript:alert(3))',
      '<a href="JaVaScRiPt:alert(4)">x</a>',
      '<a href="  java&#x09;script:alert(5)">y</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==">z</a>',
      '<iframe src="https://evil.test"></iframe>',
      '<svg><script>alert(7)</script></svg>',
      '<div onclick="alert(8)" style="position:fixed;inset:0">overlay</div>',
      '<form action="https://evil.test"><input name="password"><button formaction="javascript:alert(9)">go</button></form>',
      '<math><mi xlink:href="javascript:alert(10)">m</mi></math>',
      '[x](vbscript:msgbox(11))',
      '<details open ontoggle="alert(12)">d</details>',
      '![img](javascript:alert(13))',
      '<noscript><p title="</noscript><img src=x onerror=alert(14)>">',
      '<style>body{display:none}</style>',
      '<base href="https://evil.test/">',
    ].join('\n\n');
    const html = await render(hostile);
    expect(html).not.toMatch(/<script|<iframe|<svg|<math|<form|<input|<style|<base|style=/i);
    await page.evaluate(() => {
      const w = window as unknown as { alerts: number; alert: () => void };
      w.alerts = 0;
      w.alert = () => {
        w.alerts += 1;
      };
    });
    const r = await inspect(hostile);
    expect(r.handlers).toEqual([]);
    for (const url of r.hrefs) expect(url).toMatch(/^https?:/);
    expect(r.tags).not.toContain('script');
    expect(r.text).toContain('overlay');
    // Give a failing <img> time to fire anything it still could.
    const alerts = await page.evaluate(() => new Promise<number>((done) => setTimeout(() => done((window as unknown as { alerts: number }).alerts), 300)));
    expect(alerts).toBe(0);
  });

  it('shows images as links to them and never loads them', async () => {
    const requested: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    const r = await inspect(
      [
        '![Router lights](https://tracker.example.net/router.png?reader=1)',
        '<img src="https://tracker.example.net/pixel.gif" alt="">',
        '![inline](data:image/png;base64,iVBORw0KGgo=)',
        '[![badge](https://tracker.example.net/badge.svg)](https://help.example.com/)',
      ].join('\n\n'),
    );
    await page.waitForTimeout(300);
    page.removeAllListeners('request');
    expect(r.tags).not.toContain('img');
    expect(r.hrefs).toEqual(['https://tracker.example.net/router.png?reader=1', 'https://tracker.example.net/pixel.gif', 'https://help.example.com/']);
    expect(r.text).toContain('Image: Router lights (opens tracker.example.net)');
    expect(r.text).toContain('Image: untitled (opens tracker.example.net)');
    expect(r.text).toContain('Image: inline');
    expect(r.text).toContain('Image: badge');
    expect(requested).toEqual([]);
  });

  it('keeps links other than http(s) as text', async () => {
    const r = await inspect('[write to us](mailto:help@example.com), [call](tel:+441234) and [local](file:///etc/passwd)');
    expect(r.hrefs).toEqual([]);
    expect(r.text).toContain('write to us');
  });

  it('shows markup inside code as text', async () => {
    const r = await inspect('`<script>alert(1)</script>`');
    expect(r.tags).toEqual(['p', 'code']);
    expect(r.text.trim()).toBe('<script>alert(1)</script>');
  });
});
