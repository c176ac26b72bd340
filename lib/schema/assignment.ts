// Assignment of new cases (issue 20): each team's mode, the agents' own available/away status, and what the console
// shows of both. Shared by the server's `/assignment/*` routes (server/assignment/) and the extension (lib/assignment/).
import { z } from 'zod';
import { Id, Timestamp } from './entities';

/** manual: new cases wait in the pool; round_robin: available agents in turn; load_balanced: the one with fewest open cases. */
export const AssignmentMode = z.enum(['manual', 'round_robin', 'load_balanced']);
export type AssignmentMode = z.infer<typeof AssignmentMode>;

export const AssignmentSettings = z.strictObject({
  mode: AssignmentMode,
  /** Open cases (new, open, pending) an agent may hold before automatic assignment passes them over; null: no limit. */
  capacity: z.int().min(1).max(1000).nullable(),
  /** Minutes without input before the extension sets its agent away; null: never automatically. */
  autoAwayMinutes: z
    .int()
    .min(1)
    .max(24 * 60)
    .nullable(),
  /** Minutes an agent may be away before their open cases of this team return to the pool; null: they stay. */
  returnAfterMinutes: z
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .nullable(),
  /** Prefer agents holding the skills the case's tags name (lib/assignment/pick.ts); absent in older requests: off. */
  matchSkills: z.boolean().default(false),
  /** Prefer agents speaking the customer's language; absent in older requests: off. */
  matchLanguage: z.boolean().default(false),
});
export type AssignmentSettings = z.infer<typeof AssignmentSettings>;

/** A team that never saved settings: manual, as before assignment existed. */
export const DEFAULT_ASSIGNMENT: AssignmentSettings = {
  mode: 'manual',
  capacity: null,
  autoAwayMinutes: null,
  returnAfterMinutes: null,
  matchSkills: false,
  matchLanguage: false,
};

/** A skill as a case tag names it ("billing", "esim"): matched without regard to case. */
const Skill = z.string().trim().toLowerCase().min(1).max(50);
/** A language as customers carry it ("de", "pt-BR"): matched on its primary subtag. */
const Language = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

/** What one agent of a team can take on, set by the team's managers. */
export const AgentSkills = z.strictObject({
  userId: Id,
  skills: z.array(Skill).max(50),
  languages: z.array(Language).max(20),
});
export type AgentSkills = z.infer<typeof AgentSkills>;

/** A manager's save: the team's settings and, when given, the listed agents' skills and languages (others keep theirs). */
export const SaveTeamAssignment = AssignmentSettings.extend({ agentSkills: z.array(AgentSkills).max(500).optional() });
export type SaveTeamAssignment = z.input<typeof SaveTeamAssignment>;

export const AgentStatus = z.enum(['available', 'away']);
export type AgentStatus = z.infer<typeof AgentStatus>;

/** Who set the status: the agent's own switch, or the browser noticing they were idle (undone when they come back). */
export const StatusReason = z.enum(['manual', 'idle']);
export type StatusReason = z.infer<typeof StatusReason>;

export const SetAgentStatusRequest = z.strictObject({ status: AgentStatus, reason: StatusReason.default('manual') });
export type SetAgentStatusRequest = z.input<typeof SetAgentStatusRequest>;

export const MyAgentStatus = z.object({
  status: AgentStatus,
  reason: StatusReason,
  /** When the status last changed; null: never set (an agent is available until they say otherwise). */
  since: Timestamp.nullable(),
  /** The shortest auto-away of the agent's teams; null: none of them sets one. */
  autoAwayMinutes: z.int().nullable(),
});
export type MyAgentStatus = z.infer<typeof MyAgentStatus>;

export const TeamAgent = z.object({
  id: Id,
  name: z.string(),
  status: AgentStatus,
  since: Timestamp.nullable(),
  openCases: z.int().nonnegative(),
  skills: z.array(z.string()).default([]),
  languages: z.array(z.string()).default([]),
});
export type TeamAgent = z.infer<typeof TeamAgent>;

export const TeamAssignment = z.object({
  teamId: Id,
  settings: AssignmentSettings,
  /** null: the team uses DEFAULT_ASSIGNMENT. */
  updatedAt: Timestamp.nullable(),
  agents: z.array(TeamAgent),
});
export type TeamAssignment = z.infer<typeof TeamAssignment>;
