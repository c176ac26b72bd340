import { useEffect, useState } from 'preact/hooks';
import { type MessageKey, t } from '../../lib/i18n/t';
import { notice, teams } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import type { AgentSkills, AssignmentMode, AssignmentSettings, TeamAgent, TeamAssignment } from '../../lib/schema/assignment';
import { ChoiceSet, showError } from './controls';

const MODES: { id: AssignmentMode; label: MessageKey }[] = [
  { id: 'manual', label: 'cka_mode_manual' },
  { id: 'round_robin', label: 'cka_mode_round_robin' },
  { id: 'load_balanced', label: 'cka_mode_load_balanced' },
];
/** Each editable list of an agent: its cell's label and example. */
const AGENT_LIST = {
  skills: { label: 'cka_agent_skills', example: 'cka_skills_example' },
  languages: { label: 'cka_agent_languages', example: 'cka_languages_example' },
} as const satisfies Record<string, { label: MessageKey; example: MessageKey }>;

const MATCHES = ['skills', 'language'] as const;
type Match = (typeof MATCHES)[number];
const MATCH_LABEL = { skills: 'de2_match_skills', language: 'de2_match_language' } as const satisfies Record<Match, MessageKey>;

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
        placeholder={t('cka_off')}
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
      notice.value = t('cka_assignment_saved', teamId);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <section class="mgr-panel" aria-label={t('console_view_assignment')} data-testid="manager-assignment">
      <h2>{t('console_view_assignment')}</h2>
      <label>
        {t('filter_team')}{' '}
        <select value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
          {teams.value.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      {draft && (
        <form onSubmit={save}>
          <fieldset>
            <legend>{t('cka_new_cases')}</legend>
            {MODES.map((m) => (
              <label key={m.id} style={{ display: 'block' }}>
                <input type="radio" name="assignment-mode" value={m.id} checked={draft.mode === m.id} onChange={() => setDraft({ ...draft, mode: m.id })} />{' '}
                {t(m.label)}
              </label>
            ))}
          </fieldset>
          <OptionalMinutes
            label={t('cka_capacity')}
            testId="manager-assignment-capacity"
            min={1}
            value={draft.capacity}
            onChange={(capacity) => setDraft({ ...draft, capacity })}
          />{' '}
          <OptionalMinutes
            label={t('cka_auto_away')}
            testId="manager-assignment-auto-away"
            min={1}
            value={draft.autoAwayMinutes}
            onChange={(autoAwayMinutes) => setDraft({ ...draft, autoAwayMinutes })}
          />{' '}
          <OptionalMinutes
            label={t('cka_return_after')}
            testId="manager-assignment-return"
            min={0}
            value={draft.returnAfterMinutes}
            onChange={(returnAfterMinutes) => setDraft({ ...draft, returnAfterMinutes })}
          />{' '}
          <ChoiceSet<Match>
            legend={t('cka_match_by')}
            options={MATCHES}
            chosen={MATCHES.filter((m) => (m === 'skills' ? draft.matchSkills : draft.matchLanguage))}
            onChange={(chosen) => setDraft({ ...draft, matchSkills: chosen.includes('skills'), matchLanguage: chosen.includes('language') })}
            testIdPrefix="manager-assignment-match-"
            labelOf={(match) => t(MATCH_LABEL[match])}
          />
          {team && (
            <table>
              <caption>{t('cka_agents_caption', teamId)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cka_agent')}</th>
                  <th scope="col">{t('filter_status')}</th>
                  <th scope="col">{t('cases_open')}</th>
                  <th scope="col">{t('cka_skills')}</th>
                  <th scope="col">{t('cka_languages')}</th>
                </tr>
              </thead>
              <tbody>
                {team.agents.map((a) => (
                  <tr key={a.id} data-testid="manager-assignment-agent" data-agent-id={a.id}>
                    <td>{a.name}</td>
                    <td>{a.status === 'available' ? t('cka_available') : t('cka_away')}</td>
                    <td>{a.openCases}</td>
                    {(Object.keys(AGENT_LIST) as (keyof typeof AGENT_LIST)[]).map((field) => (
                      <td key={field}>
                        <input
                          aria-label={t(AGENT_LIST[field].label, a.name)}
                          data-testid={`manager-assignment-${field}`}
                          placeholder={t(AGENT_LIST[field].example)}
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
          <button type="submit">{t('cka_save_assignment')}</button>
        </form>
      )}
    </section>
  );
}
