// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizePageIdentities } from '../identity/normalize';
import { CaptureInput } from '../schema';
import { dynamics } from './dynamics';
import { loadFixture } from './test-fixtures';
import type { CaptureItem } from './types';

const RECORD =
  'https://tandemdemo.crm.dynamics.com/main.aspx?appid=5f1c0e2a-0000-4000-8000-000000000001&pagetype=entityrecord&etn=contact&id=7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11';

describe('dynamics adapter', () => {
  it('reads the contact form through data-id attributes', () => {
    const { doc, url } = loadFixture('dynamics', RECORD);
    const ctx = dynamics.read(doc, url)!;
    expect(ctx.displayName).toBe('Olu Adeyemi');
    expect(normalizePageIdentities(ctx)).toEqual([
      { kind: 'email', value: 'olu.adeyemi@example.com' },
      { kind: 'phone', value: '+442079460321' }, // national number read with the page's en-GB region
      { kind: 'dynamics', value: '7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11' },
    ]);
    expect(ctx.recordId).toBe('7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11');
  });

  it('returns null off record pages', () => {
    const { doc } = loadFixture('dynamics', 'https://tandemdemo.crm.dynamics.com/main.aspx?pagetype=entitylist&etn=contact');
    expect(dynamics.read(doc, new URL('https://tandemdemo.crm.dynamics.com/main.aspx?pagetype=entitylist&etn=contact'))).toBeNull();
  });
});

function asInput(item: CaptureItem) {
  return CaptureInput.parse({ ...item.draft, subject: 'Captured', priority: 'normal', tags: [] });
}

describe('dynamics capture buttons', () => {
  it('gives the contact’s email in the Timeline a button, and none to the agent’s email or a note', () => {
    const { doc, url } = loadFixture('dynamics', RECORD);
    const records = Array.from(doc.querySelectorAll('[data-id="notescontrol"] li > div[id^="timeline_record_container"]'));
    expect(records).toHaveLength(3); // Olu's email, Cy's email, Cy's note
    const items = dynamics.captureItems!(doc, url);
    expect(items.map((i) => records.indexOf(i.element))).toEqual([0]);
    const [email] = items;
    expect(asInput(email!)).toMatchObject({
      site: 'dynamics',
      channel: 'email',
      visibility: 'private',
      authorName: 'Olu Adeyemi',
      text: 'Re: Direct Debit missed My salary comes in on the 28th. Could the payment be taken on the 29th from now on?',
      url: RECORD,
      externalId: '3c9e0b52-8d1f-4a7e-b6c2-51f0a8d3e701',
      postedAt: null,
      country: 'GB',
    });
    expect(normalizePageIdentities(email!.draft)).toEqual([
      { kind: 'email', value: 'olu.adeyemi@example.com' },
      { kind: 'phone', value: '+442079460321' },
      { kind: 'dynamics', value: '7f3c2a10-5b7e-4d2f-9a61-0c8e4b2d9f11' },
    ]);
    // In the record's header, beside its title; the header is not part of the text.
    expect(email!.anchor.querySelector('label[data-id^="notescontrol-timeline_record_header_title"]')).not.toBeNull();
    expect(email!.draft.text).not.toContain('Email from');
  });

  it('knows the contact by their address, reads a phone call as phone, and links the record without the UI’s extra parameters', () => {
    const { doc } = loadFixture('dynamics', RECORD);
    const url = new URL(`${RECORD}&navbar=off&cmdbar=false`);
    const titles = doc.querySelectorAll('label[data-id^="notescontrol-timeline_record_header_title"]');
    titles[0]!.textContent = 'Email from: OLU.ADEYEMI@example.com';
    titles[2]!.textContent = 'Phone Call from: Olu Adeyemi';
    expect(dynamics.captureItems!(doc, url).map((i) => [i.draft.externalId, i.draft.channel, i.draft.url])).toEqual([
      ['3c9e0b52-8d1f-4a7e-b6c2-51f0a8d3e701', 'email', RECORD],
      ['3c9e0b52-8d1f-4a7e-b6c2-51f0a8d3e703', 'phone', RECORD],
    ]);
  });

  it('gives no buttons off person records or off record pages', () => {
    const { doc } = loadFixture('dynamics', RECORD);
    const account = new URL(RECORD.replace('etn=contact', 'etn=account'));
    expect(dynamics.captureItems!(doc, account)).toEqual([]);
    const list = new URL('https://tandemdemo.crm.dynamics.com/main.aspx?pagetype=entitylist&etn=contact');
    expect(dynamics.captureItems!(doc, list)).toEqual([]);
  });
});
