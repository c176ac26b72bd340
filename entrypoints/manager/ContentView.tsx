import { useRef } from 'preact/hooks';
import { t } from '../../lib/i18n/t';
import { AUTHORED_KINDS, type AuthoredKind, statusOf } from '../../lib/manager/draft';
import { chooseKind, editing, filters, goToPage, kind, list, listLoading, openItem, openNew, PAGE_SIZE, pageIndex, setFilters } from '../../lib/manager/state';
import { MyTeamSelect } from './controls';
import { Editor } from './Editor';
import { contentStatusLabel, formatNumber, formatRelative, KIND_TEXT } from './format';

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
    <div role="tablist" aria-label={t('cka_kind_of_content')} class="tdm-actions">
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
          {t(KIND_TEXT[k].many)}
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
      aria-label={t('cka_filter_the_list')}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        setFilters({ q: String(data.get('q') ?? ''), site: String(data.get('site') ?? ''), tag: String(data.get('tag') ?? '') });
      }}
    >
      <label>
        {t('cka_title_contains')}
        <input name="q" type="search" defaultValue={f.q} />
      </label>
      <label>
        {t('filter_status')}
        <select value={f.status} onChange={(e) => setFilters({ status: e.currentTarget.value as typeof f.status })}>
          <option value="">{t('cka_any')}</option>
          <option value="draft">{t('cka_filter_draft')}</option>
          <option value="published">{t('cka_filter_published')}</option>
          <option value="archived">{t('cka_filter_archived')}</option>
        </select>
      </label>
      <MyTeamSelect value={f.teamId} onChange={(teamId) => setFilters({ teamId })} anyLabel={t('cka_any_of_mine')} />
      <label>
        {t('cka_site')}
        <input name="site" defaultValue={f.site} placeholder={t('cka_site_example')} size={10} />
      </label>
      <label>
        {t('filter_tag')}
        <input name="tag" defaultValue={f.tag} placeholder={t('cka_tag_example')} size={10} />
      </label>
      <button type="submit">{t('cka_filter')}</button>
    </form>
  );
}

function ItemList() {
  const current = list.value;
  const openId = editing.value?.item?.record.id;
  if (!current) return <p class="tdm-muted">{listLoading.value ? t('loading') : t('cka_nothing_loaded')}</p>;
  const pages = Math.max(1, Math.ceil(current.total / PAGE_SIZE));
  return (
    <div>
      <table class="mgr-table" data-testid="manager-list" aria-busy={listLoading.value}>
        <caption class="mgr-sr">{t(KIND_TEXT[kind.value].many)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cka_field_title')}</th>
            <th scope="col">{t('filter_status')}</th>
            <th scope="col">{t('cka_targeting')}</th>
            <th scope="col">{t('cka_saved')}</th>
          </tr>
        </thead>
        <tbody>
          {current.items.map((r) => {
            const status = statusOf(r);
            const targeting = r.targeting;
            return (
              <tr key={r.id} aria-selected={openId === r.id} data-testid="manager-row" data-id={r.id}>
                <td>
                  <button
                    type="button"
                    class="mgr-link"
                    onClick={() => void openItem(r.id)}
                    aria-label={t('cka_open_named', r.title)}
                    style={{ textAlign: 'left' }}
                  >
                    {r.title}
                  </button>
                </td>
                <td>
                  <span class={`mgr-status mgr-status--${status}`}>{contentStatusLabel(status)}</span> v{r.version}
                </td>
                <td class="tdm-muted">
                  {[targeting.teamIds.length ? targeting.teamIds.join(', ') : t('cka_all_teams'), targeting.sites.join(', '), targeting.tags.join(', ')]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
                <td class="tdm-muted">{formatRelative(r.updatedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {current.items.length === 0 && <p class="tdm-muted">{t(KIND_TEXT[kind.value].noneMatch)}</p>}
      <div class="tdm-actions" style={{ marginTop: '6px', alignItems: 'center' }}>
        <button type="button" disabled={pageIndex.value === 0} onClick={() => goToPage(pageIndex.value - 1)}>
          {t('cka_previous')}
        </button>
        <span class="tdm-muted">{t('cka_page_of', formatNumber(pageIndex.value + 1), formatNumber(pages), formatNumber(current.total))}</span>
        <button type="button" disabled={pageIndex.value + 1 >= pages} onClick={() => goToPage(pageIndex.value + 1)}>
          {t('cka_next')}
        </button>
      </div>
    </div>
  );
}

export function ContentView() {
  return (
    <div class="mgr-layout">
      <section class="mgr-panel" aria-label={t('cka_content_list')}>
        <div class="tdm-actions" style={{ justifyContent: 'space-between' }}>
          <KindTabs />
          <button type="button" class="tdm-primary" onClick={openNew} data-testid="manager-new">
            {t(KIND_TEXT[kind.value].create)}
          </button>
        </div>
        <FilterBar />
        <ItemList />
      </section>
      {editing.value ? <Editor /> : <p class="tdm-muted">{t('cka_choose_item')}</p>}
    </div>
  );
}
