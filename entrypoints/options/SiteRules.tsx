import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { type MessageKey, t } from '../../lib/i18n/t';
import { RULE_FIELDS, type RuleField, type StoredSiteRule } from '../../lib/schema/site-rule';
import { addRule, browserRuleDeps, deleteRule, ruleId, setRuleEnabled } from '../../lib/site-rules/rule-flow';
import { loadSiteRules, siteRulesItem } from '../../lib/site-rules/storage';

const rules = signal<StoredSiteRule[]>([]);
const message = signal<{ kind: 'ok' | 'error' | 'pending'; text: string } | null>(null);
const deps = browserRuleDeps();

const FIELD_LABELS: Record<RuleField, MessageKey> = {
  email: 'site_rule_email',
  phone: 'site_rule_phone',
  twitter: 'site_rule_twitter',
  name: 'site_rule_name',
  recordId: 'site_rule_record_id',
  conversation: 'site_rule_conversation',
};

async function refresh() {
  rules.value = await loadSiteRules();
}

async function onAdd(form: HTMLFormElement) {
  const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
  const selectors = Object.fromEntries(RULE_FIELDS.map((f) => [f, data[`sel-${f}`]?.trim()]).filter(([, v]) => v));
  const name = (data.name ?? '').trim();
  message.value = { kind: 'pending', text: t('site_rule_waiting', data.match ?? t('site_rule_the_site')) };
  const outcome = await addRule(deps, { id: ruleId(name), name, match: (data.match ?? '').trim(), visibility: data.visibility, selectors });
  if (!outcome.ok) {
    message.value = { kind: 'error', text: outcome.error };
    return;
  }
  form.reset();
  message.value = outcome.granted
    ? { kind: 'ok', text: t('site_rule_added', outcome.rule.match) }
    : { kind: 'error', text: t('site_rule_denied', outcome.rule.name, outcome.rule.match) };
  await refresh();
}

async function onToggle(rule: StoredSiteRule, on: boolean) {
  const result = await setRuleEnabled(deps, rule.id, on, rule.match);
  message.value = result.ok ? null : { kind: 'error', text: result.error ?? t('site_rule_toggle_failed') };
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
      <h4>{t('site_rules_title')}</h4>
      {rules.value.length === 0 ? (
        <p class="tdm-muted">{t('site_rules_none')}</p>
      ) : (
        <ul>
          {rules.value.map((rule) => (
            <li key={rule.id} data-testid="tandem-site-rule">
              <label>
                <input type="checkbox" checked={rule.enabled} onChange={(e) => void onToggle(rule, e.currentTarget.checked)} /> {rule.name}
              </label>{' '}
              <code>{rule.match}</code> <span class="tdm-muted">{rule.source === 'server' ? t('site_rule_from_manager') : t('site_rule_added_here')}</span>{' '}
              {canEdit && rule.source === 'admin' && (
                <button type="button" onClick={() => void deleteRule(deps, rule.id).then(refresh)} aria-label={t('delete_named', rule.name)}>
                  {t('delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          class="tdm-form"
          aria-label={t('site_rule_add_label')}
          onSubmit={(e) => {
            e.preventDefault();
            void onAdd(e.currentTarget);
          }}
        >
          <label>
            {t('site_rule_site_name')}
            <input name="name" required maxLength={80} />
          </label>
          <label>
            {t('site_rule_pattern')}
            <input name="match" required placeholder={t('site_rule_pattern_placeholder')} />
          </label>
          {RULE_FIELDS.map((f) => (
            <label key={f}>
              {t(FIELD_LABELS[f])}
              <input name={`sel-${f}`} placeholder={f === 'email' ? t('site_rule_email_placeholder') : ''} />
            </label>
          ))}
          <label>
            {t('site_rule_visibility')}
            <select name="visibility">
              <option value="private">{t('site_rule_private')}</option>
              <option value="public">{t('site_rule_public')}</option>
            </select>
          </label>
          <button type="submit" class="tdm-primary">
            {t('site_rule_add')}
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
