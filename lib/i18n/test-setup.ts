// Unit tests run on WXT's fake browser, which has no i18n: messages come from the catalog the way the browser's
// getMessage resolves them, in English unless a test switches (vitest.config.ts setupFiles).
import { fakeBrowser } from 'wxt/testing/fake-browser';
import german from '../../public/_locales/de/messages.json';
import english from '../../public/_locales/en/messages.json';
import { type Catalog, resolveMessage } from './catalog';

const CATALOGS: Record<'en' | 'de', { catalog: Catalog; uiLanguage: string }> = {
  en: { catalog: english, uiLanguage: 'en-US' },
  de: { catalog: german, uiLanguage: 'de' },
};

/** Makes the fake browser's UI language English (the default) or German, catalog and locale alike. */
export function useBrowserLanguage(locale: 'en' | 'de'): void {
  const { catalog, uiLanguage } = CATALOGS[locale];
  fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | string[]) =>
    resolveMessage(catalog, key, substitutions === undefined ? [] : ([] as string[]).concat(substitutions));
  fakeBrowser.i18n.getUILanguage = () => uiLanguage;
}

useBrowserLanguage('en');
