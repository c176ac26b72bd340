import { findCapturedCase, hasQueuedWrite, type LocalWrite, type TandemDatabase } from '../db';
import type { Handlers } from '../messaging/dispatch';
import { type Agent, teamForNewRecords } from '../session/session';
import { planCapture } from './plan';
import { DEFAULT_REDACTION, type RedactionSettings, redact } from './redact';
import { teamRedaction } from './redact-settings';
import { teamSlaPolicy } from './sla-policies';

export interface CaptureHandlerDeps {
  db: TandemDatabase;
  agent(): Promise<Agent | null>;
  write(writes: LocalWrite[]): Promise<string[]>;
  /** The agent's redaction choices (options page), used until the team's arrive with a sync; the defaults when absent. */
  getRedaction?: () => Promise<RedactionSettings>;
  now: () => Date;
}

/** Turning a piece of a page into a case, once per source: a second capture of the same post opens the first case. */
export function createCaptureHandlers({
  db,
  agent,
  write,
  getRedaction,
  now,
}: CaptureHandlerDeps): Pick<Handlers, 'capture.create' | 'capture.find' | 'capture.redactPreview'> {
  /** The team's options as last synced, else the agent's own. */
  const redactionFor = async (teamId: string): Promise<RedactionSettings> => (await teamRedaction(db, teamId)) ?? (await getRedaction?.()) ?? DEFAULT_REDACTION;
  return {
    'capture.create': async ({ capture }) => {
      const teamId = teamForNewRecords(await agent(), 'capture cases');
      const redaction = await redactionFor(teamId);
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
    // The same options and rules as capture.create, so the form lists exactly what saving will remove.
    'capture.redactPreview': async ({ texts }) => {
      const redaction = await redactionFor(teamForNewRecords(await agent(), 'capture cases'));
      return { items: texts.flatMap((text) => redact(text, redaction).items) };
    },
    'capture.find': async ({ site, externalId }) => {
      const found = await findCapturedCase(db, site, externalId);
      return { caseId: found?.id ?? null, pending: found ? await hasQueuedWrite(db, 'cases', found.id) : false };
    },
  };
}
