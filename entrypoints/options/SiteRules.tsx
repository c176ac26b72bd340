import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { RULE_FIELDS, type RuleField, type StoredSiteRule } from '../../lib/schema/site-rule';
import { addRule, browserRuleDeps, deleteRule, ruleId, setRuleEnabled } from '../../lib/site-rules/rule-flow';
import { loadSiteRules, siteRulesItem } from '../../lib/site-rules/storage';

const rules = signal<StoredSiteRule[]>([]);
const message = signal<{ kind: 'ok' | 'error' | 'pending'; text: string } | null>(null);
const deps = browserRuleDeps();

const FIELD_LABELS: Record<RuleField, string> = {
  email: 'Email selector',
  phone: 'Phone selector',
  twitter: 'X handle selector',
  name: 'Name selector',
  recordId: 'Record id selector',
  conversation: 'Conversation selector',
};

async function refresh() {
  rules.value = await loadSiteRules();
}

async function onAdd(form: HTMLFormElement) {
  const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
  const selectors = Object.fromEntries(RULE_FIELDS.map((f) => [f, data[`sel-${f}`]?.trim()]).filter(([, v]) => v));
  const name = (data.name ?? '').trim();
  message.value = { kind: 'pending', text: `Waiting for the browser to allow Tandem on ${data.match ?? 'the site'}…` };
  const outcome = await addRule(deps, { id: ruleId(name), name, match: (data.match ?? '').trim(), visibility: data.visibility, selectors });
  if (!outcome.ok) {
    message.value = { kind: 'error', text: outcome.error };
    return;
  }
  form.reset();
  message.value = outcome.granted
    ? { kind: 'ok', text: `Tandem now runs on ${outcome.rule.match}.` }
    : { kind: 'error', text: `Saved "${outcome.rule.name}" but switched off: the browser did not allow Tandem on ${outcome.rule.match}.` };
  await refresh();
}

async function onToggle(rule: StoredSiteRule, on: boolean) {
  const result = await setRuleEnabled(deps, rule.id, on, rule.match);
  message.value = result.ok ? null : { kind: 'error', text: result.error ?? 'Could not change the rule.' };
  await refresh();
}

/** Custom sites: the list every agent sees and can switch on or off; admins also add and delete. */
export function SiteRulesSection({ canEdit }: { canEdit: boolean }) {
  useEffect(() => {
    void refresh();
    return siteRulesItem.watch(() => void refresh());
  }, []);

  return (
    <div class="tdm-site-rules" data-testid="tandem-site-rules">
      <h4>Custom sites</h4>
      {rules.value.length === 0 ? (
        <p class="tdm-muted">No custom sites.</p>
      ) : (
        <ul>
          {rules.value.map((rule) => (
            <li key={rule.id} data-testid="tandem-site-rule">
              <label>
                <input type="checkbox" checked={rule.enabled} onChange={(e) => void onToggle(rule, e.currentTarget.checked)} /> {rule.name}
              </label>{' '}
              <code>{rule.match}</code> <span class="tdm-muted">{rule.source === 'server' ? 'from your manager' : 'added here'}</span>{' '}
              {canEdit && rule.source === 'admin' && (
                <button type="button" onClick={() => void deleteRule(deps, rule.id).then(refresh)} aria-label={`Delete ${rule.name}`}>
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          class="tdm-form"
          aria-label="Add a custom site"
          onSubmit={(e) => {
            e.preventDefault();
            void onAdd(e.currentTarget);
          }}
        >
          <label>
            Site name
            <input name="name" required maxLength={80} />
          </label>
          <label>
            Address pattern
            <input name="match" required placeholder="https://crm.example.net/*" />
          </label>
          {RULE_FIELDS.map((f) => (
            <label key={f}>
              {FIELD_LABELS[f]}
              <input name={`sel-${f}`} placeholder={f === 'email' ? '[data-field=email] a' : ''} />
            </label>
          ))}
          <label>
            Conversations there are
            <select name="visibility">
              <option value="private">private (tickets, emails)</option>
              <option value="public">public (posts, comments)</option>
            </select>
          </label>
          <button type="submit" class="tdm-primary">
            Add site
          </button>
        </form>
      )}
      {message.value && (
        <p class={message.value.kind === 'error' ? 'tdm-error' : 'tdm-muted'} role="status" data-testid="tandem-site-rule-message">
          {message.value.text}
        </p>
      )}
    </div>
  );
}
