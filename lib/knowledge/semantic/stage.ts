import { browser } from 'wxt/browser';
import { semanticSuggestionsOn } from '../../settings/managed';
import { semanticSuggestionsItem } from '../../settings/storage';
import type { SemanticStageDeps } from '../background';
import { createEncoderHost, ENCODER_WORKER, type OffscreenApi } from './host';

/**
 * The semantic stage as the background wires it: the setting (a policy wins), and the encoder's host for this
 * browser, opened on the first page that needs it and closed when the setting goes off. Null where the browser can
 * host no encoder (then suggestions stay lexical).
 */
export function browserSemanticStage(): SemanticStageDeps | null {
  const offscreen = (browser as unknown as { offscreen?: OffscreenApi }).offscreen;
  const host = createEncoderHost({
    offscreen,
    sendMessage: (message) => browser.runtime.sendMessage(message),
    startWorker: typeof Worker === 'function' ? () => new Worker(browser.runtime.getURL(ENCODER_WORKER)) : undefined,
  });
  if (!host) return null;
  const enabled = () => semanticSuggestionsOn(() => semanticSuggestionsItem.getValue());
  semanticSuggestionsItem.watch(() => {
    void enabled().then((on) => (on ? undefined : host.close()));
  });
  return { enabled, encoder: () => host };
}
