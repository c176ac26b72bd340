import { storage } from 'wxt/utils/storage';

/**
 * The agent's last choice for "Attach screenshot" in the capture form (off until they tick it).
 * Kept apart from settings.ts so the overlay content script does not pull in zod for one boolean.
 */
export const attachScreenshotItem = storage.defineItem<boolean>('local:capture.attachScreenshot', { fallback: false });
