// The field policy: which customer fields and interaction channels a reader sees in full, masked or not at all, by
// role and by the record's team. Applied to every record before it leaves the server (pull, push results); stored
// rules (set by an admin in the console, table field_policies) stack over the server's defaults.
import type { Channel, Identity, Role, SyncedEntityName, User } from '../../lib/schema/entities';
import { type CustomerPolicyField, type FieldMode, FieldPolicyLayer, FieldPolicyRule, type SetFieldPolicyRequest, valueBandOf } from '../../lib/schema/privacy';
import type { Queryable } from '../db/database';
import { lockChanges, notifyNewSeq } from '../db/records';
import { MASK, maskIdentity, maskInText, maskName } from './mask';

/** The server's starting policy per role, below every stored rule. */
export type FieldPolicy = Record<Role, FieldPolicyLayer>;

const layer = (l: Partial<FieldPolicyLayer> = {}): FieldPolicyLayer => ({ customer: {}, interactions: {}, ...l });

/** Everyone sees everything (the default of createApp, so tests of other features see whole records). */
export const FIELD_POLICY: FieldPolicy = { agent: layer(), manager: layer({ mayReveal: true }), admin: layer({ mayReveal: true }) };

/** Roles see what they need: agents get a lifetime value band, not the figure; managers and admins see it and may reveal. */
export const DEMO_FIELD_POLICY: FieldPolicy = { ...FIELD_POLICY, agent: layer({ customer: { lifetimeValueCents: 'masked' } }) };

/** Stored rules use this team key for "every team" (a primary key column cannot be null). */
const EVERY_TEAM = '*';

type Rec = Record<string, unknown>;

/** One reader's policy, loaded once per request: the modes for a record of a given team, and the masking itself. */
export class ReaderPolicy {
  private readonly byTeam = new Map<
    string,
    { customer: Partial<Record<CustomerPolicyField, FieldMode>>; interactions: Partial<Record<Channel, FieldMode>>; mayReveal: boolean }
  >();

  constructor(
    private readonly base: FieldPolicyLayer,
    /** Stored layers of this reader's role by team key ('*' for every team). */
    private readonly stored: ReadonlyMap<string, FieldPolicyLayer>,
  ) {}

  private resolved(teamId: string) {
    let r = this.byTeam.get(teamId);
    if (!r) {
      const layers = [this.base, this.stored.get(EVERY_TEAM), this.stored.get(teamId)].filter((l): l is FieldPolicyLayer => l !== undefined);
      r = {
        customer: Object.assign({}, ...layers.map((l) => l.customer)),
        interactions: Object.assign({}, ...layers.map((l) => l.interactions)),
        mayReveal: layers.reduce((may, l) => l.mayReveal ?? may, false),
      };
      this.byTeam.set(teamId, r);
    }
    return r;
  }

  customerMode(teamId: string, field: CustomerPolicyField): FieldMode {
    return this.resolved(teamId).customer[field] ?? 'visible';
  }

  channelMode(teamId: string, channel: Channel): FieldMode {
    return this.resolved(teamId).interactions[channel] ?? 'visible';
  }

  mayReveal(teamId: string): boolean {
    return this.resolved(teamId).mayReveal;
  }

  /** The record as this reader may receive it. Entities other than customers and interactions pass unchanged. */
  mask(entity: SyncedEntityName, record: Rec): Rec {
    const teamId = typeof record.teamId === 'string' ? record.teamId : null;
    if (teamId === null) return record;
    if (entity === 'customers') return this.maskCustomer(teamId, record);
    if (entity === 'interactions') return this.maskInteraction(teamId, record);
    if (entity === 'cases') return this.maskCase(teamId, record);
    return record;
  }

  /**
   * Fields of a write this reader may not set: lifetime value unless they see it in full in every team of theirs
   * (push checks before it knows the record's team). Identities and names may be written while masked: an agent
   * adds the phone a page shows without reading it back.
   */
  unwritable(user: User, entity: SyncedEntityName, input: Rec): string[] {
    if (entity !== 'customers' || !('lifetimeValueCents' in input)) return [];
    const teams = typeof input.teamId === 'string' ? [input.teamId] : user.teamIds;
    return teams.every((t) => this.customerMode(t, 'lifetimeValueCents') === 'visible') ? [] : ['lifetimeValueCents'];
  }

  private maskCustomer(teamId: string, record: Rec): Rec {
    const out: Rec = { ...record };
    const masked: string[] = [];
    const mode = (field: CustomerPolicyField) => this.customerMode(teamId, field);
    if (mode('name') === 'masked' && typeof out.name === 'string') {
      out.name = maskName(out.name);
      masked.push('name');
    }
    const value = out.lifetimeValueCents;
    if (mode('lifetimeValueCents') !== 'visible' && value !== undefined) {
      delete out.lifetimeValueCents;
      if (mode('lifetimeValueCents') === 'masked' && typeof value === 'number') {
        out.valueBand = valueBandOf(value);
        masked.push('lifetimeValueCents');
      }
    }
    if (mode('tags') === 'hidden') out.tags = [];
    const identities = (out.identities as Identity[] | undefined) ?? [];
    const kept: Identity[] = [];
    for (const identity of identities) {
      const m = mode(identity.kind as CustomerPolicyField);
      if (m === 'visible') kept.push(identity);
      else if (m === 'masked') kept.push(maskIdentity(identity));
      if (m === 'masked' && !masked.includes(identity.kind)) masked.push(identity.kind);
    }
    // A customer has at least one identity (the schema's rule): when the policy hides them all, the first shows masked.
    const first = identities[0];
    if (kept.length === 0 && first) {
      kept.push(maskIdentity(first));
      masked.push(first.kind);
    }
    out.identities = kept;
    if (masked.length > 0) out.masking = { masked, revealable: this.mayReveal(teamId) };
    return out;
  }

