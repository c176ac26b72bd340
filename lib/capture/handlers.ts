import { findCapturedCase, hasQueuedWrite, type LocalWrite, type TandemDatabase } from '../db';
import type { Handlers } from '../messaging/dispatch';
import { type Agent, teamForNewRecords } from '../session/session';
import { planCapture } from './plan';
import { DEFAULT_REDACTION, type RedactionSettings } from './redact';
import { teamSlaPolicy } from './sla-policies';

export interface CaptureHandlerDeps {
  db: TandemDatabase;
  agent(): Promise<Agent | null>;
  write(writes: LocalWrite[]): Promise<string[]>;
  /** The agent's redaction choices; the defaults when absent. */
  getRedaction?: () => Promise<RedactionSettings>;
  now: () => Date;
}

/** Turning a piece of a page into a case, once per source: a second capture of the same post opens the first case. */
export function createCaptureHandlers({ db, agent, write, getRedaction, now }: CaptureHandlerDeps): Pick<Handlers, 'capture.create' | 'capture.find'> {
  return {
    'capture.create': async ({ capture }) => {
      const teamId = teamForNewRecords(await agent(), 'capture cases');
      const redaction = (await getRedaction?.()) ?? DEFAULT_REDACTION;
      const slaPolicy = await teamSlaPolicy(db, teamId);
      const plan = await planCapture(db, capture, { teamId, redaction, now: now(), ...(slaPolicy ? { slaPolicy } : {}) });
      const created = plan.status === 'new' ? plan : null;
      if (created) await write(created.writes);
      return {
        status: created ? 'created' : 'existing',
        caseId: plan.case.id,
        customerId: plan.case.customerId,
        customerName: plan.customer?.name ?? 'Unknown customer',
        customerCreated: created?.customerCreated ?? false,
        slaDueAt: plan.case.slaDueAt,
        redacted: created?.redacted ?? null,
        pending: await hasQueuedWrite(db, 'cases', plan.case.id),
      };
    },
    'capture.find': async ({ site, externalId }) => {
      const found = await findCapturedCase(db, site, externalId);
      return { caseId: found?.id ?? null, pending: found ? await hasQueuedWrite(db, 'cases', found.id) : false };
    },
  };
}
