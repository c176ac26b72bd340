// What a record page's address looks like without anything that names a person, a ticket or a tenant:
// the words the supported sites route on are kept, every other path segment and query value becomes
// ":id", and the host is dropped. A miss report (./health.ts) carries this, never the address itself.

/** Route words of the supported sites' record, ticket and thread addresses (docs/sites.md); anything else is an id. */
const ROUTE_WORDS = new Set(
  [
    'agent tickets ticket users a contacts contact companies company', // Zendesk, Freshdesk
    'lightning r o view case lead account opportunity home list', // Salesforce Lightning
    'record 0-1 0-2 0-3 0-5 objects deal deals inbox live-messages help-desk', // HubSpot
    'mail u all sent starred label search imp snoozed category primary updates', // Gmail
    'status posts groups permalink.php story.php photo videos reel i web', // X, Facebook
    'main.aspx entityrecord entitylist incident systemuser dashboard', // Dynamics 365
  ].flatMap((words) => words.split(' ')),
);
const QUERY_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,30}$/;

const word = (segment: string) => (segment === '' || ROUTE_WORDS.has(segment.toLowerCase()) ? segment : ':id');

function pathPattern(path: string): string {
  return path.split('/').map(word).join('/');
}

function queryPattern(params: URLSearchParams): string {
  const keys = [...new Set(params.keys())].filter((k) => QUERY_KEY.test(k)).sort();
  return keys.map((k) => `${k}=${word(params.get(k) ?? '')}`).join('&');
}

/** The address's pattern: "/agent/tickets/:id", "/main.aspx?etn=contact&id=:id&pagetype=entityrecord", "/mail/u/:id/#inbox/:id". */
export function urlPattern(href: string): string {
  const url = new URL(href);
  const query = queryPattern(url.searchParams);
  const hash = url.hash.replace(/^#/, '');
  const hashPattern = hash.includes('=') ? queryPattern(new URLSearchParams(hash)) : pathPattern(hash);
  return `${pathPattern(url.pathname)}${query ? `?${query}` : ''}${hash ? `#${hashPattern}` : ''}`.slice(0, 300);
}
