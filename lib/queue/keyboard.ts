// The queue's keys, as a pure mapping so the page and its tests agree on them.
export type QueueCommand = 'next' | 'previous' | 'open' | 'claim' | 'release' | 'reply';

const KEYS: Record<string, QueueCommand> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  Enter: 'open',
  c: 'claim',
  r: 'release',
  R: 'reply',
};

/** The command for a key press, or null when it is not a queue key or the agent is typing in a field. */
export function commandFor(event: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; target?: EventTarget | null }): QueueCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null | undefined;
  const tag = target?.tagName?.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable) return null;
  return KEYS[event.key] ?? null;
}

/** The row to select after moving by `step` from `currentId` (clamped; the first row when nothing is selected). */
export function moveSelection(ids: readonly string[], currentId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = currentId === null ? -1 : ids.indexOf(currentId);
  if (at === -1) return ids[0] ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))] ?? null;
}
