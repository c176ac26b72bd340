import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t';
import { managedSemanticSuggestions } from '../../lib/settings/managed';
import { loadSettings, semanticSuggestionsItem } from '../../lib/settings/settings';

/** Suggestions by meaning (lib/knowledge/semantic/): the agent's switch, shown read-only when a policy set it. */
export function SemanticSection() {
  const [on, setOn] = useState<boolean | null>(null);
  const [managed, setManaged] = useState<boolean | null>(null);
  useEffect(() => {
    void Promise.all([loadSettings(), managedSemanticSuggestions()]).then(([settings, policy]) => {
      setManaged(policy);
      setOn(policy ?? settings.semanticSuggestions);
    });
  }, []);
  if (on === null) return null;
  const toggle = (next: boolean) => {
    setOn(next);
    void semanticSuggestionsItem.setValue(next);
  };
  return (
    <section class="tdm-section" aria-labelledby="semantic">
      <h3 id="semantic">{t('semantic_title')}</h3>
      <label>
        <input
          type="checkbox"
          data-testid="tandem-semantic-setting"
          checked={on}
          disabled={managed !== null}
          aria-describedby={managed !== null ? 'semantic-managed' : undefined}
          onChange={(e) => toggle(e.currentTarget.checked)}
        />{' '}
        {t('semantic_label')}
      </label>
      {managed !== null && (
        <p id="semantic-managed" class="tdm-muted">
          {t('semantic_managed')}
        </p>
      )}
      <p class="tdm-muted">{t('semantic_help')}</p>
    </section>
  );
}
