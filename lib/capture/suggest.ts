import type { PageContext, Priority } from '../schema';
import { siteChannel } from '../schema/site-catalog';
import type { CaptureDraft } from '../sites/types';

// Words that make a public complaint urgent or high priority; kept small and explainable.
const URGENT = /\b(outage|down|no (signal|service|internet)|fraud|stolen|hacked|emergency|dringend|störung)\b/i;
const HIGH = /\b(charged twice|double charged|refund|cancel|not working|stopped working|broken|angry|unacceptable|complaint|lawyer)\b/i;

const TAG_WORDS: [RegExp, string][] = [
  [/\besim\b/i, 'esim'],
  [/\broaming\b/i, 'roaming'],
  [/\b(bill|invoice|charge[ds]?|rechnung)\b/i, 'billing'],
  [/\brefund\b/i, 'refund'],
  [/\b(outage|no signal|no service|störung)\b/i, 'outage'],
  [/\b(password|log ?in|sign ?in)\b/i, 'login'],
  [/\b(port|porting|switch(ing)? (my )?number)\b/i, 'porting'],
  [/\bapp\b/i, 'mobile-app'],
];

export function suggestPriority(text: string): Priority {
  if (URGENT.test(text)) return 'urgent';
  if (HIGH.test(text)) return 'high';
  return 'normal';
}

export function suggestTags(text: string): string[] {
  return TAG_WORDS.filter(([pattern]) => pattern.test(text)).map(([, tag]) => tag);
}

/** A subject from the first sentence, cut at a word boundary. */
export function subjectFrom(text: string, fallback: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return fallback;
  const sentence = clean.split(/(?<=[.!?])\s/)[0] ?? clean;
  if (sentence.length <= 90) return sentence;
  const cut = sentence.slice(0, 90);
  return `${cut.slice(0, Math.max(40, cut.lastIndexOf(' ')))}…`;
}

/** The draft for "capture what I am looking at": the page's context, or the agent's selection in it. */
export function draftFromContext(context: PageContext, selection: string | null, pageTitle: string | null): CaptureDraft {
  return {
    site: context.site,
    channel: siteChannel(context.site) ?? 'web',
    visibility: context.visibility,
    identities: context.identities,
    authorName: context.displayName,
    text: selection?.trim() || context.conversation,
    url: context.url,
    externalId: selection ? null : context.recordId,
    postedAt: null,
    pageTitle,
    ...(context.country ? { country: context.country } : {}),
  };
}
