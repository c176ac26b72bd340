// The agent's available/away status as the popup and side panel show it (one signal, loaded from the background).
import { signal } from '@preact/signals';
import { errorMessage } from '../i18n/errors';
import { send } from '../messaging/browser';
import type { AgentStatus, MyAgentStatus } from '../schema/assignment';

export const myStatus = signal<MyAgentStatus | null>(null);
export const statusError = signal<string | null>(null);

async function load(request: () => Promise<MyAgentStatus>): Promise<void> {
  try {
    myStatus.value = await request();
    statusError.value = null;
  } catch (error) {
    statusError.value = errorMessage(error);
  }
}

export const loadMyStatus = () => load(() => send('assignment.status', {}));
export const setMyStatus = (status: AgentStatus) => load(() => send('assignment.setStatus', { status }));
