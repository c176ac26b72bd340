import { useEffect } from 'preact/hooks';
import { acknowledgeBroadcast, dismissBroadcast, visibleBroadcasts, watchBroadcasts } from '../lib/broadcasts/feed';
import { BroadcastBanner } from './BroadcastBanner';

/**
 * The side panel's broadcasts for the page in view (the overlay's feed and banner): "Got it" here hides the broadcast in
 * the overlay too, and one read receipt goes to the manager either way.
 */
export function SidePanelBroadcasts({ site, url }: { site: string | null; url: string | undefined }) {
  const host = url ? (URL.parse(url)?.hostname ?? '') : '';
  useEffect(() => watchBroadcasts(site, host), [site, host]);
  return <BroadcastBanner broadcasts={visibleBroadcasts.value} onDismiss={dismissBroadcast} onAcknowledge={(b) => void acknowledgeBroadcast(b)} />;
}
