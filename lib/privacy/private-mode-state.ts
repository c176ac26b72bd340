// The popup's private-mode switch (components/PrivateModeToggle.tsx): which tab it acts on and whether that
// tab is private, as signals; the background keeps the state (lib/privacy/private-mode.ts).
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { errorMessage } from '../i18n/errors';
import { send } from '../messaging/browser';

export const privateTab = signal<{ tabId: number; private: boolean } | null>(null);
export const privateModeError = signal<string | null>(null);

/**
 * The tab the popup was opened over: the active tab of the last focused window, or `?tab=<id>` when the
 * popup page is opened in a tab of its own (end-to-end tests).
 */
async function targetTabId(): Promise<number | null> {
  const given = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(given) && given > 0) return given;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
}

export async function loadPrivateMode(): Promise<void> {
  const tabId = await targetTabId();
  if (tabId === null) return;
  privateTab.value = { tabId, ...(await send('privateMode.get', { tabId })) };
}

export async function setPrivateMode(on: boolean): Promise<void> {
  const current = privateTab.value;
  if (!current) return;
  try {
    privateTab.value = { tabId: current.tabId, ...(await send('privateMode.set', { tabId: current.tabId, private: on })) };
    privateModeError.value = null;
  } catch (error) {
    privateModeError.value = errorMessage(error);
  }
}
