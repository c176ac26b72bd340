// Each team's redaction options as last synced (GET /capture-privacy, after each sync), kept for offline
// captures; the options page's own choices apply only before the first sync.
import { getMeta, setMeta, type TandemDatabase } from '../db';
import { TeamRedaction } from '../schema/capture-privacy';
import type { RedactionSettings } from '../schema/redaction';

const TEAM_REDACTION_KEY = 'capture.teamRedaction';

export async function saveTeamRedaction(db: TandemDatabase, teams: readonly TeamRedaction[]): Promise<void> {
  await setMeta(db, TEAM_REDACTION_KEY, teams);
}

/** The team's options as the server last said; undefined before the first sync. */
export async function teamRedaction(db: TandemDatabase, teamId: string): Promise<RedactionSettings | undefined> {
  const stored = TeamRedaction.array().safeParse(await getMeta(db, TEAM_REDACTION_KEY));
  return stored.success ? stored.data.find((t) => t.teamId === teamId)?.options : undefined;
}
