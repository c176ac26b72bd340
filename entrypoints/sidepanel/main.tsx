import { signal } from '@preact/signals';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AgentStatusToggle } from '../../components/AgentStatusToggle';
import { CaseNotes } from '../../components/CaseNotes';
import { ContextView } from '../../components/ContextView';
import { ExternalLink } from '../../components/ExternalLink';
import { KnowledgeSearch } from '../../components/KnowledgeSearch';
import { SidePanelBroadcasts } from '../../components/SidePanelBroadcasts';
import { SlaBadge } from '../../components/SlaBadge';
import { SyncDetails } from '../../components/SyncDetails';
import { send } from '../../lib/messaging/browser';
import type { MessageResponse, PageContext, Resolution } from '../../lib/schema';
import { loadTeamCalendars } from '../../lib/sla/load';
import { startClock } from '../../lib/ui/clock';
import { refreshStatus, runAction, syncStatus } from '../../lib/ui/status';
import '../../components/tandem.css';
import './sidepanel.css';
// Team queue: the top of it here, the full page at queue.html (lib/queue, components/Queue*).
import { QueueCompact } from '../../components/QueueCompact';
import { priorityLabel } from '../../lib/i18n/labels';
import { t } from '../../lib/i18n/t';
import { ARTICLE_AUTHOR_ROLES } from '../../lib/manager/from-case';
import {
  loadQueue,
  openCase as openQueueCase,
  meId as queueMeId,
  names as queueNames,
  presence as queuePresence,
  view as queueView,
} from '../../lib/queue/state';
import { MaskedFields } from './reveal';
import { CaseScreenshots, loadScreenshots, ScreenshotPermission, screenshots } from './screenshots';
import { loadSolvedCases, SolvedCases } from './solved-cases';

type RecentCase = MessageResponse<'cases.recent'>['cases'][number];
type Conflict = MessageResponse<'conflicts.list'>['conflicts'][number];

const tabId = signal<number | null>(null);
const context = signal<PageContext | null>(null);
const resolution = signal<Resolution | null>(null);
const cases = signal<RecentCase[]>([]);
const conflicts = signal<Conflict[]>([]);

/** `?tabId=` pins the panel to one tab (a full-page view); otherwise it follows the active tab. */
async function currentTabId(): Promise<number | null> {
  const pinned = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(pinned) && pinned > 0) return pinned;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
}

async function loadContext(): Promise<void> {
  const id = await currentTabId();
  tabId.value = id;
  if (id === null) return;
  const answer = await send('context.forTab', { tabId: id });
  context.value = answer.context;
  resolution.value = answer.resolution;
}

async function loadWork(): Promise<void> {
  const [recent, open] = await Promise.all([send('cases.recent', { limit: 50 }), send('conflicts.list', {})]);
  cases.value = recent.cases;
  conflicts.value = open.conflicts;
  // Thumbnails after the list: local bytes at once, other devices' captures as the server answers.
  void loadScreenshots(recent.cases.map((c) => c.id)).catch(() => undefined);
}

/** Managers and admins author articles: they get the solved cases with "Draft article". */
function mayAuthorArticles(): boolean {
  const role = syncStatus.value?.user?.role;
  return role !== undefined && ARTICLE_AUTHOR_ROLES.includes(role);
}

function refreshAll(): void {
  void loadContext();
  void loadWork();
  void refreshStatus().then(() => (mayAuthorArticles() ? loadSolvedCases() : undefined));
  void loadQueue();
}

/** The agent's note on a case: queued with the case (offline too), then the list shows it. */
async function addNote(note: { caseId: string; text: string; workaround: boolean }): Promise<boolean> {
  const kept = await runAction(async () => {
    await send('cases.note', note);
    return send('status.get', {});
  });
  if (kept) await loadWork();
  return kept;
}

function CaseRow({ c }: { c: RecentCase }) {
  return (
    <li class="tdm-case" data-testid="tandem-recent-case" data-case-id={c.id} data-external-id={c.source.externalId ?? ''}>
      <div class="tdm-case__subject">{c.subject}</div>
      <div class="tdm-case__meta">
        <span>{c.customerName ?? t('queue_unknown_customer')}</span>
        <span>{c.channel}</span>
        <span class={`tdm-priority tdm-priority--${c.priority}`}>{priorityLabel(c.priority)}</span>
        <SlaBadge dueAt={c.slaDueAt} clock={c.slaClock} teamId={c.teamId} />
        {c.pending && (
          <span class="tdm-pending-badge" data-testid="tandem-waiting">
            {t('queue_waiting_to_sync')}
          </span>
        )}
        {c.source.url && <ExternalLink href={c.source.url}>{t('case_source')}</ExternalLink>}
      </div>
      <CaseNotes caseId={c.id} notes={c.notes} onAdd={addNote} />
      <CaseScreenshots
        shots={screenshots.value.get(c.id)}
        describe={t('case_screenshot_describe', c.customerName ?? t('case_the_customer'), c.channel, c.subject)}
      />
    </li>
  );
}

