// The assignment routes (`/assignment/*`, server/assignment/): the agent's own status, and a team's settings for managers.
import { MyAgentStatus, SaveTeamAssignment, SetAgentStatusRequest, TeamAssignment } from '../schema/assignment';
import { type Http, path } from './http';

export function assignmentRoutes(http: Http) {
  return {
    myStatus: () => http.call(MyAgentStatus, { path: '/assignment/status' }),
    setMyStatus: (request: SetAgentStatusRequest) =>
      http.call(MyAgentStatus, { method: 'PUT', path: '/assignment/status', json: { schema: SetAgentStatusRequest, value: request } }),
    team: (teamId: string) => http.call(TeamAssignment, { path: path`/assignment/teams/${teamId}` }),
    setTeam: (teamId: string, settings: SaveTeamAssignment) =>
      http.call(TeamAssignment, { method: 'PUT', path: path`/assignment/teams/${teamId}`, json: { schema: SaveTeamAssignment, value: settings } }),
  };
}
