// "Draft article" from a solved case: the side panel opens the console at `manager.html?draftFromCase=<case id>`,
// and the console reads it back through zod (anything may be typed into a tab's address bar).
import { Id, type Role } from '../schema/entities';

/** Who authors articles: the server refuses anyone else, so the side panel offers agents no "Draft article". */
export const ARTICLE_AUTHOR_ROLES: readonly Role[] = ['manager', 'admin'];

const PARAM = 'draftFromCase';

/** The console page that opens the editor on an article drafted from this case. */
export function consolePathForCase(caseId: string): `/manager.html?${string}` {
  return `/manager.html?${new URLSearchParams({ [PARAM]: caseId })}`;
}

/** The case the console was opened to draft an article from, or null when there is none or it is not an id. */
export function caseToDraftFrom(search: string): string | null {
  const parsed = Id.safeParse(new URLSearchParams(search).get(PARAM));
  return parsed.success ? parsed.data : null;
}
