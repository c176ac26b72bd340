// The page is hostile (docs/security.md): its scripts walk its DOM, click and dispatch events on what
// they find, cover or fade Tandem's frame, plant identities and probe for the extension. Driven in
// Chromium with the built extension against the fixture sites, checked on the server past the extension.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captureButton, captureItem, captureLabel, casesOnServer } from './capture-steps';
import { harnessForFile } from './file-harness';
import { FIXTURE_URLS } from './fixture-server';
import { overlayFrame, overlayOf } from './overlay-view';
import { serverRecords } from './server-view';

const h = harnessForFile();
const WAIT = { timeout: 10_000 };
/** Long enough for a write the page forced to show in the overlay (it shows local writes at once). */
const SETTLE_MS = 1500;

const serverCustomersWith = async (email: string) =>
  (await serverRecords(h.directServerUrl)).filter((c) => c.entity === 'customers' && c.record.identities.some((i) => i.value === email));

async function open(url: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(url);
  return page;
}

/**
 * A page script's attack on every element it can reach (its whole DOM and every open shadow root):
 * clicks, Enter and Space on each element that is not the page's own markup, and a forged Tandem
 * message to every frame. Runs in the page's world.
 */
function attackEverything(page: Page): Promise<number> {
  return page.evaluate(() => {
    const all: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    // Elements the fixture did not write: a custom element (Tandem's host has a made-up name) and what is inside open roots.
    const strangers = all.filter((el) => el.localName.includes('-') || el.getRootNode() !== document);
    for (const el of strangers) {
      (el as HTMLElement).click?.();
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      for (const key of ['Enter', ' ']) el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    }
    for (let i = 0; i < window.frames.length; i++) {
      window.frames[i]!.postMessage(
        { name: 'contact.create', payload: { name: 'Planted', identities: [{ kind: 'email', value: 'planted@example.com' }] } },
        '*',
      );
    }
    return strangers.length;
  });
}

describe('a page script reading the page', () => {
  it('finds none of the customer’s private data anywhere it can look, while the agent sees it in the frame', async () => {
    const page = await open(FIXTURE_URLS.tweet);
    const overlay = await overlayOf(page);
    await expect.poll(() => overlay.getByTestId('tandem-customer-name').textContent(), WAIT).toBe('Jane Doe');
    // What the agent sees in the frame: the private case and a private DM in the timeline.
    const secrets = ['Unexpected roaming charge', 'Pixel 8, restarted twice'];
    const shown = await overlay.textContent();
    for (const secret of secrets) expect(shown, secret).toContain(secret);
    // And what the CRM holds beside: her lifetime value, phone and email.
    const phones = ['1,842', '+14155550123', '555-0123', '5550123', 'jane.doe@example.com'];

    // Everything a page script reads: text, attribute values, open shadow roots, same-origin frames, the frames' documents.
    const readable = await page.evaluate(() => {
      const out: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          for (const a of el.attributes) out.push(a.value);
          if (el.shadowRoot) walk(el.shadowRoot);
          if (el instanceof HTMLIFrameElement) {
            try {
              if (el.contentDocument) walk(el.contentDocument);
            } catch {
              out.push('(frame refused)');
            }
          }
        }
        out.push((root as Document).documentElement?.textContent ?? (root as ShadowRoot).textContent ?? '');
      };
      walk(document);
      for (let i = 0; i < window.frames.length; i++) {
        try {
          out.push(window.frames[i]!.document.documentElement.textContent ?? '');
        } catch {
          out.push('(frame refused)');
        }
      }
      return out.join('\n');
    });
    for (const secret of [...secrets, ...phones]) expect(readable, String(secret)).not.toContain(secret);
    expect(readable).not.toMatch(/tandem-customer|tandem-overlay/);
    await page.close();
  });
});

