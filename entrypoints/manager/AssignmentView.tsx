import { useEffect, useState } from 'preact/hooks';
import { notice, teams } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { AgentSkills, AssignmentMode, AssignmentSettings, TeamAgent, TeamAssignment } from '../../lib/schema/assignment';
import { ChoiceSet, showError } from './controls';

const MODES: { id: AssignmentMode; label: string }[] = [
  { id: 'manual', label: 'Manual: new cases wait in the team pool' },
  { id: 'round_robin', label: 'Round-robin: each available agent in turn' },
  { id: 'load_balanced', label: 'Load-balanced: the available agent with the fewest open cases' },
];

const MATCHES = ['skills', 'language'] as const;
type Match = (typeof MATCHES)[number];

/** "billing, eSIM" → ["billing", "eSIM"]: the console types lists comma-separated. */
const listOf = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** The agents' skills and languages as the console edits them: comma-separated text per agent. */
type SkillsDraft = Record<string, { skills: string; languages: string }>;
const skillsDraftOf = (agents: readonly TeamAgent[]): SkillsDraft =>
  Object.fromEntries(agents.map((a) => [a.id, { skills: a.skills.join(', '), languages: a.languages.join(', ') }]));

/** A number input for a setting that may be off (empty). */
function OptionalMinutes(props: { label: string; value: number | null; min: number; onChange(value: number | null): void; testId: string }) {
  return (
    <label>
      {props.label}{' '}
      <input
        type="number"
        min={props.min}
        data-testid={props.testId}
        value={props.value ?? ''}
        placeholder="off"
        onInput={(e) => props.onChange(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
      />
    </label>
  );
}

/** A team's assignment of new cases (decided by the server at each capture) and its agents' status and load. */
export function AssignmentView() {
  const [teamId, setTeamId] = useState(teams.value[0]?.id ?? '');
  const [team, setTeam] = useState<TeamAssignment | null>(null);
  const [draft, setDraft] = useState<AssignmentSettings | null>(null);
  const [skills, setSkills] = useState<SkillsDraft>({});
  const shown = (answer: TeamAssignment) => {
    setTeam(answer);
    setDraft(answer.settings);
    setSkills(skillsDraftOf(answer.agents));
  };
  useEffect(() => {
    if (!teamId && teams.value[0]) setTeamId(teams.value[0].id);
  }, [teams.value]);
  useEffect(() => {
    if (!teamId) return;
    send('assignment.team', { teamId }).then(shown).catch(showError);
  }, [teamId]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    try {
      const agentSkills: AgentSkills[] = Object.entries(skills).map(([userId, typed]) => ({
        userId,
        skills: listOf(typed.skills),
        languages: listOf(typed.languages),
      }));
      shown(await send('assignment.setTeam', { teamId, settings: { ...draft, agentSkills } }));
      notice.value = `Assignment saved for ${teamId}.`;
    } catch (err) {
      showError(err);
    }
  };

  return (
    <section class="mgr-panel" aria-label="Assignment" data-testid="manager-assignment">
      <h2>Assignment</h2>
      <label>
        Team{' '}
        <select value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
          {teams.value.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {draft && (
        <form onSubmit={save}>
          <fieldset>
            <legend>New cases</legend>
            {MODES.map((m) => (
              <label key={m.id} style={{ display: 'block' }}>
                <input type="radio" name="assignment-mode" value={m.id} checked={draft.mode === m.id} onChange={() => setDraft({ ...draft, mode: m.id })} />{' '}
                {m.label}
              </label>
            ))}
          </fieldset>
          <OptionalMinutes
            label="Open cases per agent at most"
            testId="manager-assignment-capacity"
            min={1}
            value={draft.capacity}
            onChange={(capacity) => setDraft({ ...draft, capacity })}
          />{' '}
          <OptionalMinutes
            label="Away after minutes idle"
            testId="manager-assignment-auto-away"
            min={1}
            value={draft.autoAwayMinutes}
            onChange={(autoAwayMinutes) => setDraft({ ...draft, autoAwayMinutes })}
          />{' '}
          <OptionalMinutes
            label="Return an away agent's cases to the pool after minutes"
            testId="manager-assignment-return"
            min={0}
            value={draft.returnAfterMinutes}
            onChange={(returnAfterMinutes) => setDraft({ ...draft, returnAfterMinutes })}
          />{' '}
          <ChoiceSet<Match>
            legend="Match new cases to agents by (every available agent takes them when none matches)"
            options={MATCHES}
            chosen={MATCHES.filter((m) => (m === 'skills' ? draft.matchSkills : draft.matchLanguage))}
            onChange={(chosen) => setDraft({ ...draft, matchSkills: chosen.includes('skills'), matchLanguage: chosen.includes('language') })}
            testIdPrefix="manager-assignment-match-"
          />
          {team && (
            <table>
              <caption>Agents of {teamId}: skills (case tags) and languages, comma-separated</caption>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Status</th>
                  <th scope="col">Open cases</th>
                  <th scope="col">Skills</th>
                  <th scope="col">Languages</th>
                </tr>
              </thead>
              <tbody>
                {team.agents.map((a) => (
                  <tr key={a.id} data-testid="manager-assignment-agent" data-agent-id={a.id}>
                    <td>{a.name}</td>
                    <td>{a.status === 'available' ? 'Available' : 'Away'}</td>
                    <td>{a.openCases}</td>
                    {(['skills', 'languages'] as const).map((field) => (
                      <td key={field}>
                        <input
                          aria-label={`${a.name}: ${field}`}
                          data-testid={`manager-assignment-${field}`}
                          placeholder={field === 'skills' ? 'billing, esim' : 'en, de'}
                          value={skills[a.id]?.[field] ?? ''}
                          onInput={(e) => setSkills({ ...skills, [a.id]: { skills: '', languages: '', ...skills[a.id], [field]: e.currentTarget.value } })}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button type="submit">Save assignment</button>
        </form>
      )}
    </section>
  );
}
