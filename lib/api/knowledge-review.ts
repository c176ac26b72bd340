// Keeping knowledge true (server/routes/knowledge-review.ts and POST /manager/:kind/:id/verify), as methods of the API client: managers only.

import { GapGroupsResponse, GapsRequest, GapsSentResponse, type KnowledgeGap } from '../schema/knowledge-gaps';
import {
  FlagsRequest,
  FlagsSentResponse,
  type KnowledgeFlag,
  OpenFlagsResponse,
  SetVerifyIntervalRequest,
  ToVerifyResponse,
  type VerifiableKind,
  VerifyIntervalsResponse,
  VerifyRequest,
} from '../schema/knowledge-review';
import { ManagedItem } from '../schema/manager';
import { type Http, path } from './http';

export function knowledgeReviewRoutes(http: Http) {
  return {
    intervals: () => http.call(VerifyIntervalsResponse, { path: '/knowledge/review/intervals' }),
    setInterval: (teamId: string, days: number) =>
      http.call(VerifyIntervalsResponse, {
        method: 'PUT',
        path: path`/knowledge/review/intervals/${teamId}`,
        json: { schema: SetVerifyIntervalRequest, value: { days } },
      }),
    toVerify: () => http.call(ToVerifyResponse, { path: '/knowledge/review/to-verify' }),
    /** A stale `baseVersion` fails with code `conflict`. */
    verify: (kind: VerifiableKind, id: string, baseVersion?: number) =>
      http.call(ManagedItem, {
        method: 'POST',
        path: path`/manager/${kind}/${id}/verify`,
        json: { schema: VerifyRequest, value: baseVersion === undefined ? {} : { baseVersion } },
      }),
    /** Agents' flags; idempotent by id. */
    sendFlags: (flags: KnowledgeFlag[]) =>
      http.call(FlagsSentResponse, { method: 'POST', path: '/knowledge/review/flags', json: { schema: FlagsRequest, value: { flags } } }),
    flags: () => http.call(OpenFlagsResponse, { path: '/knowledge/review/flags' }),
    resolveFlag: (id: string) => http.call(OpenFlagsResponse, { method: 'POST', path: path`/knowledge/review/flags/${id}/resolve` }),
    /** Content gaps, from any agent's device; idempotent by id. */
    sendGaps: (gaps: KnowledgeGap[]) =>
      http.call(GapsSentResponse, { method: 'POST', path: '/knowledge/review/gaps', json: { schema: GapsRequest, value: { gaps } } }),
    gaps: () => http.call(GapGroupsResponse, { path: '/knowledge/review/gaps' }),
  };
}
