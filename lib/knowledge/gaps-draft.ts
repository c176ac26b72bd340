// "Draft an article" from a content gap group (console): the editor opens on a new article whose title names the
// group's terms and whose body says what agents met, for the manager to write the answer under.
import type { GapGroup } from '../schema/knowledge-gaps';

/** Terms in a title: enough to say what it is about, few enough to read. */
const TITLE_TERMS = 4;

/** The editor's title, markdown body and comma-separated tags (lib/manager/draft.ts `Draft`). */
export function draftFromGap(group: GapGroup, days: number): { title: string; body: string; tags: string } {
  const title = group.terms.slice(0, TITLE_TERMS).join(' ');
  const asked = [
    group.pages > 0 ? `${group.pages} ${group.pages === 1 ? 'page' : 'pages'} with no confident suggestion` : '',
    group.searches > 0 ? `${group.searches} ${group.searches === 1 ? 'search' : 'searches'} that found nothing` : '',
  ].filter(Boolean);
  const where = group.sites.length > 0 ? ` (on ${group.sites.join(', ')})` : '';
  return {
    title: title.charAt(0).toUpperCase() + title.slice(1),
    body: [
      `> Drafted from a content gap: ${asked.join(' and ')} in the last ${days} days${where}.`,
      `> Agents' words: ${group.terms.join(', ')}.`,
      '',
      '## Answer',
      '',
      '',
    ].join('\n'),
    tags: 'content-gap',
  };
}
