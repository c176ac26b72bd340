import { describe, expect, it } from 'vitest';
import { Case } from '../../lib/schema/entities';
import { caseData } from '../testing';
import { checkedPushAnswer, checkedRecord } from './push-answer';

const record = () =>
  Case.parse({
    ...caseData({ id: 'case-answer', tags: ['a', 'b'] }),
    version: 1,
    createdAt: '2026-11-27T09:00:00.000Z',
    slaDueAt: '2026-11-27T12:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
    deleted: false,
  });

describe('the push answer', () => {
  it('checks every result: a checked record passes as it is, any other record is parsed in full and refused when invalid', () => {
    const checked = checkedRecord('cases', record());
    const applied = (r: unknown) => ({ mutationId: 'm-1', status: 'applied', change: { entity: 'cases', seq: 1, record: r }, replayed: false });
    // Frozen when checked: it stays what was checked.
    expect(() => Object.assign(checked, { subject: 'changed' })).toThrow(TypeError);
    const answer = checkedPushAnswer([applied(checked)] as never);
    expect((answer.results[0] as { change: { record: unknown } }).change.record).toBe(checked);
    // Not checked as written (a stored or masked record): parsed, so a copy, and an invalid one fails the answer.
    const fresh = record();
    expect((checkedPushAnswer([applied(fresh)] as never).results[0] as { change: { record: unknown } }).change.record).not.toBe(fresh);
    expect(() => checkedPushAnswer([applied({ ...record(), status: 'nonsense' })] as never)).toThrow();
    // A record checked as another entity is not taken for a case.
    const asCustomer = checkedRecord('customers', record());
    expect(() => checkedPushAnswer([applied(asCustomer)] as never)).not.toThrow();
    expect((checkedPushAnswer([applied(asCustomer)] as never).results[0] as { change: { record: unknown } }).change.record).not.toBe(asCustomer);
  });
});
