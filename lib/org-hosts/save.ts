// Storing the organisation's hosts from the background: zod, so it stays out of the content script.
import { OrgHosts } from '../schema/org-hosts-api';
import { loadOrgHosts, orgHostsItem } from './storage';

/** Validates and stores the list (sorted); answers whether it changed, so registrations are redone only then. */
export async function saveOrgHosts(hosts: readonly string[]): Promise<boolean> {
  const next = [...OrgHosts.parse(hosts)].sort();
  const current = await loadOrgHosts();
  if (current.length === next.length && current.every((h, i) => h === next[i])) return false;
  await orgHostsItem.setValue(next);
  return true;
}
