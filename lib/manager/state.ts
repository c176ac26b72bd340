// The manager console's state: a few signals and the named actions that change them. Every server
// call goes through the background (send), which holds the token.
import { signal } from '@preact/signals';
import { errorMessage } from '../i18n/errors';
import { type MessageKey, t, tCount } from '../i18n/t';
import { send } from '../messaging/browser';
import { MessageError } from '../messaging/dispatch';
import type { AnalyticsResponse, CompareResponse, ContentStatus, ManagedItem, VersionHistoryResponse } from '../schema/manager';
import { ManagerCreate, ManagerEdit, type ManagerWriteResult } from '../schema/messages';
import {
  type AuthoredKind,
  type AuthoredRecord,
  type Draft,
  draftFrom,
  emptyDraft,
  type FieldProblem,
  fieldsFromDraft,
  patchFrom,
  validateDraft,
} from './draft';

export const PAGE_SIZE = 25;

export interface Filters {
  status: '' | ContentStatus;
  teamId: string;
  site: string;
  tag: string;
  q: string;
}
export type AuthoredItem = Extract<ManagedItem, { kind: AuthoredKind }>;
export interface Team {
  id: string;
  name: string;
  member: boolean;
}

export const view = signal<
  | 'content'
  | 'import'
  | 'customers'
  | 'analytics'
  | 'sla'
  | 'field-policy'
  | 'access-log'
  | 'recognition'
  | 'capture-privacy'
  | 'retention'
  | 'customer-privacy'
  | 'assignment'
  | 'tokens'
  | 'webhooks'
  | 'knowledge-review'
  | 'broadcast-reads'
  | 'content-gaps'
>('content');
export const kind = signal<AuthoredKind>('articles');
export const filters = signal<Filters>({ status: '', teamId: '', site: '', tag: '', q: '' });
export const pageIndex = signal(0);
export const list = signal<{ items: AuthoredRecord[]; total: number } | null>(null);
export const listLoading = signal(false);
export const teams = signal<Team[]>([]);
/** Published and draft snippets, for a broadcast's suggested reply. */
export const snippetChoices = signal<{ id: string; title: string }[]>([]);
export const error = signal<{ code: string; message: string } | null>(null);
export const notice = signal<string | null>(null);

export interface Editing {
  kind: AuthoredKind;
  /** Null while creating. */
  item: AuthoredItem | null;
  draft: Draft;
  problems: FieldProblem[];
  busy: boolean;
}
export const editing = signal<Editing | null>(null);
/** Someone saved the item after the manager opened it: both versions, for the manager to choose. */
export const conflict = signal<{ message: string; mine: Draft; current: AuthoredItem } | null>(null);
export const history = signal<VersionHistoryResponse | null>(null);
export const comparison = signal<CompareResponse | null>(null);
export const analytics = signal<AnalyticsResponse | null>(null);
export const analyticsLoading = signal(false);

/** Puts a refusal or failure in the console's error bar: its code, and its sentence in the reader's language. */
export function fail(e: unknown): void {
  error.value = { code: e instanceof MessageError ? e.code : 'internal', message: errorMessage(e) };
}

/** Runs an action with the error line cleared first and set from whatever it throws. */
async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  error.value = null;
  try {
    return await action();
  } catch (e) {
    fail(e);
    return undefined;
  }
}

function asAuthored(item: ManagedItem): AuthoredItem {
  if (item.kind === 'site-rules') throw new MessageError('bad_response', t('de2_no_site_rules'));
  return item;
}

export async function loadTeams(): Promise<void> {
  const answer = await attempt(() => send('manager.teams', {}));
  if (answer) teams.value = answer.teams;
}

export async function loadSnippetChoices(): Promise<void> {
  const answer = await attempt(() => send('manager.list', { kind: 'snippets', query: { limit: 200 } }));
  if (answer?.kind === 'snippets') snippetChoices.value = answer.items.filter((s) => s.status !== 'archived').map((s) => ({ id: s.id, title: s.title }));
}

