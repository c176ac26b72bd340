import type { ApiClient } from '../api/client';
import { addUsageEvents, deleteUsageEvents, oldestUsageEvents, type TandemDatabase } from '../db';
import type { Handlers } from '../messaging/dispatch';
import type { UsageEvent } from '../schema';
import type { Agent } from '../session/session';

/** How many events go to the server in one request. */
const BATCH = 500;

export interface UsageRecorderDeps {
  db: TandemDatabase;
  agent(): Promise<Agent | null>;
  /** Told of each recorded batch (the knowledge ranking counts recent use without re-reading the table). */
  onRecorded(events: ReadonlyArray<Pick<UsageEvent, 'type' | 'itemKind' | 'itemId'>>): void;
  now: () => Date;
}

/** What the agent did with knowledge (suggested, opened, inserted, helpful…): kept here until the server has it. */
export function createUsageRecorder({ db, agent, onRecorded, now }: UsageRecorderDeps) {
  const handlers: Pick<Handlers, 'usage.record'> = {
    'usage.record': async ({ events }) => {
      const me = await agent();
      if (!me) return { recorded: 0 };
      const at = now().toISOString();
      await addUsageEvents(
        db,
        events.map((e) => ({ ...e, id: crypto.randomUUID(), userId: me.id, teamId: me.teamIds[0] ?? 'none', occurredAt: at })),
      );
      onRecorded(events);
      return { recorded: events.length };
    },
  };

  /** Sends the recorded events oldest first, in batches; each batch leaves this device once the server has it. */
  async function flush(api: Pick<ApiClient, 'usage'>): Promise<void> {
    for (;;) {
      const batch = await oldestUsageEvents(db, BATCH);
      if (batch.length === 0) return;
      await api.usage(batch.map(({ userId: _u, teamId: _t, ...event }) => event));
      await deleteUsageEvents(
        db,
        batch.map((e) => e.id),
      );
    }
  }

  return { handlers, flush };
}
