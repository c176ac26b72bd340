import type { SiteRule as ServerSiteRule } from '../schema/manager';
import type { StoredSiteRule } from '../schema/site-rule';

const LOCAL_ID = /^[a-z0-9-]{1,40}$/;

/**
 * The extension's site rules after the server's published ones arrive: rules an admin added on
 * this device stay as they are (and win an id clash); server rules are replaced wholesale, so an
 * unpublished one disappears. A pushed rule cannot ask for its host permission, so it starts
 * enabled only where the permission is already granted; afterwards the agent's choice is kept.
 */
export function mergeServerRules(current: readonly StoredSiteRule[], server: readonly ServerSiteRule[], permitted: ReadonlySet<string>): StoredSiteRule[] {
  const local = current.filter((r) => r.source !== 'server');
  const localIds = new Set(local.map((r) => r.id));
  const before = new Map(current.filter((r) => r.source === 'server').map((r) => [r.id, r]));
  const pushed = server
    .filter((r) => !r.deleted && r.status === 'published' && LOCAL_ID.test(r.id) && !localIds.has(r.id))
    .map(
      (r): StoredSiteRule => ({
        id: r.id,
        name: r.name,
        match: r.urlPattern,
        enabled: before.get(r.id)?.enabled ?? permitted.has(r.urlPattern),
        source: 'server',
        visibility: r.visibility,
        selectors: { ...r.selectors },
        updatedAt: r.updatedAt,
      }),
    );
  return [...local, ...pushed];
}
