// For Node code that renders or computes what the extension shows (e2e tests, bench/queue): the English catalog
// behind `browser.i18n`, as in the English Chromium the e2e suite runs. Import it first: wxt/browser picks up
// globalThis.chrome when it is first imported.
import { readFileSync } from 'node:fs';
import { type Catalog, resolveMessage } from './catalog';

const english = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Catalog;
const scope = globalThis as { chrome?: unknown };
scope.chrome ??= {
  i18n: {
    getMessage: (key: string, substitutions?: string | string[]) => resolveMessage(english, key, ([] as string[]).concat(substitutions ?? [])),
    getUILanguage: () => 'en-US',
  },
};
