import { useEffect, useState } from 'preact/hooks';
import { notice, teams } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { AssignmentMode, AssignmentSettings, TeamAssignment } from '../../lib/schema/assignment';
import { showError } from './controls';

const MODES: { id: AssignmentMode; label: string }[] = [
  { id: 'manual', label: 'Manual: new cases wait in the team pool' },
  { id: 'round_robin', label: 'Round-robin: each available agent in turn' },
  { id: 'load_balanced', label: 'Load-balanced: the available agent with the fewest open cases' },
];

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
  useEffect(() => {
    if (!teamId && teams.value[0]) setTeamId(teams.value[0].id);
  }, [teams.value]);
  useEffect(() => {
    if (!teamId) return;
    send('assignment.team', { teamId })
      .then((answer) => {
        setTeam(answer);
        setDraft(answer.settings);
      })
      .catch(showError);
  }, [teamId]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    try {
      const answer = await send('assignment.setTeam', { teamId, settings: draft });
      setTeam(answer);
      setDraft(answer.settings);
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
          <button type="submit">Save assignment</button>
        </form>
      )}
      {team && (
        <table>
          <caption>Agents of {teamId}</caption>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Status</th>
              <th scope="col">Open cases</th>
            </tr>
          </thead>
          <tbody>
            {team.agents.map((a) => (
              <tr key={a.id} data-testid="manager-assignment-agent" data-agent-id={a.id}>
                <td>{a.name}</td>
                <td>{a.status === 'available' ? 'Available' : 'Away'}</td>
                <td>{a.openCases}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
