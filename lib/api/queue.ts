// The team queue's routes (`/queue/*`): teammates and presence, as methods of the API client.
import { PresenceEvent, PresenceListResponse, PresenceRequest, TeammatesResponse } from '../schema/queue';
import type { Http } from './http';

/** Shorter than the client's default: presence is best effort, and a page should not wait long on it. */
const QUEUE_TIMEOUT_MS = 10_000;

export function queueRoutes(http: Http) {
  return {
    teammates: () => http.call(TeammatesResponse, { path: '/queue/teammates', timeoutMs: QUEUE_TIMEOUT_MS }),
    /** Who is on which case now: the live stream's starting point after it (re)connects. */
    presence: () => http.call(PresenceListResponse, { path: '/queue/presence', timeoutMs: QUEUE_TIMEOUT_MS }),
    announcePresence: (request: PresenceRequest) =>
      http.call(PresenceEvent, { method: 'POST', path: '/queue/presence', json: { schema: PresenceRequest, value: request }, timeoutMs: QUEUE_TIMEOUT_MS }),
  };
}
