import { useEffect, useState } from 'preact/hooks';
import { REDACTION_LABELS } from '../../lib/capture/redact';
import { notice, teams } from '../../lib/manager/state';
import { send } from '../../lib/messaging/browser';
import { MessageError } from '../../lib/messaging/dispatch';
import type { CapturePrivacyResponse } from '../../lib/schema/capture-privacy';
import { neverCaptureProblem } from '../../lib/schema/never-capture';
import { REDACTION_KINDS, type RedactionKind, type RedactionSettings } from '../../lib/schema/redaction';
import { showError } from './controls';

const HINTS: Partial<Record<RedactionKind, string>> = {
  secret: 'API keys (Stripe, AWS, GitHub, Slack), JWTs, “password: …”',
  passport: 'only after the word “passport”',
  email: 'off by default: an address in a message is often the point of the case',
  phone: 'off by default',
};

/** The never-capture sites (admins) and each team's redaction options (admins, the team's managers). */
export function CapturePrivacyView() {
  const [data, setData] = useState<CapturePrivacyResponse | null>(null);
  const [typed, setTyped] = useState('');
  useEffect(() => {
    send('capturePrivacy.get', {}).then(setData, showError);
  }, []);
  if (!data) return <p class="tdm-muted">Loading capture privacy…</p>;

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
    const problem = neverCaptureProblem(pattern) ?? (data.neverCapture.includes(pattern) ? `${pattern} is already in the list.` : null);
    if (problem) return showError(new MessageError('invalid_request', problem));
    void saveSites([...data.neverCapture, pattern], `Tandem no longer captures on ${pattern} (each agent after their next sync).`);
  };
  const setOption = async (teamId: string, options: RedactionSettings) => {
    try {
      const saved = await send('capturePrivacy.setRedaction', { teamId, options });
      setData({ ...data, teams: data.teams.map((t) => (t.teamId === teamId ? saved : t)) });
      notice.value = `Saved: captures of ${teams.value.find((t) => t.id === teamId)?.name ?? teamId} follow these options from their next sync.`;
    } catch (e) {
      showError(e);
    }
  };

  return (
    <section class="mgr-panel" aria-label="Capture privacy" data-testid="manager-capture-privacy">
      <h2>Never capture on these sites</h2>
      <p class="tdm-muted">
        No capture buttons, capture form or screenshots on these hosts, for every agent. “mybank.com” covers its subdomains too; “*.mybank.com” only the
        subdomains.
      </p>
      {data.neverCapture.length === 0 ? (
        <p class="tdm-muted">None yet.</p>
      ) : (
        <ul>
          {data.neverCapture.map((pattern) => (
            <li key={pattern} data-testid="never-capture-site">
              <code>{pattern}</code>{' '}
              <button
                type="button"
                aria-label={`Remove ${pattern}`}
                onClick={() =>
                  void saveSites(
                    data.neverCapture.filter((p) => p !== pattern),
                    `Tandem captures on ${pattern} again.`,
                  )
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="tdm-form" onSubmit={add}>
        <label>
          Site
          <input type="text" value={typed} placeholder="mybank.com" onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="submit">Add site</button>
      </form>

      <h2>Redaction in captures</h2>
      <p class="tdm-muted">What each team’s captures remove from the text before it is stored; the agent sees the list in the capture form before saving.</p>
      {data.teams.map(({ teamId, options }) => (
        <fieldset key={teamId} data-testid={`redaction-${teamId}`}>
          <legend>{teams.value.find((t) => t.id === teamId)?.name ?? teamId}</legend>
          {REDACTION_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" checked={options[kind]} onChange={(e) => void setOption(teamId, { ...options, [kind]: e.currentTarget.checked })} />{' '}
              {REDACTION_LABELS[kind]}s{HINTS[kind] ? <span class="tdm-muted"> ({HINTS[kind]})</span> : null}
            </label>
          ))}
        </fieldset>
      ))}
    </section>
  );
}
