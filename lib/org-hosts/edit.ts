// What the options page's admin section does with a typed host before anything is sent: the same
// rule the server applies (lib/schema/org-hosts.ts), so the admin reads why at once.
import { MAX_ORG_HOSTS, orgHostProblem } from '../schema/org-hosts';

export type HostEdit = { ok: true; host: string; hosts: string[] } | { ok: false; error: string };

/** The list with the typed host added, or why it cannot be. */
export function withHost(current: readonly string[], typed: string): HostEdit {
  const host = typed.trim().toLowerCase();
  const problem = orgHostProblem(host);
  if (problem) return { ok: false, error: problem };
  if (current.includes(host)) return { ok: false, error: `${host} is already in the list.` };
  if (current.length >= MAX_ORG_HOSTS) return { ok: false, error: `The list holds at most ${MAX_ORG_HOSTS} hosts: remove one first.` };
  return { ok: true, host, hosts: [...current, host].sort() };
}

/** The list without the host. */
export function withoutHost(current: readonly string[], host: string): string[] {
  return current.filter((h) => h !== host);
}
