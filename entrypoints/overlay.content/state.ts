import { computed, signal } from '@preact/signals';
import type { PageContext, Resolution } from '../../lib/schema';
import { privateMattersForPublicReply } from '../../lib/sites/public-reply';

/** The overlay's state: what the page shows and who it is, as the background resolved it. */
export const pageContext = signal<PageContext | null>(null);
export const resolution = signal<Resolution | null>(null);
export const lastError = signal<string | null>(null);
export const collapsed = signal(false);
export const scheme = signal<'light' | 'dark'>('light');

/** The teammate who has claimed the case this page is the source of, when it is not this agent. */
export const claimedBy = signal<string | null>(null);

/** Whether the focus is in the page's reply box (the adapter says which element that is). */
export const replyFocused = signal(false);
/** The agent dismissed the warning for this context; a new context shows it again. */
export const warningDismissedFor = signal<string | null>(null);

/** What the agent must not mention in the public reply they are writing, or null. */
export const publicReplyWarning = computed(() => {
  if (!replyFocused.value) return null;
  const context = pageContext.value;
  if (context && warningDismissedFor.value === context.url) return null;
  return privateMattersForPublicReply(context, resolution.value);
});