function ConflictCard({ conflict }: { conflict: Conflict }) {
  const fields = Object.keys(conflict.local);
  const show = (record: Record<string, unknown>) => fields.map((f) => `${f}: ${JSON.stringify(record[f])}`).join('\n');
  return (
    <div class="tdm-conflict" data-testid="tandem-conflict">
      <strong>{t('conflict_title', conflict.entity, conflict.recordId)}</strong>
      <div class="tdm-conflict__versions">
        <div>
          <div class="tdm-muted">{t('conflict_yours')}</div>
          <pre>{show(conflict.local)}</pre>
        </div>
        <div>
          <div class="tdm-muted">{t('conflict_server')}</div>
          <pre>{show(conflict.server)}</pre>
        </div>
      </div>
      <div class="tdm-actions">
        <button
          type="button"
          class="tdm-primary"
          onClick={() => void runAction(() => send('conflicts.resolve', { mutationId: conflict.mutationId, keep: 'mine' })).then(loadWork)}
        >
          {t('conflict_keep_mine')}
        </button>
        <button
          type="button"
          onClick={() => void runAction(() => send('conflicts.resolve', { mutationId: conflict.mutationId, keep: 'server' })).then(loadWork)}
        >
          {t('conflict_keep_theirs')}
        </button>
      </div>
    </div>
  );
}

function Workspace() {
  useEffect(() => {
    refreshAll();
    const stopClock = startClock();
    void loadTeamCalendars(); // remaining business time in each team's calendar (lib/sla)
    // The background writes each tab's context to session storage and bumps syncRevision after
    // every sync or write; follow both live.
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && tabId.value !== null && `tabContext:${tabId.value}` in changes) void loadContext();
      if (area === 'local' && 'syncRevision' in changes) refreshAll();
    };
    const onActivated = () => {
      if (!new URLSearchParams(location.search).has('tabId')) void loadContext();
    };
    browser.storage.onChanged.addListener(onStorage);
    browser.tabs.onActivated.addListener(onActivated);
    return () => {
      stopClock();
      browser.storage.onChanged.removeListener(onStorage);
      browser.tabs.onActivated.removeListener(onActivated);
    };
  }, []);

  return (
    <main class="tdm-workspace">
      <header class="tdm-workspace__header">
        <h1>{t('extName')}</h1>
        {syncStatus.value && (
          <SyncDetails
            status={syncStatus.value}
            onSync={() => void runAction(() => send('sync.now', {})).then(refreshAll)}
            onRetryFailed={() => void runAction(() => send('sync.now', { retryFailed: true })).then(refreshAll)}
          />
        )}
        {syncStatus.value?.signedIn && <AgentStatusToggle />}
      </header>
      {syncStatus.value?.signedIn && <SidePanelBroadcasts site={context.value?.site ?? null} url={context.value?.url} />}
      {conflicts.value.map((c) => (
        <ConflictCard key={c.mutationId} conflict={c} />
      ))}
      {context.value && resolution.value ? (
        <div data-testid="tandem-workspace">
          <p class="tdm-muted" data-testid="tandem-workspace-source">
            {context.value.site} · {context.value.subject ?? context.value.recordId ?? context.value.url}
          </p>
          <ContextView
            context={context.value}
            resolution={resolution.value}
            compact={false}
            onCreateContact={() => {
              const ctx = context.value;
              const res = resolution.value;
              if (!ctx || res?.status !== 'unknown') return;
              void runAction(async () => {
                await send('contact.create', { name: ctx.displayName, identities: res.identities, ...(ctx.country ? { country: ctx.country } : {}) });
                await loadContext();
                return send('status.get', {});
              });
            }}
          />
          {resolution.value.status === 'matched' && <MaskedFields customer={resolution.value.view.customer} />}
        </div>
      ) : (
        <p class="tdm-muted">{t('sidepanel_empty')}</p>
      )}
      <QueueCompact
        rows={queueView.value.rows.slice(0, 5)}
        total={queueView.value.rows.length}
        meId={queueMeId.value}
        names={queueNames.value}
        presence={queuePresence.value}
        onOpenQueue={() => void browser.tabs.create({ url: browser.runtime.getURL('/queue.html') })}
        onOpenCase={(c) => void openQueueCase(c)}
      />
      <KnowledgeSearch
        search={async (text, filters) => (await send('knowledge.search', { text, ...filters, limit: 20 })).results}
        loadArticle={async (id) => (await send('knowledge.article', { id })).article}
        onOpened={(item) =>
          void send('usage.record', { events: [{ type: 'opened', itemKind: item.kind, itemId: item.id, site: context.value?.site ?? null }] })
        }
        onFlag={async (item, reason, note, searchedFor) => {
          // Kept by the background at once and sent to the item's owner with the next sync: the search's words and the tab's site, no page text.
          await send('knowledge.flag', {
            itemKind: item.kind,
            itemId: item.id,
            reason,
            note,
            searched: { text: searchedFor, site: context.value?.site ?? null },
          });
        }}
      />
      {mayAuthorArticles() && <SolvedCases />}
      <ScreenshotPermission />
      <section class="tdm-section" aria-label={t('sidepanel_recent_cases')}>
        <h3>
          {t('sidepanel_recent_cases')} <span class="tdm-count">{cases.value.length}</span>
        </h3>
        <ul class="tdm-cases" data-testid="tandem-recent-cases">
          {cases.value.map((c) => (
            <CaseRow key={c.id} c={c} />
          ))}
        </ul>
      </section>
    </main>
  );
}

document.body.classList.add('tdm-root');
render(<Workspace />, document.getElementById('app')!);
