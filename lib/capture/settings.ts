import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { DEFAULT_REDACTION, type RedactionSettings } from './redact';

const RedactionSettingsSchema = z.object({ card: z.boolean(), national_id: z.boolean(), iban: z.boolean() });

/** Which sensitive patterns captures redact; tuned in the options page. */
export const redactionItem = storage.defineItem<RedactionSettings>('local:redaction', { fallback: DEFAULT_REDACTION });

export async function loadRedaction(): Promise<RedactionSettings> {
  const parsed = RedactionSettingsSchema.safeParse(await redactionItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_REDACTION;
}
