import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_URLS, type FixtureServer, folderForHost, startFixtureServer } from './fixture-server';

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
}, 30_000);
afterAll(() => server?.close());

/** GET a fixture URL from 127.0.0.1 with its real Host header and SNI, as Chromium would. */
function get(href: string): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(href);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: url.pathname + url.search,
        method: 'GET',
        servername: url.hostname,
        headers: { host: url.hostname },
        rejectUnauthorized: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('fixture server', () => {
  it('serves each site by Host header, with the SPA fallback for deep links', async () => {
    const ticket = await get(FIXTURE_URLS.zendeskTicket);
    expect(ticket.status).toBe(200);
    expect(ticket.type).toContain('text/html');
    expect(ticket.body).toContain('omni-log-comment-item');
    const tweet = await get(FIXTURE_URLS.tweet);
    expect(tweet.body).toContain('data-testid="tweetTextarea_0"');
    const twitterCom = await get('https://twitter.com/home');
    expect(twitterCom.body).toBe((await get(FIXTURE_URLS.xHome)).body);
    for (const href of Object.values(FIXTURE_URLS)) expect((await get(href)).status, href).toBe(200);
  });

  it('serves the shared router script with a JavaScript type', async () => {
    const js = await get('https://tandemdemo.lightning.force.com/_shared/router.js');
    expect(js.status).toBe(200);
    expect(js.type).toContain('text/javascript');
    expect(js.body).toContain('TandemFixture');
  });

  it('refuses unknown hosts and does not escape the site folder', async () => {
    expect((await get('https://unknown.example.net/')).status).toBe(404);
    const escaped = await get('https://x.com/../../fixture-server.ts');
    expect(escaped.body).not.toContain('startFixtureServer');
  });

  it('maps hosts and wildcards for Chromium', () => {
    expect(server.hostResolverRules).toContain(`MAP x.com 127.0.0.1:${server.port}`);
    expect(server.hostResolverRules).toContain(`MAP *.zendesk.com 127.0.0.1:${server.port}`);
    expect(folderForHost('tandemdemo.crm.dynamics.com:443')).toBe('dynamics');
    expect(folderForHost('zendesk.com.evil.example')).toBeNull();
    expect(server.hosts).toContain('news.example.com');
  });
});
