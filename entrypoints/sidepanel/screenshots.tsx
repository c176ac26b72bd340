import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatWhen } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/t';
import { send } from '../../lib/messaging/browser';
import type { MessageResponse } from '../../lib/schema';

type Shot = MessageResponse<'attachments.forCases'>['attachments'][number] & { url: string };

/** Screenshots of the listed cases by case id, as object URLs over the bytes (revoked when replaced). */
export const screenshots = signal<Map<string, Shot[]>>(new Map());

function blobUrl(base64: string, mime: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: mime }));
}

export async function loadScreenshots(caseIds: string[]): Promise<void> {
  const { attachments } = await send('attachments.forCases', { caseIds: caseIds.slice(0, 100) });
  const next = new Map<string, Shot[]>();
  for (const a of attachments) next.set(a.caseId, [...(next.get(a.caseId) ?? []), { ...a, url: blobUrl(a.base64, a.mime) }]);
  for (const list of screenshots.value.values()) for (const shot of list) URL.revokeObjectURL(shot.url);
  screenshots.value = next;
}

/** A case's screenshots as thumbnails; a click (or Enter) shows one at full size in a dialog. */
export function CaseScreenshots({ shots, describe }: { shots: Shot[] | undefined; describe: string }) {
  const [open, setOpen] = useState<Shot | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open) dialog.current?.showModal();
  }, [open]);
  if (!shots?.length) return null;
  const alt = (s: Shot) => t('screenshot_alt', describe, s.width, s.height, formatWhen(s.createdAt));
  return (
    <div class="tdm-shots">
      {shots.map((s) => (
        <button
          key={s.id}
          type="button"
          class="tdm-shot"
          data-testid="tandem-screenshot-thumb"
          data-attachment-id={s.id}
          title={t('screenshot_view_larger')}
          onClick={() => setOpen(s)}
        >
          <img src={s.url} alt={alt(s)} />
          {!s.uploaded && <span class="tdm-pending-badge">{s.error ? t('screenshot_not_uploaded') : t('screenshot_waiting')}</span>}
        </button>
      ))}
      {open && (
        <dialog ref={dialog} class="tdm-shot-dialog" data-testid="tandem-screenshot-viewer" aria-label={t('screenshot')} onClose={() => setOpen(null)}>
          <img src={open.url} alt={alt(open)} />
          {open.error && <p class="tdm-error">{open.error}</p>}
          <form method="dialog">
            <button type="submit" autofocus>
              {t('close')}
            </button>
          </form>
        </dialog>
      )}
    </div>
  );
}

const ALL_SITES = { origins: ['<all_urls>'] };

/**
 * Screenshots from the in-page capture buttons need the browser's permission for every page
 * (tabs.captureVisibleTab accepts nothing narrower); it is optional, asked for here when wanted.
 */
export function ScreenshotPermission() {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    void browser.permissions.contains(ALL_SITES).then(setGranted);
  }, []);
  if (granted !== false) return null;
  return (
    <p class="tdm-muted" data-testid="tandem-screenshot-permission">
      {t('screenshot_permission')}{' '}
      <button type="button" onClick={() => void browser.permissions.request(ALL_SITES).then(setGranted)}>
        {t('screenshot_allow')}
      </button>
    </p>
  );
}
