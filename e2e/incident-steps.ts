// Steps shared by the incident e2e files: a burst of tweets by new people on the X fixture, and the server's incidents.
import type { Page } from 'playwright-core';
import { IncidentsResponse } from '../lib/schema/incidents';
import { serverToken } from './server-view';

/** Who the added tweets are by: each file its own id range (no fixture uses it), handles and names. */
export type TweetAuthors = { idPrefix: string; handlePrefix: string; namePrefix: string };

/**
 * Adds tweets by new people to the X fixture's timeline, as X's own infinite scroll would (a copy of an unknown
 * author's tweet with another author, id and text); the adapter puts its capture buttons on them.
 */
export async function addTweets(page: Page, texts: readonly string[], stamp: string, authors: TweetAuthors): Promise<string[]> {
  return page.evaluate(
    ({ texts, stamp, authors }) => {
      const template = [...document.querySelectorAll('[data-testid="cellInnerDiv"]')].find((cell) => cell.innerHTML.includes('sam_unknown'));
      if (!template?.parentElement) throw new Error('no tweet to copy');
      return texts.map((text, i) => {
        const handle = `${authors.handlePrefix}_${stamp}_${i}`;
        // The stamp's own digits (not its base-36 letters) keep runs apart inside the file's id range.
        const id = `${authors.idPrefix}${String(Number.parseInt(stamp, 36) % 1e6).padStart(6, '0')}${String(i).padStart(8, '0')}`;
        const cell = template.cloneNode(true) as HTMLElement;
        // The copy must not carry Tandem's button of the tweet it was copied from (its host, a made-up element name
        // marked with that tweet's id): Tandem gives the copy its own.
        for (const el of cell.querySelectorAll('*')) {
          if (el.localName.includes('-') && [...el.attributes].some((a) => a.value === '1861260000000000003')) el.remove();
        }
        cell.innerHTML = cell.innerHTML
          .replaceAll('sam_unknown', handle)
          .replaceAll('Sam Unknown', `${authors.namePrefix} ${i}`)
          .replaceAll('1861260000000000003', id)
          .replace(/Thinking of switching[^<]*/, text);
        // X lays its cells out absolutely, one below the other.
        cell.style.transform = `translateY(${800 + i * 200}px)`;
        template.parentElement?.append(cell);
        return id;
      });
    },
    { texts, stamp, authors },
  );
}

/** The team's incidents as the server holds them, read with the account's token. */
export async function incidentsOnServer(serverUrl: string, account: { email: string; password: string }) {
  const token = await serverToken(serverUrl, account);
  const res = await fetch(`${serverUrl}/incidents`, { headers: { Authorization: `Bearer ${token}` } });
  return IncidentsResponse.parse(await res.json()).incidents;
}
