import type { CaptureInput, PageContext } from '../schema';

/** What a page says about one post, message or comment, before the agent adds subject, priority and tags. */
export type CaptureDraft = Omit<CaptureInput, 'subject' | 'priority' | 'tags'>;

/** A piece of the page that gets its own capture button. */
export interface CaptureItem {
  /** The post or message; marked once it has a button. */
  element: Element;
  /** Where the button goes (e.g. a tweet's action bar). */
  anchor: Element;
  draft: CaptureDraft;
}

/**
 * One supported site. Plain data plus pure functions of the DOM: an adapter never touches the
 * database or the network, so it can be tested against a fixture page alone.
 */
export interface SiteAdapter {
  /** Short stable name, also used as PageContext.site and in site rules. */
  readonly name: string;
  /** Whether this adapter handles the page at this address. */
  matches(url: URL): boolean;
  /**
   * Reads who and what is in focus. Returns null when the page shows nothing this adapter knows
   * (the registry then falls back to the generic adapter). The result is parsed with PageContext.
   */
  read(doc: Document, url: URL): PageContext | null;
  /** The element the agent types replies into, if the page shows one. */
  replyBox(doc: Document): HTMLElement | null;
  /**
   * The button that sends the reply typed in `replyBox`, where the evidence shows one: the stale-send guard
   * holds its press back when the conversation moved on (lib/stale-send, docs/sites.md "Send buttons").
   * Absent: the site's send is not guarded.
   */
  sendButton?(doc: Document): HTMLElement | null;
  /**
   * The smallest stable element whose subtree changes when the context changes; the content
   * script scopes its MutationObserver to it. Defaults to document.body.
   */
  observeRoot?(doc: Document): Element | null;
  /** Posts, comments or messages on screen that each get a capture button. */
  captureItems?(doc: Document, url: URL): CaptureItem[];
  /**
   * Whether the address is a record, ticket or thread page, about one person: where finding nobody is a
   * recognition miss (lib/recognition/page-tally.ts).
   */
  recordPage?(url: URL): boolean;
}
