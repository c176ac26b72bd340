// The organisation hosts' routes: `GET /org-hosts` (every signed-in user) and
// `GET/PUT /admin/crm-hosts` (admins), docs/server.md. The rule itself is in ./org-hosts.ts.
import { z } from 'zod';
import { MAX_ORG_HOSTS, orgHostProblem } from './org-hosts';

/** One exact host under a vendor's domain, lower-cased; no wildcard, scheme, path or port. */
export const OrgHost = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((host, ctx) => {
    const problem = orgHostProblem(host);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The whole list, each host once. */
export const OrgHosts = z
  .array(OrgHost)
  .max(MAX_ORG_HOSTS, `At most ${MAX_ORG_HOSTS} hosts.`)
  .refine((hosts) => new Set(hosts).size === hosts.length, 'Each host once.');

export const OrgHostsResponse = z.strictObject({ hosts: OrgHosts });
export type OrgHostsResponse = z.infer<typeof OrgHostsResponse>;

/** `PUT /admin/crm-hosts` replaces the list. */
export const SetOrgHostsRequest = z.strictObject({ hosts: OrgHosts });
export type SetOrgHostsRequest = z.infer<typeof SetOrgHostsRequest>;
