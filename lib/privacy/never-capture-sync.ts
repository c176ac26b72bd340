// The background's side of never-capture sites and team redaction (docs/privacy.md): after each sync it
// reads GET /capture-privacy and stores the list for the content script and each team's options for
// captures; the console reads and changes both through it (pages never hold the token); and it refuses
// capture and screenshots from a page on the list, whatever that page's content script or overlay frame does.
import { type ApiClient, toMessageError } from '../api/client';
import { saveTeamRedaction } from '../capture/redact-settings';
import type { TandemDatabase } from '../db';
import { type Handlers, MessageError, type SenderInfo } from '../messaging/dispatch';
import { NeverCaptureList } from '../schema/capture-privacy';
import type { MessageName, MessagesOf } from '../schema/messages';
import { loadNeverCapture, neverCaptureItem, neverCaptureOn } from './never-capture';

/** Validates and stores the list for the content script (sorted). */
export async function saveNeverCapture(patterns: readonly string[]): Promise<void> {
  await neverCaptureItem.setValue([...NeverCaptureList.parse(patterns)].sort());
}

/** The afterSync step. A server without the route (older) leaves what was stored; so does a sign-out meanwhile. */
export async function refreshCapturePrivacy(db: TandemDatabase, api: Pick<ApiClient, 'capturePrivacy'>, signedIn: () => Promise<boolean>): Promise<void> {
  const answer = await api.capturePrivacy().catch(() => null);
  if (!answer || !(await signedIn())) return;
  await saveNeverCapture(answer.neverCapture);
  await saveTeamRedaction(db, answer.teams);
}

export function createCapturePrivacyHandlers(deps: { db: TandemDatabase; api(): Promise<ApiClient | null> }): Pick<Handlers, MessagesOf<'capturePrivacy'>> {
  async function withApi<T>(call: (api: ApiClient) => Promise<T>): Promise<T> {
    const api = await deps.api();
    if (!api) throw new MessageError('signed_out', 'Sign in to Tandem as a manager or admin to change where Tandem captures.');
    try {
      return await call(api);
    } catch (error) {
      throw toMessageError(error);
    }
  }
  return {
    'capturePrivacy.get': () => withApi((api) => api.capturePrivacy()),
    'capturePrivacy.setNeverCapture': async ({ hosts }) => {
      const saved = await withApi((api) => api.setNeverCapture(hosts));
      // This browser follows at once; everyone else with their next sync (the server wakes their live stream).
      await saveNeverCapture(saved.hosts);
      return saved;
    },
    'capturePrivacy.setRedaction': ({ teamId, options }) => withApi((api) => api.setTeamRedaction(teamId, options)),
  };
}

/** What a page's side or its overlay frame sends to capture: refused on a never-capture site. */
const CAPTURING: readonly MessageName[] = ['overlay.capture', 'capture.screenshot', 'capture.create'];

/**
 * Whether the sender is on a never-capture site, by the browser's own word: the sending frame's URL (a content
 * script's page) and its tab's top-level URL (the overlay frame's page is an extension URL; the site is its tab's).
 * Nothing the page or the frame says about where it is counts.
 */
function onNeverCaptureSite(sender: SenderInfo, patterns: readonly string[]): boolean {
  return neverCaptureOn(sender.url, patterns) || neverCaptureOn(sender.tab?.url, patterns);
}

/** The handlers, with capture and screenshots refused for a page on the never-capture list. */
export function refuseOnNeverCaptureSites(handlers: Handlers, patterns: () => Promise<readonly string[]> = loadNeverCapture): Handlers {
  const guarded = { ...handlers } as Record<MessageName, (payload: unknown, sender: SenderInfo) => Promise<unknown>>;
  for (const name of CAPTURING) {
    const handler = guarded[name];
    guarded[name] = async (payload, sender) => {
      if (onNeverCaptureSite(sender, await patterns())) throw new MessageError('never_capture', 'Your organisation does not capture on this site.');
      return handler(payload, sender);
    };
  }
  return guarded as Handlers;
}
