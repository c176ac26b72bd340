import { describe, expect, it } from 'vitest';
import { FieldPolicyLayer, valueBandOf } from '../../lib/schema/privacy';
import { DEMO_FIELD_POLICY, FIELD_POLICY, ReaderPolicy } from './field-policy';
import { maskEmail, maskName, maskPhone } from './mask';

const jane = {
  id: 'cust-jane',
  teamId: 'team-care',
  name: 'Jane Doe',
  tier: 'gold',
  lifetimeValueCents: 184_250,
  tags: ['vip'],
  identities: [
    { kind: 'email', value: 'jane.doe@example.com' },
    { kind: 'phone', value: '+14155554321' },
    { kind: 'twitter', value: 'jane_doe' },
  ],
};
const dm = { id: 'int-1', teamId: 'team-care', customerId: 'cust-jane', channel: 'email', text: 'My card is 4111…', authorName: 'Jane Doe', sourceUrl: null };

const layer = (l: Partial<FieldPolicyLayer>) => FieldPolicyLayer.parse(l);
const policy = (base: FieldPolicyLayer, stored: Record<string, Partial<FieldPolicyLayer>> = {}) =>
  new ReaderPolicy(base, new Map(Object.entries(stored).map(([k, v]) => [k, layer(v)])));

describe('masks', () => {
  it('keeps what support reads back and nothing more', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j•••@example.com');
    expect(maskPhone('+14155554321')).toBe('•••• 4321');
    expect(maskName('Jane van Doe')).toBe('J••• v••• D•••');
  });

  it('puts a lifetime value in its band', () => {
    expect([0, 99_999, 100_000, 999_999, 1_000_000, 5_000_000].map(valueBandOf)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'top']);
  });
});

describe('a reader policy', () => {
  it('passes records unchanged when everything is visible', () => {
    const p = policy(FIELD_POLICY.agent);
    expect(p.mask('customers', jane)).toEqual(jane);
    expect(p.mask('interactions', dm)).toEqual(dm);
  });

  it('gives agents of the demo a value band instead of the lifetime value', () => {
    const out = policy(DEMO_FIELD_POLICY.agent).mask('customers', jane);
    expect(out).not.toHaveProperty('lifetimeValueCents');
    expect(out).toMatchObject({ valueBand: 'medium', masking: { masked: ['lifetimeValueCents'], revealable: false } });
  });

  it('masks, hides and shows identities by kind, and says what it masked', () => {
    const p = policy(FIELD_POLICY.agent, { '*': { customer: { phone: 'masked', twitter: 'hidden', lifetimeValueCents: 'hidden' }, mayReveal: true } });
    const out = p.mask('customers', jane);
    expect(out.identities).toEqual([
      { kind: 'email', value: 'jane.doe@example.com' },
      { kind: 'phone', value: '•••• 4321' },
    ]);
    expect(out).not.toHaveProperty('lifetimeValueCents');
    expect(out).not.toHaveProperty('valueBand');
    expect(out.masking).toEqual({ masked: ['phone'], revealable: true });
  });

  it('lets a team rule override the every-team rule, for that team only', () => {
    const p = policy(FIELD_POLICY.agent, { '*': { customer: { phone: 'masked' } }, 'team-care': { customer: { phone: 'visible', email: 'masked' } } });
    expect(p.mask('customers', jane).identities).toContainEqual({ kind: 'phone', value: '+14155554321' });
    expect(p.mask('customers', jane).identities).toContainEqual({ kind: 'email', value: 'j•••@example.com' });
    expect(p.mask('customers', { ...jane, teamId: 'team-billing' }).identities).toContainEqual({ kind: 'phone', value: '•••• 4321' });
  });

  it('keeps one identity, masked, when the policy hides them all (a customer has at least one)', () => {
    const p = policy(layer({ customer: { email: 'hidden', phone: 'hidden', twitter: 'hidden' } }));
    expect(p.mask('customers', jane).identities).toEqual([{ kind: 'email', value: 'j•••@example.com' }]);
  });

  it('masks the text of a masked channel and tombstones a hidden one', () => {
    const p = policy(layer({ interactions: { email: 'masked', twitter: 'hidden' } }));
    expect(p.mask('interactions', dm)).toMatchObject({ text: '•••', authorName: 'J••• D•••', masking: { masked: ['text'] } });
    expect(p.mask('interactions', { ...dm, channel: 'twitter' })).toMatchObject({ deleted: true, text: '' });
    expect(p.mask('interactions', { ...dm, channel: 'chat' })).toEqual({ ...dm, channel: 'chat' });
  });

  it('masks the emails and phones quoted in free text where those kinds are masked', () => {
    const p = policy(layer({ customer: { email: 'masked', phone: 'masked' } }));
    const reply = { ...dm, channel: 'chat', text: 'Sent to jane.doe@example.com; call +1 (415) 555-4321 about order 12345.' };
    expect(p.mask('interactions', reply).text).toBe('Sent to j•••@example.com; call •••• 4321 about order 12345.');
    expect(p.mask('cases', { id: 'c', teamId: 'team-care', subject: 'Call back +14155554321' }).subject).toBe('Call back •••• 4321');
  });

  it('masks the customer’s name where it is written beside the record: an inbound author and a captured page’s title', () => {
    const p = policy(layer({ customer: { name: 'masked', email: 'masked' } }));
    const inbound = { ...dm, channel: 'chat', direction: 'inbound' };
    expect(p.mask('interactions', inbound).authorName).toBe('J••• D•••');
    expect(p.mask('interactions', { ...inbound, direction: 'outbound', authorName: 'Alex Agent' }).authorName).toBe('Alex Agent');
    const captured = { id: 'c', teamId: 'team-care', subject: 'eSIM', source: { url: null, site: 'twitter', externalId: '1', pageTitle: 'Jane Doe on X' } };
    expect(p.mask('cases', captured).source).toEqual({ ...captured.source, pageTitle: null });
    const nameShown = policy(layer({ customer: { email: 'masked' } }));
    const gmail = { ...captured, source: { ...captured.source, pageTitle: 'Inbox - jane.doe@example.com' } };
    expect(nameShown.mask('cases', gmail).source).toMatchObject({ pageTitle: 'Inbox - j•••@example.com' });
    expect(nameShown.mask('interactions', inbound).authorName).toBe('Jane Doe');
  });

  it('refuses writes of a lifetime value the reader does not see in full', () => {
    const user = { id: 'u', email: 'u@x.io', name: 'U', role: 'agent' as const, teamIds: ['team-care'] };
    expect(policy(DEMO_FIELD_POLICY.agent).unwritable(user, 'customers', { lifetimeValueCents: 1 })).toEqual(['lifetimeValueCents']);
    expect(policy(FIELD_POLICY.agent).unwritable(user, 'customers', { lifetimeValueCents: 1 })).toEqual([]);
    expect(policy(DEMO_FIELD_POLICY.agent).unwritable(user, 'customers', { tags: [] })).toEqual([]);
  });
});
