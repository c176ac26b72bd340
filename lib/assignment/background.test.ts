import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client';
import { TandemDatabase } from '../db';
import type { MyAgentStatus, SetAgentStatusRequest } from '../schema/assignment';
import { createAssignmentService } from './background';

/** A server that keeps one agent's status and answers the teams' auto-away time. */
function fakeServer(autoAwayMinutes: number | null) {
  let status: MyAgentStatus = { status: 'available', reason: 'manual', since: null, autoAwayMinutes };
  const sent: SetAgentStatusRequest[] = [];
  const api = {
    assignment: {
      myStatus: async () => status,
      setMyStatus: async (request: SetAgentStatusRequest) => {
        sent.push(request);
        status = { ...status, status: request.status, reason: request.reason ?? 'manual' };
        return status;
      },
    },
  } as unknown as ApiClient;
  return { api, sent };
}

function service(autoAwayMinutes: number | null) {
  const server = fakeServer(autoAwayMinutes);
  const watchIdle = vi.fn();
  const assignment = createAssignmentService({ db: new TandemDatabase(`assignment-${Math.random()}`), api: async () => server.api, watchIdle });
  return { ...server, watchIdle, assignment };
}

describe('the agent’s status in the background', () => {
  it('sends the agent’s own switch as a manual status', async () => {
    const { assignment, sent } = service(null);
    expect((await assignment.handlers['assignment.setStatus']({ status: 'away' }, {})).status).toBe('away');
    expect(sent).toEqual([{ status: 'away', reason: 'manual' }]);
  });

  it('asks the browser to watch for idle at the teams’ auto-away time, and sets the agent away and back as idle signals', async () => {
    const { assignment, sent, watchIdle, api } = service(10);
    await assignment.afterSync(api);
    expect(watchIdle).toHaveBeenLastCalledWith(600);
    await assignment.idleChanged('locked');
    await assignment.idleChanged('active');
    expect(sent).toEqual([
      { status: 'away', reason: 'idle' },
      { status: 'available', reason: 'idle' },
    ]);
  });

  it('ignores idle when no team sets an auto-away time', async () => {
    const { assignment, sent, watchIdle, api } = service(null);
    await assignment.afterSync(api);
    expect(watchIdle).toHaveBeenLastCalledWith(null);
    await assignment.idleChanged('idle');
    expect(sent).toEqual([]);
  });
});
