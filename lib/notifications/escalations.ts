// Escalation notifications in the background: the server's sweep marks a running SLA target escalated on the case
// (server/sla/escalation.ts); the change reaches this browser through the live stream and the pull, and here the case's
// assignee and its team's managers get a browser notification, once per escalation.
import { getMeta, setMeta, type TandemDatabase } from '../db';
import { formatTime } from '../i18n/format';
import { type MessageKey, t } from '../i18n/t';
import type { Change, Role } from '../schema';
import type { SlaCountdown } from '../schema/sla-clock';

/** Escalations older than this when they arrive (a first sync, a browser back from a week off) are not announced. */
export const ANNOUNCE_WITHIN_MS = 60 * 60_000;
const NOTIFIED_KEY = 'notifiedEscalations';
const REMEMBERED = 500;

export interface EscalationNotice {
  /** Stable per escalation, so a repeated pull replaces rather than adds. */
  id: string;
  title: string;
  message: string;
}

export interface NotifierDeps {
  db: TandemDatabase;
  now: () => Date;
  /** The signed-in user: the assignee gets the notice, as do managers (and admins) of the case's team. */
  me: () => Promise<{ id: string; role: Role; teamIds: string[] } | null>;
  notify: (notice: EscalationNotice) => Promise<void>;
}

/** Each target's name as a title starts and as it reads inside the sentence (in the UI language: notices come from the background). */
const TARGET_NAMES = {
  first: { title: 'sla_target_first_reply', inline: 'ckb_escalation_target_first' },
  next: { title: 'sla_target_next_reply', inline: 'ckb_escalation_target_next' },
  resolution: { title: 'sla_target_resolution', inline: 'ckb_escalation_target_resolution' },
} as const satisfies Record<string, { title: MessageKey; inline: MessageKey }>;

/** The escalations in pulled changes that this user should hear about, as notices (not yet de-duplicated). */
export function noticesFor(changes: readonly Change[], me: { id: string; role: Role; teamIds: string[] }, now: number): EscalationNotice[] {
  const notices: EscalationNotice[] = [];
  for (const change of changes) {
    if (change.entity !== 'cases' || change.record.deleted || !change.record.slaClock) continue;
    const c = change.record;
    const concerned = c.assigneeId === me.id || (me.role !== 'agent' && me.teamIds.includes(c.teamId));
    if (!concerned) continue;
    const targets: [keyof typeof TARGET_NAMES, SlaCountdown | null][] = [
      [c.slaClock?.response?.kind ?? 'first', c.slaClock?.response ?? null],
      ['resolution', c.slaClock?.resolution ?? null],
    ];
    for (const [kind, countdown] of targets) {
      if (!countdown?.escalatedAt || now - Date.parse(countdown.escalatedAt) > ANNOUNCE_WITHIN_MS) continue;
      notices.push({
        id: `tandem-escalation:${c.id}:${kind}:${countdown.escalatedAt}`,
        title: t(c.assigneeId === me.id ? 'ckb_escalated_yours' : 'ckb_escalated', t(TARGET_NAMES[kind].title)),
        message: countdown.dueAt
          ? t('ckb_escalation_body_due', c.subject, t(TARGET_NAMES[kind].inline), formatTime(countdown.dueAt))
          : t('ckb_escalation_body', c.subject, t(TARGET_NAMES[kind].inline)),
      });
    }
  }
  return notices;
}

export function createEscalationNotifier({ db, now, me, notify }: NotifierDeps) {
  // Pulls are applied one at a time; chaining keeps two pages from announcing the same escalation.
  let queue: Promise<void> = Promise.resolve();
  async function announce(changes: readonly Change[]): Promise<void> {
    const user = await me();
    if (!user) return;
    const fresh = noticesFor(changes, user, now().getTime());
    if (fresh.length === 0) return;
    const notified = new Set((await getMeta<string[]>(db, NOTIFIED_KEY)) ?? []);
    const unseen = fresh.filter((n) => !notified.has(n.id));
    for (const notice of unseen) {
      notified.add(notice.id);
      await notify(notice).catch((err) => console.warn('[tandem] escalation notification', err));
    }
    await setMeta(db, NOTIFIED_KEY, [...notified].slice(-REMEMBERED));
  }
  return {
    onPulled(changes: readonly Change[]): void {
      queue = queue.then(() => announce(changes)).catch((err) => console.warn('[tandem] escalations', err));
    },
    /** Resolves when every pulled page so far has been looked at (tests). */
    settled: () => queue,
  };
}