export async function loadList(): Promise<void> {
  const f = filters.value;
  listLoading.value = true;
  const answer = await attempt(() =>
    send('manager.list', {
      kind: kind.value,
      query: {
        status: f.status || undefined,
        teamId: f.teamId || undefined,
        site: f.site.trim().toLowerCase() || undefined,
        tag: f.tag.trim().toLowerCase() || undefined,
        q: f.q.trim() || undefined,
        limit: PAGE_SIZE,
        offset: pageIndex.value * PAGE_SIZE,
      },
    }),
  );
  listLoading.value = false;
  if (answer && answer.kind !== 'site-rules') list.value = { items: answer.items, total: answer.total };
}

export function chooseKind(next: AuthoredKind): void {
  if (kind.value === next) return;
  kind.value = next;
  pageIndex.value = 0;
  list.value = null;
  closeEditor();
  void loadList();
}

export function setFilters(next: Partial<Filters>): void {
  filters.value = { ...filters.value, ...next };
  pageIndex.value = 0;
  void loadList();
}

export function goToPage(index: number): void {
  pageIndex.value = Math.max(0, index);
  void loadList();
}

export function closeEditor(): void {
  editing.value = null;
  conflict.value = null;
  history.value = null;
  comparison.value = null;
}

export function openNew(): void {
  closeEditor();
  notice.value = null;
  editing.value = { kind: kind.value, item: null, draft: emptyDraft(), problems: [], busy: false };
  // A broadcast offers the snippets as they are now, including ones made a moment ago.
  if (kind.value === 'broadcasts') void loadSnippetChoices();
}

/** A new article prefilled from another console view (a content gap, a solved case), opened in "Knowledge & broadcasts". */
export function openNewArticle(prefill: Partial<Draft>): void {
  chooseKind('articles');
  view.value = 'content';
  openNew();
  const e = editing.value;
  if (e) editing.value = { ...e, draft: { ...e.draft, ...prefill } };
}

/** "Draft article" on a solved case: the editor on a new article with the case's redacted question and answer, linked to it. */
export async function openArticleFromCase(caseId: string): Promise<void> {
  const draft = await attempt(() => send('knowledge.articleFromCase', { caseId }));
  if (draft) openNewArticle({ title: draft.title, body: draft.body, fromCaseId: draft.caseId });
}

function show(item: AuthoredItem): void {
  editing.value = { kind: item.kind, item, draft: draftFrom(item.kind, item.record), problems: [], busy: false };
}

export async function openItem(id: string): Promise<void> {
  const k = kind.value;
  const item = await attempt(async () => asAuthored(await send('manager.get', { kind: k, id })));
  if (!item) return;
  closeEditor();
  notice.value = null;
  show(item);
  if (item.kind === 'broadcasts') void loadSnippetChoices();
}

export function updateDraft(patch: Partial<Draft>): void {
  const e = editing.value;
  if (!e) return;
  // Re-validate live only once a save was refused, so typing is not met with errors.
  const draft = { ...e.draft, ...patch };
  editing.value = { ...e, draft, problems: e.problems.length ? validateDraft(e.kind, draft) : [] };
}

const CREATED_NOTICE = {
  articles: 'de2_created_articles',
  snippets: 'de2_created_snippets',
  broadcasts: 'de2_created_broadcasts',
} as const satisfies Record<AuthoredKind, MessageKey>;
const STATUS_NOTICE = { publish: 'de2_status_publish', unpublish: 'de2_status_unpublish', archive: 'de2_status_archive' } as const;

/** The version a write produced, for its notice ('?' on a conflict, whose notice is never shown). */
const savedVersion = (result: ManagerWriteResult): number | string => (result.outcome === 'saved' ? result.item.record.version : '?');

