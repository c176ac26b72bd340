import type { PresenceEvent } from '../../lib/schema/queue';
import type { Db } from '../db/database';
import { CHANGES_CHANNEL, ChangeNotice } from '../db/records';
import { PRESENCE_CHANNEL, parsePresenceNotice } from './presence';

export interface LiveSubscriber {
  /** The teams whose changes this subscriber may see; read on every notice, so it can be updated in place. */
  teamIds: readonly string[];
  onChange(seq: number): void;
  /** Presence on a case of one of the subscriber's teams changed (server/live/presence.ts). */
  onPresence?(event: PresenceEvent): void;
}

/**
 * Fans committed changes out to this process's live streams. Every process LISTENs on the database
 * (PostgreSQL LISTEN/NOTIFY, or PGlite's own), so a write through any process reaches streams on all of them.
 */
export class LiveHub {
  private readonly subscribers = new Set<LiveSubscriber>();
  private listening: Promise<() => Promise<void>> | undefined;
  private listeningPresence: Promise<() => Promise<void>> | undefined;

  constructor(private readonly db: Db) {}

  /** Resolves once notices are being received, so nothing committed after it resolves is missed. */
  async subscribe(sub: LiveSubscriber): Promise<() => void> {
    this.listening ??= this.db.listen(
      CHANGES_CHANNEL,
      (payload) => this.dispatch(payload),
      () => void this.catchUp(),
    );
    this.listeningPresence ??= this.db.listen(PRESENCE_CHANNEL, (payload) => this.dispatchPresence(payload));
    try {
      await Promise.all([this.listening, this.listeningPresence]);
    } catch (err) {
      this.listening = undefined;
      this.listeningPresence = undefined;
      throw err;
    }
    this.subscribers.add(sub);
    return () => {
      this.subscribers.delete(sub);
    };
  }

  get size(): number {
    return this.subscribers.size;
  }

  private dispatch(payload: string): void {
    const notice = parseNotice(payload);
    if (!notice) return;
    for (const sub of this.subscribers) {
      if (notice.teams === 'all' || notice.teams.some((t) => sub.teamIds.includes(t))) sub.onChange(notice.seq);
    }
  }

  /**
   * The LISTEN connection is back after a loss: commits made meanwhile sent notices nobody heard, so every stream gets
   * the newest seq drawn, and its client pulls whatever it may see (nothing, if none of it was for its teams).
   */
  private async catchUp(): Promise<void> {
    try {
      const { rows } = await this.db.query<{ seq: string | number }>('select last_value as seq from change_seq');
      const seq = Number(rows[0]?.seq ?? 0);
      for (const sub of this.subscribers) sub.onChange(seq);
    } catch (err) {
      console.error('[tandem-server] live catch-up after LISTEN reconnect failed:', (err as Error).message);
    }
  }

  private dispatchPresence(payload: string): void {
    const event = parsePresenceNotice(payload);
    if (!event) return;
    for (const sub of this.subscribers) if (sub.teamIds.includes(event.teamId)) sub.onPresence?.(event);
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    const listening = [this.listening, this.listeningPresence];
    this.listening = undefined;
    this.listeningPresence = undefined;
    for (const l of listening) if (l) await (await l.catch(() => async () => {}))();
  }
}

function parseNotice(payload: string): ChangeNotice | null {
  try {
    const parsed = ChangeNotice.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
