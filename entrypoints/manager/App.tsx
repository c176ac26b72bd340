import { useEffect } from 'preact/hooks';
import { error, loadList, loadSnippetChoices, loadTeams, notice, view } from '../../lib/manager/state';
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
    label: 'Knowledge',
    views: [
      { id: 'content', label: 'Knowledge & broadcasts' },
      { id: 'knowledge-review', label: 'To verify' },
      { id: 'content-gaps', label: 'Content gaps' },
      { id: 'broadcast-reads', label: 'Broadcast reads' },
      { id: 'import', label: 'Bulk import' },
    ],
  },
  {
    label: 'Service',
    views: [
      { id: 'analytics', label: 'Analytics' },
      { id: 'sla', label: 'Service levels' },
      { id: 'assignment', label: 'Assignment' },
    ],
  },
  {
    label: 'Customers',
    views: [
      { id: 'customers', label: 'Import customers' },
      { id: 'recognition', label: 'Recognition health' },
    ],
  },
  {
    label: 'Privacy',
    views: [
      { id: 'field-policy', label: 'Field policy' },
      { id: 'access-log', label: 'Access log' },
      { id: 'capture-privacy', label: 'Capture privacy' },
      { id: 'retention', label: 'Retention' },
      { id: 'customer-privacy', label: 'Customer data requests' },
    ],
  },
  {
    label: 'Integrations',
    views: [
      { id: 'tokens', label: 'API tokens' },
      { id: 'webhooks', label: 'Webhooks' },
    ],
  },
] as const;

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
      });
    });
  }, []);
  const status = syncStatus.value;
  return (
    <main class="mgr" data-testid="manager-console">
      <header class="mgr-header">
        <h1>Tandem manager console</h1>
        {status?.user && (
          <span class="tdm-muted" data-testid="manager-user">
            {status.user.name} · {status.user.role}
          </span>
        )}
      </header>
      <div class="mgr-body">
        <nav class="mgr-nav" aria-label="Console sections">
          {VIEW_GROUPS.map((group) => (
            <section key={group.label} aria-label={group.label}>
              <h2>{group.label}</h2>
              {group.views.map((v) => (
                <button key={v.id} type="button" aria-current={view.value === v.id ? 'page' : undefined} onClick={() => (view.value = v.id)}>
                  {v.label}
                </button>
              ))}
            </section>
          ))}
        </nav>
        <div class="mgr-view">
          {status && !status.signedIn && <p class="mgr-alert">Sign in on Tandem's options page first, with a manager or admin account.</p>}
          {error.value && (
            <div class="mgr-alert" role="alert" data-testid="manager-error" data-code={error.value.code}>
              <span style={{ flex: 1 }}>{error.value.message}</span>
              <button type="button" onClick={() => (error.value = null)} aria-label="Dismiss the error">
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
