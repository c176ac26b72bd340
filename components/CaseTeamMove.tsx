// The queue's "Move to team" for a selected case: offers to move its customer with it (lib/cases/team-move.ts,
// docs/sla.md "Moving a case to another team"). Team ids are shown as the queue's team filter shows them.
import { useEffect, useState } from 'preact/hooks';
import type { CustomerMoveOffer } from '../lib/cases/team-move';
import { errorMessage } from '../lib/i18n/errors';
import { t, tCount } from '../lib/i18n/t';
import { send } from '../lib/messaging/browser';
import type { QueueCase } from '../lib/schema/queue';

export function CaseTeamMove({ c, teamIds }: { c: QueueCase; teamIds: readonly string[] }) {
  const targets = teamIds.filter((id) => id !== c.teamId);
  const [teamId, setTeamId] = useState('');
  const [offer, setOffer] = useState<CustomerMoveOffer | null>(null);
  const [moveCustomer, setMoveCustomer] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setOffer(null);
    setError(null);
    if (!teamId) return;
    let current = true;
    send('cases.teamMoveOffer', { caseId: c.id, teamId })
      .then((next) => {
        if (!current) return;
        setOffer(next);
        setMoveCustomer(next.suggested);
      })
      .catch((e: unknown) => current && setError(errorMessage(e)));
    return () => {
      current = false;
    };
  }, [c.id, teamId]);

  if (targets.length === 0) return null;

  async function move() {
    setBusy(true);
    setError(null);
    try {
      await send('cases.moveToTeam', { caseId: c.id, teamId, moveCustomer: !!offer?.offered && moveCustomer });
      setTeamId('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="tdm-queue-move" data-testid="tandem-case-team-move">
      <label>
        {t('case_move_team')}{' '}
        <select data-testid="tandem-case-team-select" value={teamId} onChange={(e) => setTeamId((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('case_move_team_choose')}</option>
          {targets.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      {offer?.offered && (
        <label>
          <input
            type="checkbox"
            data-testid="tandem-case-move-customer"
            checked={moveCustomer}
            onChange={(e) => setMoveCustomer((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          {t('case_move_customer_too', offer.customerName ?? t('case_move_customer_unnamed'), teamId)}
        </label>
      )}
      {offer && offer.otherOpenCases > 0 && <p class="tdm-muted">{tCount('case_move_other_open', offer.otherOpenCases, c.teamId)}</p>}
      {teamId && (
        <button type="button" data-testid="tandem-case-move" disabled={busy || !offer} onClick={() => void move()}>
          {t('case_move_confirm')}
        </button>
      )}
      {error && (
        <p class="tdm-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