describe('a page script clicking Tandem’s controls', () => {
  it('cannot create a contact: synthetic clicks and keys on the host, and messages to the frame, do nothing', async () => {
    const page = await open(FIXTURE_URLS.zendeskUnknown);
    const overlay = await overlayOf(page);
    await overlay.getByTestId('tandem-create-contact').waitFor(WAIT);
    expect(await attackEverything(page)).toBeGreaterThan(0);
    await page.waitForTimeout(SETTLE_MS);
    expect(await overlay.getByTestId('tandem-unknown').count()).toBe(1);
    expect(await serverCustomersWith('sam.unknown@example.com')).toEqual([]);
    expect(await serverCustomersWith('planted@example.com')).toEqual([]);
    await page.close();
  });

  it('cannot make the agent “reply” by focusing the reply box itself; the agent’s own click does', async () => {
    const page = await open(FIXTURE_URLS.tweet);
    const frame = await overlayFrame(page);
    await frame.getByTestId('tandem-customer-name').waitFor(WAIT);
    const warning = frame.getByTestId('tandem-public-warning');
    // The page focuses its editor (focus events are trusted even then) and types into it with synthetic keys.
    await page.evaluate(() => {
      const box = document.querySelector<HTMLElement>('[data-testid="tweetTextarea_0"]')!;
      box.focus();
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    });
    await page.waitForTimeout(SETTLE_MS);
    expect(await warning.count()).toBe(0);
    // The agent's click into the same box is presence: the public-reply warning follows it.
    await page.locator('[data-testid="tweetTextarea_0"]').click();
    await warning.waitFor(WAIT);
    await page.close();
  });

  it('cannot open the capture form with a page click, nor reach the form, and the agent’s Enter still captures', async () => {
    const TWEET = '1861200000000000001';
    const page = await open(FIXTURE_URLS.xHome);
    const button = await captureButton(page, TWEET);
    const frame = await overlayFrame(page);
    const form = frame.getByTestId('tandem-capture-form');
    await button.evaluate((b: HTMLElement) => b.click());
    await page.waitForTimeout(SETTLE_MS);
    expect(await form.count()).toBe(0);

    await button.click();
    await form.waitFor();
    const subject = form.getByLabel('Subject');
    const prefilled = await subject.inputValue();
    // The form is in another origin's document: the page cannot get at it to fill or submit it.
    const reached = await page.evaluate(() => {
      try {
        return !!window.frames[0]?.document;
      } catch {
        return false;
      }
    });
    expect(reached).toBe(false);
    await attackEverything(page);
    await page.waitForTimeout(SETTLE_MS);
    expect(await frame.getByTestId('tandem-capture-result').count()).toBe(0);
    expect(await casesOnServer(h.directServerUrl, { externalId: TWEET })).toEqual([]);

    // The agent's own Enter captures, with the subject the agent saw.
    await subject.press('Enter');
    await frame.getByTestId('tandem-capture-result').waitFor(WAIT);
    await expect.poll(() => casesOnServer(h.directServerUrl, { externalId: TWEET }), { timeout: 15_000 }).toHaveLength(1);
    expect((await casesOnServer(h.directServerUrl, { externalId: TWEET }))[0]?.subject).toBe(prefilled);
    await page.close();
  });
});