  private maskCase(teamId: string, record: Rec): Rec {
    const out = this.withTextMasked(teamId, record, 'subject');
    const source = out.source as Rec | undefined;
    if (typeof source?.pageTitle !== 'string') return out;
    // The captured page's title usually names the customer ("Jane Doe on X: …"): it goes where their name is masked.
    const pageTitle = this.customerMode(teamId, 'name') === 'visible' ? this.textMasked(teamId, source.pageTitle) : null;
    return pageTitle === source.pageTitle ? out : { ...out, source: { ...source, pageTitle } };
  }

  private maskInteraction(teamId: string, record: Rec): Rec {
    const mode = this.channelMode(teamId, record.channel as Channel);
    if (mode === 'visible') {
      const out = this.withTextMasked(teamId, record, 'text');
      // An inbound message's author is the customer: their name follows the name's mode (an outbound one's is the agent).
      if (record.direction !== 'inbound' || typeof record.authorName !== 'string' || this.customerMode(teamId, 'name') === 'visible') return out;
      return { ...out, authorName: maskName(record.authorName) || null };
    }
    // Hidden: a tombstone, so an interaction cached before the policy changed leaves the cache.
    if (mode === 'hidden') return { ...record, deleted: true, text: '', authorName: null, sourceUrl: null };
    const authorName = typeof record.authorName === 'string' ? maskName(record.authorName) || null : null;
    return { ...record, text: MASK, authorName, masking: { masked: ['text'], revealable: this.mayReveal(teamId) } };
  }

  /** The record with the emails and phones in one free-text field masked where those identity kinds are. */
  private withTextMasked(teamId: string, record: Rec, field: 'text' | 'subject'): Rec {
    const text = record[field];
    if (typeof text !== 'string') return record;
    const masked = this.textMasked(teamId, text);
    return masked === text ? record : { ...record, [field]: masked };
  }

  /** Free text with the emails and phones in it masked where those identity kinds are. */
  private textMasked(teamId: string, text: string): string {
    const kinds = { email: this.customerMode(teamId, 'email') !== 'visible', phone: this.customerMode(teamId, 'phone') !== 'visible' };
    return kinds.email || kinds.phone ? maskInText(text, kinds) : text;
  }
}

/** The policy of one reader: the server's default for their role under the rules stored for it. */
export async function readerPolicy(q: Queryable, user: Pick<User, 'role'>, defaults: FieldPolicy): Promise<ReaderPolicy> {
  const { rows } = await q.query<{ team_key: string; data: unknown }>('select team_key, data from field_policies where role = $1', [user.role]);
  return readerPolicyOf(user, defaults, rows);
}

/** A reader's policy from the field_policies rows of their role (push reads them with its records, in one statement). */
export function readerPolicyOf(user: Pick<User, 'role'>, defaults: FieldPolicy, rows: readonly { team_key: string; data: unknown }[]): ReaderPolicy {
  return new ReaderPolicy(defaults[user.role], new Map(rows.map((r) => [r.team_key, FieldPolicyLayer.parse(r.data)])));
}

export async function listRules(q: Queryable): Promise<FieldPolicyRule[]> {
  const { rows } = await q.query<{ role: Role; team_key: string; data: FieldPolicyLayer; updated_at: Date | string; updated_by: string }>(
    'select role, team_key, data, updated_at, updated_by from field_policies order by role, team_key',
  );
  return rows.map((r) =>
    FieldPolicyRule.parse({
      ...r.data,
      role: r.role,
      teamId: r.team_key === EVERY_TEAM ? null : r.team_key,
      updatedAt: new Date(r.updated_at).toISOString(),
      updatedBy: r.updated_by,
    }),
  );
}

/**
 * Stores one role's layer for one team (or every team), replacing the one before; an empty layer removes the rule.
 * The readers it concerns must drop what they cached under the old policy: their scope moves (as when their teams
 * change), so their next pull answers scope_changed and they pull again from 0. Call inside a transaction.
 */
export async function saveRule(q: Queryable, rule: SetFieldPolicyRequest, by: string, at: Date): Promise<void> {
  const key = rule.teamId ?? EVERY_TEAM;
  const data: FieldPolicyLayer = {
    customer: rule.customer,
    interactions: rule.interactions,
    ...(rule.mayReveal === undefined ? {} : { mayReveal: rule.mayReveal }),
  };
  if (Object.keys(data.customer).length === 0 && Object.keys(data.interactions).length === 0 && data.mayReveal === undefined) {
    await q.query('delete from field_policies where role = $1 and team_key = $2', [rule.role, key]);
  } else {
    await q.query(
      `insert into field_policies (role, team_key, data, updated_at, updated_by) values ($1, $2, $3::jsonb, $4, $5)
       on conflict (role, team_key) do update set data = excluded.data, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [rule.role, key, JSON.stringify(data), at.toISOString(), by],
    );
  }
  await lockChanges(q);
  const seq = await notifyNewSeq(q, rule.teamId === null ? 'all' : [rule.teamId]);
  await q.query(`update users set scope_seq = $3 where role = $1 and ($2 = '${EVERY_TEAM}' or $2 = any(team_ids))`, [rule.role, key, seq]);
}
