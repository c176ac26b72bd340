import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, logJobFailure } from './database';

describe('logJobFailure', () => {
  it('logs a lost database as one line, without the stack', () => {
    const lines: unknown[][] = [];
    logJobFailure('escalation sweep', new DatabaseUnavailableError(new Error('Connection terminated unexpectedly')), (...args) => lines.push(args));
    expect(lines).toEqual([['[tandem-server] escalation sweep:', 'The database is unavailable: Connection terminated unexpectedly']]);
  });

  it('logs anything else with the error itself, so its stack is kept', () => {
    const lines: unknown[][] = [];
    const bug = new TypeError('cannot read properties of undefined');
    logJobFailure('webhooks', bug, (...args) => lines.push(args));
    expect(lines).toEqual([['[tandem-server] webhooks', bug]]);
  });
});