describe('a page script watching its capture buttons', () => {
  it('learns nothing of which posts were captured: the same host, attributes and size before and after, no shadow root, no label', async () => {
    const SAM = '1861260000000000003';
    const page = await open(FIXTURE_URLS.xHome);
    await (await captureButton(page, SAM)).waitFor();
    // Run in the page's world: the element with a made-up name carrying the tweet's id, as the page finds it, sized by
    // whatever it holds if the page's own !important rules had their way; and a search of the page for the label.
    const seen = () =>
      page.evaluate((id) => {
        const host = [...document.querySelectorAll('*')].find((el) => el.localName.includes('-') && [...el.attributes].some((a) => a.value === id));
        if (!host) return null;
        if (!document.getElementById('unsize')) {
          const style = Object.assign(document.createElement('style'), { id: 'unsize' });
          style.textContent = `${host.localName} { all: revert !important; width: auto !important; height: auto !important; contain: none !important; overflow: visible !important; display: inline !important; }`;
          document.head.append(style);
        }
        const box = host.getBoundingClientRect();
        const found = (window as unknown as { find(text: string): boolean }).find('Case ✓');
        getSelection()?.removeAllRanges();
        return {
          outerHTML: host.outerHTML,
          shadowRoot: host.shadowRoot,
          size: [box.width, box.height, host.scrollWidth, host.scrollHeight],
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text (layout, shadow trees) is what is asked here
          text: [(host as HTMLElement).innerText, host.textContent, document.body.innerText.includes('Case ✓')],
          found,
        };
      }, SAM);
    const before = await seen();
    expect(before).toMatchObject({ shadowRoot: null, found: false, text: ['', '', false] });
    expect(await captureLabel(page, SAM)).toBe('Capture');

    await captureItem(page, SAM);
    await expect.poll(() => captureLabel(page, SAM), WAIT).toMatch(/^Case ✓/);
    expect(await seen()).toEqual(before);
    await page.close();
  });
});

describe('a page planting identities', () => {
  it('gets five people looked up a minute, then “pick one” and nothing readable', async () => {
    const page = await open(FIXTURE_URLS.zendeskUnknown);
    const overlay = await overlayOf(page);
    await overlay.getByTestId('tandem-unknown').waitFor(WAIT);
    // The page rewrites its requester field, as a script on it can.
    const plant = (email: string) => page.locator('[data-test-id="requester-input"] span').evaluate((span, e) => void (span.textContent = `<${e}>`), email);
    // Sam (the page's own requester) is the first person; four more fill the tab's budget.
    for (let i = 1; i <= 4; i++) {
      await plant(`planted${i}@example.com`);
      await expect.poll(() => overlay.getByTestId('tandem-unknown').textContent(), WAIT).toContain(`planted${i}@example.com`);
    }
    // The sixth person, a real customer: not looked up, so nobody (not even the agent) reads anything about her.
    await plant('jane.doe@example.com');
    await overlay.getByTestId('tandem-busy').waitFor(WAIT);
    expect(await overlay.getByTestId('tandem-busy').textContent()).toContain('This page shows many people; pick one.');
    expect(await overlay.getByText('Jane Doe').count()).toBe(0);
    expect(await page.getByText('Jane Doe').count()).toBe(0);
    expect(await overlay.getByTestId('tandem-customer-tier').count()).toBe(0);
    await page.close();
  });
});

