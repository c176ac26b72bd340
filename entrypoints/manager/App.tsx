import { useEffect } from 'preact/hooks';
import { roleLabel } from '../../lib/i18n/labels';
import { type MessageKey, t } from '../../lib/i18n/t';
import { caseToDraftFrom } from '../../lib/manager/from-case';
import { error, loadList, loadSnippetChoices, loadTeams, notice, openArticleFromCase, view } from '../../lib/manager/state';
import { refreshStatus, syncStatus } from '../../lib/ui/status';
import { AccessLogView } from './AccessLogView';
import { AnalyticsView } from './AnalyticsView';
import { AssignmentView } from './AssignmentView';
import { BroadcastReadsView } from './BroadcastReadsView';
import { CapturePrivacyView } from './CapturePrivacyView';
import { ContentGapsView } from './ContentGapsView';
import { ContentView } from './ContentView';
import { CustomerImportView } from './CustomerImportView';
import { CustomerPrivacyView } from './CustomerPrivacyView';
import { FieldPolicyView } from './FieldPolicyView';
import { ImportView } from './ImportView';
import { IncidentsView } from './IncidentsView';
import { KnowledgeReviewView } from './KnowledgeReviewView';
import { RecognitionHealthView } from './RecognitionHealthView';
import { RetentionView } from './RetentionView';
import { SlaView } from './SlaView';
import { TokensView } from './TokensView';
import { WebhooksView } from './WebhooksView';

// Grouped by what a manager came to do: with seventeen screens, one row of tabs ran off a laptop's screen.
const VIEW_GROUPS = [
  {
    label: 'console_group_knowledge',
    views: [
      { id: 'content', label: 'console_view_content' },
      { id: 'knowledge-review', label: 'console_view_knowledge_review' },
      { id: 'content-gaps', label: 'console_view_content_gaps' },
      { id: 'broadcast-reads', label: 'console_view_broadcast_reads' },
      { id: 'import', label: 'console_view_import' },
    ],
  },
  {
    label: 'console_group_service',
    views: [
      { id: 'analytics', label: 'console_view_analytics' },
      { id: 'sla', label: 'console_view_sla' },
      { id: 'assignment', label: 'console_view_assignment' },
    ],
  },
  {
    label: 'console_group_customers',
    views: [
      { id: 'customers', label: 'console_view_customers' },
      { id: 'recognition', label: 'console_view_recognition' },
    ],
  },
  {
    label: 'console_group_privacy',
    views: [
      { id: 'field-policy', label: 'console_view_field_policy' },
      { id: 'access-log', label: 'console_view_access_log' },
      { id: 'capture-privacy', label: 'console_view_capture_privacy' },
      { id: 'retention', label: 'console_view_retention' },
      { id: 'customer-privacy', label: 'console_view_customer_privacy' },
    ],
  },
  {
    label: 'console_group_integrations',
    views: [
      { id: 'tokens', label: 'console_view_tokens' },
      { id: 'webhooks', label: 'console_view_webhooks' },
    ],
  },
] as const satisfies readonly { label: MessageKey; views: readonly { id: string; label: MessageKey }[] }[];

/** The manager console: author content, import a knowledge base, see what is used. */
export function ManagerApp() {
  useEffect(() => {
    void refreshStatus().then(() => {
      if (!syncStatus.value?.signedIn) return;
      // The server decides who may: an agent's first call comes back "forbidden" and says so here.
      void loadTeams().then(() => {
        if (error.value) return;
        void loadList();
        void loadSnippetChoices();
        // Opened by the side panel's "Draft article" on a solved case (lib/manager/from-case.ts).
        const caseId = caseToDraftFrom(location.search);
        if (caseId) void openArticleFromCase(caseId);
      });
    });
  }, []);
  const status = syncStatus.value;
  return (
    <main class="mgr" data-testid="manager-console">
      <header class="mgr-header">
        <h1>{t('console_title')}</h1>
        {status?.user && (
          <span class="tdm-muted" data-testid="manager-user">
            {status.user.name} · {roleLabel(status.user.role)}
          </span>
        )}
      </header>
      <div class="mgr-body">
        <nav class="mgr-nav" aria-label={t('console_sections')}>
          {VIEW_GROUPS.map((group) => (
            <section key={group.label} aria-label={t(group.label)}>
              <h2>{t(group.label)}</h2>
              {group.views.map((v) => (
                <button key={v.id} type="button" aria-current={view.value === v.id ? 'page' : undefined} onClick={() => (view.value = v.id)}>
                  {t(v.label)}
                </button>
              ))}
            </section>
          ))}
        </nav>
        <div class="mgr-view">
          {status && !status.signedIn && <p class="mgr-alert">{t('console_sign_in')}</p>}
          {error.value && (
            <div class="mgr-alert" role="alert" data-testid="manager-error" data-code={error.value.code}>
              <span style={{ flex: 1 }}>{error.value.message}</span>
              <button type="button" onClick={() => (error.value = null)} aria-label={t('console_dismiss_error')}>
                ×
              </button>
            </div>
          )}
          {notice.value && (
            <p class="mgr-notice" role="status" data-testid="manager-notice">
              {notice.value}
            </p>
          )}
          {status?.signedIn && <IncidentsView />}
          {view.value === 'content' && <ContentView />}
          {view.value === 'import' && <ImportView />}
          {view.value === 'customers' && <CustomerImportView />}
          {view.value === 'analytics' && <AnalyticsView />}
          {view.value === 'sla' && <SlaView />}
          {view.value === 'assignment' && <AssignmentView />}
          {view.value === 'field-policy' && <FieldPolicyView />}
          {view.value === 'access-log' && <AccessLogView />}
          {view.value === 'recognition' && <RecognitionHealthView />}
          {view.value === 'capture-privacy' && <CapturePrivacyView />}
          {view.value === 'retention' && <RetentionView />}
          {view.value === 'customer-privacy' && <CustomerPrivacyView />}
          {view.value === 'tokens' && <TokensView />}
          {view.value === 'webhooks' && <WebhooksView />}
          {view.value === 'knowledge-review' && <KnowledgeReviewView />}
          {view.value === 'broadcast-reads' && <BroadcastReadsView />}
          {view.value === 'content-gaps' && <ContentGapsView />}
        </div>
      </div>
    </main>
  );
}
