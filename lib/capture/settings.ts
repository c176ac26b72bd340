import { storage } from 'wxt/utils/storage';
import { RedactionOptions } from '../schema/capture-privacy';
import { DEFAULT_REDACTION, type RedactionSettings } from './redact';

/** Which sensitive patterns captures redact, tuned in the options page: used until the team's options (console) arrive with a sync. */
export const redactionItem = storage.defineItem<RedactionSettings>('local:redaction', { fallback: DEFAULT_REDACTION });

export async function loadRedaction(): Promise<RedactionSettings> {
  // Choices stored before a kind existed take its default.
  const parsed = RedactionOptions.safeParse(await redactionItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_REDACTION;
}
