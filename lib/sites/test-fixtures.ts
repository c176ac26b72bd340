// Test-only helper: loads a fixture page from e2e/sites into the happy-dom document and renders one
// route with the page's own scripts, so adapter tests read the same DOM the e2e browser sees.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SITES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../e2e/sites');

interface FixtureApi {
  render(url: string): unknown;
}

/** Loads e2e/sites/<site>/<file> (index.html, or a variant page) as the document at url. */
export function loadFixture(site: string, url: string, file = 'index.html'): { doc: Document; url: URL } {
  const html = readFileSync(join(SITES_DIR, site, file), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const scripts = Array.from(parsed.querySelectorAll('script')).map((s) => {
    const src = s.getAttribute('src');
    if (!src) return s.textContent ?? '';
    const file = src.startsWith('/_shared/') ? join(SITES_DIR, src) : join(SITES_DIR, site, src);
    return readFileSync(file, 'utf8');
  });
  for (const s of Array.from(parsed.querySelectorAll('script'))) s.remove();
  for (const a of Array.from(document.documentElement.attributes)) document.documentElement.removeAttribute(a.name);
  for (const a of Array.from(parsed.documentElement.attributes)) document.documentElement.setAttribute(a.name, a.value);
  document.title = parsed.title;
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
  const win = window as unknown as { TandemFixture?: FixtureApi };
  win.TandemFixture = undefined;
  for (const code of scripts) new Function(code)();
  const api = Reflect.get(window, 'TandemFixture') as FixtureApi | undefined;
  api?.render(url); // pages without the router (the unsupported one) are static
  return { doc: document, url: new URL(url) };
}
