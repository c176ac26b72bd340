// Chrome match patterns ("https://crm.example.net/*", "https://*.example.org/app/*"): the one form a
// site rule's address takes, because it is also what permissions.request and
// scripting.registerContentScripts accept. No <all_urls>, no "*" scheme: a rule names its site.
const PATTERN = /^(https?):\/\/(\*|\*\.[a-z0-9.-]+|[a-z0-9.-]+)(?::\d{1,5})?(\/.*)$/i;

/** Whether a string is a match pattern a site rule may use. */
export function isSiteMatchPattern(pattern: string): boolean {
  const m = PATTERN.exec(pattern);
  return !!m && m[2] !== '*' && pattern.length <= 300;
}

/** The regular expression a match pattern stands for, or null when it is not one a rule may use. */
export function matchPatternRegExp(pattern: string): RegExp | null {
  const m = PATTERN.exec(pattern);
  if (!m || m[2] === '*') return null;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const escapeRegExp = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const hostRe = host.startsWith('*.') ? `(?:[^/]+\\.)?${escapeRegExp(host.slice(2))}` : escapeRegExp(host);
  const pathRe = path.split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${scheme.toLowerCase()}://${hostRe.toLowerCase()}(?::\\d+)?${pathRe}$`, 'i');
}

export function urlMatchesPattern(pattern: string, url: URL): boolean {
  // Match patterns ignore the query and fragment only in path-less forms; Chrome tests path+query.
  return matchPatternRegExp(pattern)?.test(`${url.protocol}//${url.host}${url.pathname}${url.search}`) ?? false;
}

/** The origin permission a pattern needs ("https://crm.example.net/*"). */
export function patternOrigin(pattern: string): string | null {
  const m = PATTERN.exec(pattern);
  return m ? `${m[1]!.toLowerCase()}://${m[2]!.toLowerCase()}/*` : null;
}
