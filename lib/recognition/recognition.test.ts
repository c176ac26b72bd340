import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyChanges, findCustomersByIdentities } from '../db';
import { customer, useTestDatabase } from '../db/test-fixtures';
import { normalizePageIdentities } from '../identity/normalize';
import type { IdentityEvidence, PageContext } from '../schema';
import { createRecognitionHandlers } from './handlers';
import { PICKS_KEPT, pickFor, rememberPick } from './picks';
import { rankMatches } from './resolve';

const db = useTestDatabase();

// Two customers a ticket page may both name: the requester, and a colleague whose address is in the side panel.
const olivia = customer('c-olivia', { name: 'Olivia Hartmann', identities: [{ kind: 'email', value: 'olivia@example.org' }] });
const aaron = customer('c-aaron', { name: 'Aaron Abbott', identities: [{ kind: 'email', value: 'aaron@example.org' }] });

function ticket(recordId: string, evidence: IdentityEvidence[] | undefined): PageContext {
  const identities = (evidence ?? []).map(({ kind, value }) => ({ kind, value }));
  return {
    site: 'zendesk',
    url: `https://acme.zendesk.com/agent/tickets/${recordId}`,
    identities,
    ...(evidence ? { evidence } : {}),
    displayName: null,
    recordId,
    subject: null,
    conversation: '',
    visibility: 'private',
    hasReplyBox: false,
  };
}

const read = (value: string, layer: IdentityEvidence['layer'], confidence: number): IdentityEvidence => ({ kind: 'email', value, layer, confidence });

/** Who the overlay shows for the page, as lib/context/resolve.ts finds and ranks them. */
async function shown(context: PageContext) {
  const { customer, others } = await rankMatches(db(), context, await findCustomersByIdentities(db(), normalizePageIdentities(context)));
  return { name: customer?.name, others };
}

describe('who the page is about when its identities find several people', () => {
  it('shows the person read by the adapter over one harvested from a panel, whatever their names', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: olivia },
      { entity: 'customers', seq: 2, record: aaron },
    ]);
    const page = ticket('4600', [read('olivia@example.org', 'adapter', 1), read('aaron@example.org', 'panel', 0.4)]);
    expect(await shown(page)).toEqual({ name: 'Olivia Hartmann', others: [{ id: 'c-aaron', name: 'Aaron Abbott' }] });
  });

  it('offers a pick between two equally plausible people, and shows the picked one on that record from then on', async () => {
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: olivia },
      { entity: 'customers', seq: 2, record: aaron },
    ]);
    const page = ticket('4601', [read('olivia@example.org', 'link', 0.6), read('aaron@example.org', 'link', 0.6)]);
    expect(await shown(page)).toEqual({ name: 'Aaron Abbott', others: [{ id: 'c-olivia', name: 'Olivia Hartmann', plausible: true }] });

    await createRecognitionHandlers({ db: db() })['context.pick']({ site: 'zendesk', recordId: '4601', customerId: 'c-olivia' }, {});
    expect(await shown(page)).toEqual({ name: 'Olivia Hartmann', others: [{ id: 'c-aaron', name: 'Aaron Abbott', plausible: true }] });
    // Another record is not affected by the pick.
    expect((await shown(ticket('4602', page.evidence))).name).toBe('Aaron Abbott');
  });

  it('ranks by identities in common when the page gives no evidence (custom site rules)', async () => {
    const both = customer('c-both', {
      name: 'Zoe Zimmer',
      identities: [
        { kind: 'email', value: 'zoe@example.org' },
        { kind: 'phone', value: '+14155550123' },
      ],
    });
    const one = customer('c-one', { name: 'Abe Adams', identities: [{ kind: 'email', value: 'zoe@example.org' }] });
    await applyChanges(db(), [
      { entity: 'customers', seq: 1, record: both },
      { entity: 'customers', seq: 2, record: one },
    ]);
    const page = {
      ...ticket('1', undefined),
      identities: [
        { kind: 'email' as const, value: 'zoe@example.org' },
        { kind: 'phone' as const, value: '+14155550123' },
      ],
    };
    expect((await shown(page)).name).toBe('Zoe Zimmer');
  });

  it('keeps the most recent picks only', async () => {
    for (let i = 0; i <= PICKS_KEPT; i++) await rememberPick(db(), `zendesk:${i}`, `c-${i}`);
    expect(await pickFor(db(), { site: 'zendesk', recordId: String(PICKS_KEPT) })).toBe(`c-${PICKS_KEPT}`);
    expect(await pickFor(db(), { site: 'zendesk', recordId: '0' })).toBeNull();
  });
});
