/**
 * Snippet placeholders: what text a snippet's body becomes for this customer, agent and case. Pure
 * functions; the background fills a `;shortcut` the overlay sends (knowledge.expand) with them.
 */

export interface SnippetValues {
  customer?: { name?: string | null; firstName?: string | null };
  agent?: { name?: string | null; firstName?: string | null };
  case?: { id?: string | null };
}

/** What a greeting says when the name is unknown: "Hi there," reads naturally; "Hi ," does not. */
const FALLBACKS: Readonly<Record<string, string>> = {
  'customer.firstName': 'there',
  'customer.name': 'there',
};

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w]*(?:\.[A-Za-z][\w]*)*)\s*\}\}/g;

/** "Dr. Jane Doe" → "Jane", "Doe, Jane" → "Jane", "@jane_doe" → null (a handle is not a name). */
export function firstNameOf(name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  if (!trimmed || trimmed.startsWith('@') || trimmed.includes('@')) return null;
  const comma = trimmed.indexOf(',');
  const given = comma > 0 ? trimmed.slice(comma + 1).trim() : trimmed;
  const words = given.split(/\s+/).filter((w) => !/^(mr|mrs|ms|mx|dr|prof|herr|frau|mme|m)\.?$/i.test(w));
  return words[0] ?? null;
}

function clean(value: string | null | undefined): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
}

function resolve(key: string, values: SnippetValues): string | null | undefined {
  switch (key) {
    case 'customer.name':
      return clean(values.customer?.name);
    case 'customer.firstName':
      return clean(values.customer?.firstName) ?? firstNameOf(values.customer?.name);
    case 'agent.name':
      return clean(values.agent?.name);
    case 'agent.firstName':
      return clean(values.agent?.firstName) ?? firstNameOf(values.agent?.name);
    case 'case.id':
      return clean(values.case?.id);
    default:
      return undefined;
  }
}

/**
 * Fills placeholders in one pass (a value containing "{{…}}" is inserted literally, never expanded).
 * A placeholder with no value and no fallback, or one we do not know, stays visible as typed so the
 * agent notices it before sending.
 */
export function renderSnippet(body: string, values: SnippetValues = {}): string {
  return body.replace(PLACEHOLDER, (whole, rawKey: string) => {
    const key = canonicalKey(rawKey);
    const value = resolve(key, values);
    if (value === undefined) return whole;
    return value ?? FALLBACKS[key] ?? whole;
  });
}

const KNOWN_KEYS = ['customer.name', 'customer.firstName', 'agent.name', 'agent.firstName', 'case.id'];

/** Authors write {{customer.firstname}} or {{Customer.FirstName}}; they mean the same thing. */
function canonicalKey(key: string): string {
  return KNOWN_KEYS.find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
}
