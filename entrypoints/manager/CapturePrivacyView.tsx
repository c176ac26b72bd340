import { useEffect, useState } from 'preact/hooks';
import { type MessageKey, t } from '../../lib/i18n/t';
import { notice, teams } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { MessageError } from '../../lib/messaging/dispatch';
import type { CapturePrivacyResponse } from '../../lib/schema/capture-privacy';
import { neverCaptureProblem } from '../../lib/schema/never-capture';
import { REDACTION_KINDS, type RedactionKind, type RedactionSettings } from '../../lib/schema/redaction';
import { showError } from './controls';

const KIND_NAMES = {
  card: 'ckb_redaction_kinds_card',
  national_id: 'ckb_redaction_kinds_national_id',
  iban: 'ckb_redaction_kinds_iban',
  passport: 'ckb_redaction_kinds_passport',
  secret: 'ckb_redaction_kinds_secret',
  email: 'ckb_redaction_kinds_email',
  phone: 'ckb_redaction_kinds_phone',
} as const satisfies Record<RedactionKind, MessageKey>;
const HINTS: Partial<Record<RedactionKind, MessageKey>> = {
  secret: 'ckb_capture_hint_secret',
  passport: 'ckb_capture_hint_passport',
  email: 'ckb_capture_hint_email',
  phone: 'ckb_capture_hint_phone',
};

function hint(kind: RedactionKind) {
  const key = HINTS[kind];
  return key ? <span class="tdm-muted"> ({t(key)})</span> : null;
}

/** The never-capture sites (admins) and each team's redaction options (admins, the team's managers). */
export function CapturePrivacyView() {
  const [data, setData] = useState<CapturePrivacyResponse | null>(null);
  const [typed, setTyped] = useState('');
  useEffect(() => {
    send('capturePrivacy.get', {}).then(setData, showError);
  }, []);
  if (!data) return <p class="tdm-muted">{t('ckb_capture_loading')}</p>;

  const saveSites = async (hosts: string[], done: string) => {
    try {
      const saved = await send('capturePrivacy.setNeverCapture', { hosts });
      setData({ ...data, neverCapture: saved.hosts });
      setTyped('');
      notice.value = done;
    } catch (e) {
      showError(e);
    }
  };
  const add = (e: Event) => {
    e.preventDefault();
    const pattern = typed.trim().toLowerCase();
    const problem = neverCaptureProblem(pattern) ?? (data.neverCapture.includes(pattern) ? t('ckb_capture_already_listed', pattern) : null);
    if (problem) return showError(new MessageError('invalid_request', problem));
    void saveSites([...data.neverCapture, pattern], t('ckb_capture_site_added', pattern));
  };
  const setOption = async (teamId: string, options: RedactionSettings) => {
    try {
      const saved = await send('capturePrivacy.setRedaction', { teamId, options });
      setData({ ...data, teams: data.teams.map((t) => (t.teamId === teamId ? saved : t)) });
      notice.value = t('ckb_capture_redaction_saved', teams.value.find((team) => team.id === teamId)?.name ?? teamId);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <section class="mgr-panel" aria-label={t('console_view_capture_privacy')} data-testid="manager-capture-privacy">
      <h2>{t('ckb_capture_never_title')}</h2>
      <p class="tdm-muted">{t('ckb_capture_never_help')}</p>
      {data.neverCapture.length === 0 ? (
        <p class="tdm-muted">{t('ckb_none_yet')}</p>
      ) : (
        <ul>
          {data.neverCapture.map((pattern) => (
            <li key={pattern} data-testid="never-capture-site">
              <code>{pattern}</code>{' '}
              <button
                type="button"
                aria-label={t('remove_named', pattern)}
                onClick={() =>
                  void saveSites(
                    data.neverCapture.filter((p) => p !== pattern),
                    t('ckb_capture_site_removed', pattern),
                  )
                }
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="tdm-form" onSubmit={add}>
        <label>
          {t('ckb_capture_site')}
          <input type="text" value={typed} placeholder={t('ckb_capture_site_placeholder')} onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('ckb_capture_add_site')}</button>
      </form>

      <h2>{t('ckb_capture_redaction_title')}</h2>
      <p class="tdm-muted">{t('ckb_capture_redaction_help')}</p>
      {data.teams.map(({ teamId, options }) => (
        <fieldset key={teamId} data-testid={`redaction-${teamId}`}>
          <legend>{teams.value.find((team) => team.id === teamId)?.name ?? teamId}</legend>
          {REDACTION_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" checked={options[kind]} onChange={(e) => void setOption(teamId, { ...options, [kind]: e.currentTarget.checked })} />{' '}
              {t(KIND_NAMES[kind])}
              {hint(kind)}
            </label>
          ))}
        </fieldset>
      ))}
    </section>
  );
}
