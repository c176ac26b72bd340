import { useRef } from 'preact/hooks';
import { AUTHORED_KINDS, type AuthoredKind, KIND_LABEL, statusOf } from '../../lib/manager/draft';
import { chooseKind, editing, filters, goToPage, kind, list, listLoading, openItem, openNew, PAGE_SIZE, pageIndex, setFilters } from '../../lib/manager/state';
import { MyTeamSelect } from './controls';
import { Editor } from './Editor';
import { formatRelative } from './format';

function KindTabs() {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  // Arrow keys move between tabs, as in any tab list.
  const onKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (i + step + AUTHORED_KINDS.length) % AUTHORED_KINDS.length;
    chooseKind(AUTHORED_KINDS[next] as AuthoredKind);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label="Kind of content" class="tdm-actions">
      {AUTHORED_KINDS.map((k, i) => (
        <button
          key={k}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          aria-selected={kind.value === k}
          tabIndex={kind.value === k ? 0 : -1}
          onClick={() => chooseKind(k)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {KIND_LABEL[k].many}
        </button>
      ))}
    </div>
  );
}

function FilterBar() {
  const f = filters.value;
  return (
    <form
      class="mgr-filters"
      role="search"
      aria-label="Filter the list"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        setFilters({ q: String(data.get('q') ?? ''), site: String(data.get('site') ?? ''), tag: String(data.get('tag') ?? '') });
      }}
    >
      <label>
        Title contains
        <input name="q" type="search" defaultValue={f.q} />
      </label>
      <label>
        Status
        <select value={f.status} onChange={(e) => setFilters({ status: e.currentTarget.value as typeof f.status })}>
          <option value="">Any</option>
          <option value="draft">Draft</option>
          <option value="published">Published</option>
          <option value="archived">Archived</option>
        </select>
      </label>
      <MyTeamSelect value={f.teamId} onChange={(teamId) => setFilters({ teamId })} anyLabel="Any of mine" />
      <label>
        Site
        <input name="site" defaultValue={f.site} placeholder="zendesk" size={10} />
      </label>
      <label>
        Tag
        <input name="tag" defaultValue={f.tag} placeholder="roaming" size={10} />
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}

function ItemList() {
  const current = list.value;
  const openId = editing.value?.item?.record.id;
  if (!current) return <p class="tdm-muted">{listLoading.value ? 'Loading…' : 'Nothing loaded yet.'}</p>;
  const pages = Math.max(1, Math.ceil(current.total / PAGE_SIZE));
  return (
    <div>
      <table class="mgr-table" data-testid="manager-list" aria-busy={listLoading.value}>
        <caption class="mgr-sr">{KIND_LABEL[kind.value].many}</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Targeting</th>
            <th scope="col">Saved</th>
          </tr>
        </thead>
        <tbody>
          {current.items.map((r) => {
            const status = statusOf(r);
            const t = r.targeting;
            return (
              <tr key={r.id} aria-selected={openId === r.id} data-testid="manager-row" data-id={r.id}>
                <td>
                  <button type="button" class="mgr-link" onClick={() => void openItem(r.id)} aria-label={`Open ${r.title}`} style={{ textAlign: 'left' }}>
                    {r.title}
                  </button>
                </td>
                <td>
                  <span class={`mgr-status mgr-status--${status}`}>{status}</span> v{r.version}
                </td>
                <td class="tdm-muted">
                  {[t.teamIds.length ? t.teamIds.join(', ') : 'all teams', t.sites.length ? t.sites.join(', ') : '', t.tags.join(', ')]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
                <td class="tdm-muted">{formatRelative(r.updatedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {current.items.length === 0 && <p class="tdm-muted">No {KIND_LABEL[kind.value].many.toLowerCase()} match these filters.</p>}
      <div class="tdm-actions" style={{ marginTop: '6px', alignItems: 'center' }}>
        <button type="button" disabled={pageIndex.value === 0} onClick={() => goToPage(pageIndex.value - 1)}>
          Previous
        </button>
        <span class="tdm-muted">
          Page {pageIndex.value + 1} of {pages} · {current.total} in all
        </span>
        <button type="button" disabled={pageIndex.value + 1 >= pages} onClick={() => goToPage(pageIndex.value + 1)}>
          Next
        </button>
      </div>
    </div>
  );
}

export function ContentView() {
  return (
    <div class="mgr-layout">
      <section class="mgr-panel" aria-label="Content list">
        <div class="tdm-actions" style={{ justifyContent: 'space-between' }}>
          <KindTabs />
          <button type="button" class="tdm-primary" onClick={openNew} data-testid="manager-new">
            New {KIND_LABEL[kind.value].one}
          </button>
        </div>
        <FilterBar />
        <ItemList />
      </section>
      {editing.value ? <Editor /> : <p class="tdm-muted">Choose an item to edit, or create a new one.</p>}
    </div>
  );
}