describe('a page looking for Tandem', () => {
  it('finds no tandem element name or attribute in its DOM, and another host name on every load', async () => {
    const page = await open(FIXTURE_URLS.xHome);
    await overlayOf(page);
    await captureButton(page, '1861200000000000001');
    // What a page script sees walking its own DOM.
    const lightDom = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('*')]
          .flatMap((el) => [el.tagName.toLowerCase(), ...[...el.attributes].map((a) => a.name)])
          .filter((n) => n.includes('tandem')),
      );
    const hostName = async () => (await (await overlayFrame(page)).frameElement()).evaluate((el) => (el.getRootNode() as ShadowRoot).host.tagName);
    expect(await lightDom()).toEqual([]);
    // The host's shadow root is closed: a page script sees no root to walk into. (Placed at document_start, before
    // the parser made the body, the host is a child of the root element.)
    expect(
      await page.evaluate(() => [...document.querySelectorAll('html > *, body > *')].filter((el) => el.localName.includes('-')).map((el) => el.shadowRoot)),
    ).toEqual([null]);
    const first = await hostName();
    await page.reload();
    await overlayOf(page);
    expect(await lightDom()).toEqual([]);
    expect(await hostName()).not.toBe(first);
    await page.close();
  });

  it('cannot fetch the frame’s page, the manifest or any other resource of the extension', async () => {
    const page = await open(FIXTURE_URLS.zendeskTicket);
    await overlayOf(page);
    const frameUrl = (await overlayFrame(page)).url();
    const fetched = await page.evaluate(
      async (urls) =>
        Promise.all(
          urls.map(async (url) => {
            try {
              return `${url}: ${(await fetch(url)).status}`;
            } catch {
              return `${url}: refused`;
            }
          }),
        ),
      [
        `chrome-extension://${h.extensionId}/overlay-frame.html`,
        `chrome-extension://${h.extensionId}/manifest.json`,
        `chrome-extension://${h.extensionId}/popup.html`,
        `chrome-extension://${h.extensionId}/background.js`,
      ],
    );
    expect(
      fetched.every((line) => line.endsWith(': refused')),
      fetched.join('\n'),
    ).toBe(true);
    // Nor can it frame Tandem's page itself (and so get a second overlay to play with): only the content script's loads.
    await page.evaluate((src) => {
      const iframe = document.createElement('iframe');
      iframe.src = src;
      document.body.append(iframe);
    }, frameUrl);
    await page.waitForTimeout(SETTLE_MS);
    const tandemFrames = page.frames().filter((f) => f.url().includes('/overlay-frame.html'));
    expect(tandemFrames).toHaveLength(1);
    await page.close();
  });
});

/**
 * The page's own script finds Tandem's host (a made-up element name; placed at document_start, so beside the body on
 * the root element) and styles it or covers it.
 */
function pageStyles(page: Page, action: 'fade' | 'cover' | 'restore'): Promise<void> {
  return page.evaluate((what) => {
    const host = [...document.documentElement.children, ...document.body.children].find((el) => el.localName.includes('-'));
    if (!host) throw new Error('no host');
    const cover = document.getElementById('clickjack-cover');
    if (what === 'restore') {
      (host as HTMLElement).style.opacity = '';
      cover?.remove();
      return;
    }
    if (what === 'fade') {
      (host as HTMLElement).style.opacity = '0.1';
      return;
    }
    // A box over the whole viewport that lets clicks through to what is under it.
    const div = document.createElement('div');
    div.id = 'clickjack-cover';
    div.textContent = 'Win a prize: click here!';
    div.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#fff;pointer-events:none;';
    document.body.append(div);
  }, action);
}

describe('clickjacking', () => {
  const createContactWhile = async (frame: Frame) => {
    await frame
      .getByTestId('tandem-create-contact')
      .click({ force: true, timeout: 3000 })
      .catch(() => undefined);
  };

  it('a faded or covered frame ignores the agent’s clicks; once plain again, a click works', async () => {
    const page = await open(FIXTURE_URLS.zendeskUnknown);
    const frame = await overlayFrame(page);
    await frame.getByTestId('tandem-create-contact').waitFor(WAIT);

    await pageStyles(page, 'fade');
    await page.waitForTimeout(300);
    await createContactWhile(frame);
    await pageStyles(page, 'restore');
    await pageStyles(page, 'cover');
    await page.waitForTimeout(300);
    await createContactWhile(frame);
    await page.waitForTimeout(SETTLE_MS);
    expect(await frame.getByTestId('tandem-unknown').count()).toBe(1);
    expect(await serverCustomersWith('sam.unknown@example.com')).toEqual([]);

    // The same click on the frame in plain view does create the contact (the test can fail).
    await pageStyles(page, 'restore');
    await page.waitForTimeout(300);
    await frame.getByTestId('tandem-create-contact').click();
    await expect
      .poll(
        () =>
          frame
            .getByTestId('tandem-customer-name')
            .textContent({ timeout: 1000 })
            .catch(() => null),
        WAIT,
      )
      .toBe('Sam Unknown');
    await page.close();
  });
});