function afterWrite(result: ManagerWriteResult, done: string): boolean {
  const e = editing.value;
  if (result.outcome === 'conflict') {
    if (e) conflict.value = { message: result.message, mine: e.draft, current: asAuthored(result.current) };
    return false;
  }
  show(asAuthored(result.item));
  conflict.value = null;
  notice.value = done;
  if (history.value) void loadHistory();
  void loadList();
  return true;
}

/** Creates or saves the open draft; a stale version becomes a conflict to settle, not a lost edit. */
export async function save(): Promise<boolean> {
  const e = editing.value;
  if (!e || e.busy) return false;
  const problems = validateDraft(e.kind, e.draft);
  if (problems.length) {
    editing.value = { ...e, problems };
    error.value = {
      code: 'invalid',
      message: tCount('de2_fix_fields', problems.length),
    };
    return false;
  }
  editing.value = { ...e, busy: true, problems: [] };
  const ok = await attempt(async () => {
    if (!e.item) {
      const created = await send('manager.create', ManagerCreate.parse({ kind: e.kind, body: fieldsFromDraft(e.kind, e.draft) }));
      return afterWrite({ outcome: 'saved', item: created }, t(CREATED_NOTICE[e.kind]));
    }
    const patch = patchFrom(e.kind, e.item.record, e.draft);
    if (Object.keys(patch).length === 0) {
      notice.value = t('de2_nothing_changed');
      return true;
    }
    const result = await send('manager.edit', ManagerEdit.parse({ kind: e.kind, id: e.item.record.id, body: { baseVersion: e.item.record.version, patch } }));
    return afterWrite(result, t('de2_saved_version', savedVersion(result)));
  });
  if (editing.value?.busy) editing.value = { ...editing.value, busy: false };
  return ok === true;
}

export async function changeStatus(action: 'publish' | 'unpublish' | 'archive'): Promise<void> {
  const e = editing.value;
  if (!e?.item) return;
  const item = e.item;
  await attempt(async () => {
    const result = await send('manager.setStatus', { kind: item.kind, id: item.record.id, action, baseVersion: item.record.version });
    afterWrite(result, t(STATUS_NOTICE[action]));
  });
}

/** After a conflict: drop the manager's edit and show what is stored now. */
export function reloadCurrent(): void {
  const c = conflict.value;
  if (!c) return;
  show(c.current);
  conflict.value = null;
  notice.value = t('de2_reloaded_version', c.current.record.version);
}

/** After a conflict: keep the manager's edit, now based on the stored version (saving overwrites it). */
export function keepMine(): void {
  const c = conflict.value;
  if (!c) return;
  editing.value = { kind: c.current.kind, item: c.current, draft: c.mine, problems: [], busy: false };
  conflict.value = null;
  notice.value = t('de2_kept_mine', c.current.record.version);
}

export async function loadHistory(): Promise<void> {
  const item = editing.value?.item;
  if (!item) return;
  const answer = await attempt(() => send('manager.versions', { kind: item.kind, id: item.record.id }));
  if (answer) history.value = answer;
}

export async function compareVersions(from: number, to: number): Promise<void> {
  const item = editing.value?.item;
  if (!item) return;
  const answer = await attempt(() => send('manager.compare', { kind: item.kind, id: item.record.id, from, to }));
  if (answer) comparison.value = answer;
}

export async function rollbackTo(toVersion: number): Promise<void> {
  const item = editing.value?.item;
  if (!item) return;
  await attempt(async () => {
    const result = await send('manager.rollback', { kind: item.kind, id: item.record.id, toVersion, baseVersion: item.record.version });
    afterWrite(result, t('de2_rolled_back', savedVersion(result), toVersion));
  });
}

export async function loadAnalytics(query: { from?: string; to?: string; teamId?: string }): Promise<void> {
  analyticsLoading.value = true;
  const answer = await attempt(() => send('manager.analytics', query));
  analyticsLoading.value = false;
  if (answer) analytics.value = answer;
}
