import { describe, expect, it } from 'vitest';
import type { Broadcast, Snippet } from '../schema/entities';
import { incidentOffer } from './prefill';

const snippet = (id: string, body: string, extra: Partial<Snippet> = {}): Snippet => ({
  id,
  version: 1,
  updatedAt: '2026-11-20T00:00:00.000Z',
  deleted: false,
  title: `Reply ${id}`,
  shortcut: `;${id}`,
  body,
  tags: ['workaround'],
  language: 'en',
  status: 'published',
  targeting: { teamIds: [], sites: [], tags: [] },
  ...extra,
});

const broadcast = (id: string, title: string, suggestedSnippetId: string | null): Broadcast => ({
  id,
  version: 1,
  updatedAt: '2026-11-20T00:00:00.000Z',
  deleted: false,
  title,
  message: '6 customers have written about "leeds signal phone" since 16:05 UTC. Use the suggested reply.',
  severity: 'major',
  startsAt: '2026-11-20T16:20:00.000Z',
  endsAt: null,
  suggestedSnippetId,
  targeting: { teamIds: ['team-care'], sites: [], tags: [] },
});

const wifiCalling = snippet('snip-wifi', 'Turn on Wi-Fi calling in Settings > Phone while we fix the mast.');
const outage = broadcast('bc-leeds', 'Possible incident: Leeds · Signal · Phone', 'snip-wifi');

describe('the capture form’s incident offer', () => {
  it('offers the broadcast’s suggested reply for a post sharing two of its words', () => {
    const offer = incidentOffer('@carrier no signal at all in Leeds since lunch, what is going on', [outage], [wifiCalling]);
    expect(offer).toEqual({
      broadcastId: 'bc-leeds',
      title: outage.title,
      terms: ['leed', 'signal'],
      snippetId: 'snip-wifi',
      reply: wifiCalling.body,
    });
  });

  it('offers nothing for a post sharing one word only, or only the title’s “possible incident”', () => {
    expect(incidentOffer('Signal strength is fine but my bill doubled', [outage], [wifiCalling])).toBeNull();
    expect(incidentOffer('Is this a possible incident? My invoice is wrong', [outage], [wifiCalling])).toBeNull();
  });

  it('offers nothing when the broadcast suggests no reply, or its snippet is gone or unpublished', () => {
    const post = 'No signal in Leeds';
    expect(incidentOffer(post, [broadcast('bc-2', outage.title, null)], [wifiCalling])).toBeNull();
    expect(incidentOffer(post, [outage], [])).toBeNull();
    expect(incidentOffer(post, [outage], [{ ...wifiCalling, deleted: true }])).toBeNull();
    expect(incidentOffer(post, [outage], [{ ...wifiCalling, status: 'draft' }])).toBeNull();
  });

  it('picks the broadcast sharing most words with the post', () => {
    const roaming = broadcast('bc-roaming', 'Possible incident: Roaming · Spain · Data', 'snip-roam');
    const roamReply = snippet('snip-roam', 'Restart roaming under Mobile data.');
    const offer = incidentOffer('No roaming data in Spain and no signal', [outage, roaming], [wifiCalling, roamReply]);
    expect(offer?.broadcastId).toBe('bc-roaming');
  });
});
