import { teams } from '../../lib/manager/state';

/** "Team" choice among the manager's own teams, with an empty option meaning all of them. */
export function MyTeamSelect({ value, onChange, anyLabel }: { value: string; onChange(teamId: string): void; anyLabel: string }) {
  return (
    <label>
      Team
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{anyLabel}</option>
        {teams.value
          .filter((t) => t.member)
          .map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
      </select>
    </label>
  );
}

/** One version of a record's history, by number. */
export function VersionSelect({
  label,
  value,
  versions,
  onChange,
  testId,
}: {
  label: string;
  value: number;
  versions: ReadonlyArray<{ version: number }>;
  onChange(version: number): void;
  testId: string;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(Number(e.currentTarget.value))} data-testid={testId}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );
}
