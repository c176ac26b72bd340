import { browser } from 'wxt/browser';

/** The message names of the English catalog (public/_locales/en/messages.json), the default locale: a typo fails typecheck. */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/** Message names that come as a pair `<base>_one` / `<base>_other`, chosen by the count's plural category. */
export type CountedKey = {
  [K in MessageKey]: K extends `${infer Base}_one` ? (`${Base}_other` extends MessageKey ? Base : never) : never;
}[MessageKey];

/** The UI's words in the browser's language, from the catalog through the browser's i18n. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return getMessage(key, substitutions.map(String));
}

// WXT types getMessage from its own generated list (.wxt/types/i18n.d.ts), stale until the next `wxt prepare`;
// MessageKey above reads the catalog itself, so a new key typechecks at once.
const getMessage = (key: string, substitutions: string[]): string =>
  (browser.i18n.getMessage as (key: string, substitutions: string[]) => string)(key, substitutions);

/** A counted message ("1 change" / "3 changes"): the count is the first substitution, formatted for the UI locale. */
export function tCount(base: CountedKey, count: number, ...more: (string | number)[]): string {
  const category = new Intl.PluralRules(uiLocale()).select(count) === 'one' ? 'one' : 'other';
  return t(`${base}_${category}` as MessageKey, new Intl.NumberFormat(uiLocale()).format(count), ...more);
}

/** The browser's UI language ("de", "en-US"): the locale of every date, number and currency Tandem shows. */
export function uiLocale(): string {
  return browser.i18n.getUILanguage();
}
