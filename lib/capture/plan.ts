import { DEFAULT_SLA_POLICY, slaDueAtWith } from '../cases/sla-policy';
import { findCapturedCase, findCustomersByIdentities, getCustomers, type LocalWrite, type TandemDatabase } from '../db';
import { normalizePageIdentities } from '../identity/normalize';
import type { CaptureInput, Case, Customer, Interaction } from '../schema';
import { cleanText } from '../schema/primitives';
import type { SlaPolicy } from '../schema/sla';
import { describeRedactions, type RedactionSettings, redact } from './redact';

export type CapturePlan =
  | { status: 'existing'; case: Case; customer: Customer | null }
  | { status: 'new'; writes: LocalWrite[]; case: Case; customer: Customer; customerCreated: boolean; redacted: string | null };

/**
 * Turns a capture into the local writes that make it a case: the customer found by any identity
 * (or a new one with those identities), the case with its service-level deadline, and the
 * interaction on the customer's timeline. Text is cleaned and redacted before anything is written.
 */
export async function planCapture(
  db: TandemDatabase,
  input: CaptureInput,
  {
    teamId,
    redaction,
    slaPolicy = DEFAULT_SLA_POLICY,
    now = new Date(),
    newId = () => crypto.randomUUID(),
  }: {
    teamId: string;
    redaction: RedactionSettings /** The team's policy as last synced, so an offline capture shows the deadline the server will set. */;
    slaPolicy?: SlaPolicy;
    now?: Date;
    newId?: () => string;
  },
): Promise<CapturePlan> {
  input = storableCapture(input);
  if (input.externalId) {
    const existing = await findCapturedCase(db, input.site, input.externalId);
    if (existing) return { status: 'existing', case: existing, customer: (await getCustomers(db, [existing.customerId]))[0] ?? null };
  }
  const at = now.toISOString();
  const identities = normalizePageIdentities({ identities: input.identities, country: input.country });
  const [match] = await findCustomersByIdentities(db, identities);
  const customerCreated = !match;
  const customer: Customer = match ?? {
    id: `cust-${newId()}`,
    version: 0,
    updatedAt: at,
    deleted: false,
    teamId,
    name: input.authorName?.trim() || identities[0]?.value || 'Unknown customer',
    identities: identities.length > 0 ? identities : [{ kind: 'email', value: `unknown+${newId()}@capture.invalid` }],
    tier: 'standard',
    currency: 'USD',
    language: 'en',
    tags: [],
    createdAt: at,
  };
  const text = redact(input.text, redaction);
  const subject = redact(input.subject, redaction);
  const kase: Case = {
    id: `case-${newId()}`,
    version: 0,
    updatedAt: at,
    deleted: false,
    teamId: customer.teamId,
    customerId: customer.id,
    // Cleaned again: the cut may fall inside an emoji's surrogate pair.
    subject: cleanText(subject.text.slice(0, 300)) || 'Captured conversation',
    status: 'new',
    priority: input.priority,
    channel: input.channel,
    slaDueAt: slaDueAtWith(slaPolicy, input.channel, input.priority, at),
    assigneeId: null,
    tags: input.tags,
    source: { url: input.url, site: input.site, externalId: input.externalId, pageTitle: input.pageTitle },
    createdAt: at,
    // The incident broadcast's reply the agent used: the server links the case to the incident (docs/incidents.md).
    ...(input.incidentNote && {
      notes: [{ kind: 'workaround', text: input.incidentNote.text, incidentId: null, broadcastId: input.incidentNote.broadcastId, createdAt: at }],
    }),
  };
  const interaction: Interaction = {
    id: `int-${newId()}`,
    version: 0,
    updatedAt: at,
    deleted: false,
    teamId: customer.teamId,
    customerId: customer.id,
    caseId: kase.id,
    channel: input.channel,
    visibility: input.visibility,
    direction: 'inbound',
    text: text.text,
    sourceUrl: input.url,
    authorName: input.authorName,
    occurredAt: input.postedAt ?? at,
  };
  const writes: LocalWrite[] = [
    // Made on its own (its cache knew nobody by these identities): the server merges it into the one it knows, if any.
    ...(customerCreated ? [{ entity: 'customers' as const, op: 'create' as const, record: customer, origin: 'capture' as const }] : []),
    { entity: 'cases', op: 'create', record: kase },
    { entity: 'interactions', op: 'create', record: interaction },
  ];
  const redacted = describeRedactions({ ...mergeCounts(text.found, subject.found) });
  return { status: 'new', writes, case: kase, customer, customerCreated, redacted };
}

/**
 * The page's text as the database can store it (../schema/primitives.ts): a NUL or half an emoji in a post is
 * the page's doing, so the capture keeps the text without them rather than being refused.
 */
function storableCapture(input: CaptureInput): CaptureInput {
  const clean = (s: string | null) => (s === null ? null : cleanText(s));
  return {
    ...input,
    site: cleanText(input.site),
    identities: input.identities.map((identity) => ({ ...identity, value: cleanText(identity.value) })),
    authorName: clean(input.authorName),
    text: cleanText(input.text),
    externalId: clean(input.externalId),
    pageTitle: clean(input.pageTitle),
    subject: cleanText(input.subject),
    tags: input.tags.map(cleanText),
  };
}

function mergeCounts<T extends Record<string, number | undefined>>(a: T, b: T): T {
  const out: Record<string, number> = {};
  for (const source of [a, b]) for (const [k, v] of Object.entries(source)) out[k] = Math.max(out[k] ?? 0, v ?? 0);
  return out as T;
}
