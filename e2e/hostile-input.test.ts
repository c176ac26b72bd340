import { describe, expect, it } from 'vitest';
import { captureItem, casesOnServer } from './capture-steps';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayOf } from './overlay-view';
import { serverRecords } from './server-view';

const h = harnessForFile();

// A tweet that arrives in the timeline after load, as new posts do; Priya's first tweet is its template.
const TEMPLATE_ID = '1861200000000000001';
const TWEET_ID = '1861299999999999999';
// A NUL and the first half of an emoji: what PostgreSQL's text refuses and what once jammed the outbox.
const HOSTILE_TEXT = 'Card declined\u0000 twice \uD83D today';
const CLEANED_TEXT = 'Card declined twice \uFFFD today';

// JSON.stringify writes a NUL and a lone surrogate as escapes, and a whole emoji as itself.
const hasUnstorableText = (value: unknown) => /\\u0000|\\ud[89a-f][0-9a-f]{2}/i.test(JSON.stringify(value));

describe('a post whose text the database cannot store as it is', () => {
  it('reaches the server cleaned, and a contact created afterwards still reaches it', async () => {
    const page = await h.context.newPage();
    await page.goto(FIXTURE_URLS.xHome);
    await page.evaluate(
      ({ templateId, id, text }) => {
        const cell = [...document.querySelectorAll('[data-testid="cellInnerDiv"]')].find((c) => c.querySelector(`a[href$="/status/${templateId}"]`));
        const tweet = cell?.cloneNode(true);
        if (!(tweet instanceof HTMLElement)) throw new Error(`No tweet ${templateId} in the fixture`);
        tweet.style.cssText = 'position: relative;';
        tweet.querySelector(`a[href$="/status/${templateId}"]`)?.setAttribute('href', `/priyabuilds/status/${id}`);
        // Not Tandem's button of the tweet it was copied from (its host: a made-up element name marked with that
        // tweet's id): Tandem gives the copy its own.
        for (const el of tweet.querySelectorAll('*')) {
          if (el.localName.includes('-') && [...el.attributes].some((a) => a.value === templateId)) el.remove();
        }
        const body = tweet.querySelector('[data-testid="tweetText"] span');
        if (body) body.textContent = text;
        cell?.parentElement?.prepend(tweet);
      },
      { templateId: TEMPLATE_ID, id: TWEET_ID, text: HOSTILE_TEXT },
    );
    const result = await captureItem(page, TWEET_ID);
    expect(await result.textContent()).toContain('Priya Raman');
    const caseId = await result.getAttribute('data-case-id');

    await expect.poll(() => casesOnServer(h.directServerUrl, { externalId: TWEET_ID }), { timeout: 15_000 }).toHaveLength(1);
    const records = await serverRecords(h.directServerUrl);
    const captured = records.filter((c) => c.record.id === caseId || ('caseId' in c.record && c.record.caseId === caseId));
    expect(JSON.stringify(captured)).toContain(JSON.stringify(CLEANED_TEXT).slice(1, -1));
    expect(captured.filter(hasUnstorableText)).toEqual([]);
    await page.close();

    // The outbox is not jammed behind the capture: the next write arrives as any write does.
    const zendesk = await h.context.newPage();
    await zendesk.goto(FIXTURE_URLS.zendeskUnknown);
    const overlay = await overlayOf(zendesk);
    await overlay.getByTestId('tandem-create-contact').click();
    const contactOnServer = async () =>
      (await serverRecords(h.directServerUrl)).flatMap((c) =>
        c.entity === 'customers' && c.record.identities.some((i) => i.value === 'sam.unknown@example.com') ? [c.record.name] : [],
      );
    await expect.poll(contactOnServer, { timeout: 15_000 }).toEqual(['Sam Unknown']);
    await zendesk.close();
  });
});
