// The never-capture list's rule (docs/privacy.md "Where Tandem never captures"): zod-free, so the
// content script and the options of the console check a pattern the way the server validates it
// (./capture-privacy.ts). Matching and storage are in lib/privacy/never-capture.ts.

/** A list longer than this is a block list, not a policy. */
export const MAX_NEVER_CAPTURE = 200;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Why a pattern cannot be used, in words an admin can act on; null when it can. `bank.example` covers that
 * host and every subdomain; `*.bank.example` only the subdomains.
 */
export function neverCaptureProblem(pattern: string): string | null {
  if (pattern.length === 0) return 'Enter a host, such as mybank.com or *.mybank.com.';
  if (pattern.length > 253) return 'A host name has at most 253 characters.';
  if (/[/:@?#\s]/.test(pattern)) return `"${pattern}" is not a host: enter only the host, such as mybank.com (no https://, path or port).`;
  const host = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  const labels = host.split('.');
  if (!labels.every((label) => LABEL.test(label)))
    return `"${pattern}" is not a valid host pattern (lower-case letters, digits, dots, hyphens; a wildcard only as "*." in front).`;
  if (labels.length < 2) return `"${pattern}" would cover a whole top-level domain: name the site, such as mybank.com.`;
  return null;
}
