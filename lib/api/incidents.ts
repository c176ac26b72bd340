// Possible incidents' routes (`/incidents/*`, server/routes/incidents.ts), as methods of the API client: managers only.
import type { z } from 'zod';
import {
  FollowUpRequest,
  FollowUpResponse,
  Incident,
  type IncidentStatus,
  IncidentStatusRequest,
  IncidentsResponse,
  LinkBroadcastRequest,
} from '../schema/incidents';
import { type Http, path } from './http';

export function incidentRoutes(http: Http) {
  const post = <S extends z.ZodType>(schema: S, route: string, body: { schema: z.ZodType; value: unknown }) =>
    http.call(schema, { method: 'POST', path: route, json: body });
  return {
    list: (status?: IncidentStatus) => http.call(IncidentsResponse, { path: '/incidents', query: status ? { status } : {} }),
    link: (id: string, broadcastId: string, workaround: string | null = null) =>
      post(Incident, path`/incidents/${id}/link`, { schema: LinkBroadcastRequest, value: { broadcastId, workaround } }),
    setStatus: (id: string, status: 'closed' | 'dismissed') =>
      post(Incident, path`/incidents/${id}/status`, { schema: IncidentStatusRequest, value: { status } }),
    followUp: (id: string, message: string) => post(FollowUpResponse, path`/incidents/${id}/follow-ups`, { schema: FollowUpRequest, value: { message } }),
  };
}
