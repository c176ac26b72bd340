import { beforeAll, describe, expect, it } from 'vitest';
import { appForSuite, createCase, ENGINES, expectError } from './testing';

// The server parses with the extension's schemas (lib/schema/entities.ts HttpUrl): only http(s) links are stored.
describe.each(ENGINES)('stored links on %s', (engine) => {
  const { api } = appForSuite(engine);
  const tokens = { agent: '', manager: '' };
  beforeAll(async () => {
    tokens.agent = await api.signIn('agent@tandem.demo');
    tokens.manager = await api.signIn('manager@tandem.demo');
  });

  it('refuses an article whose url is javascript: with 400 invalid_request naming the field', async () => {
    const body = { title: 'Phish', body: 'x', url: 'javascript:alert(document.cookie)', targeting: { teamIds: ['team-care'] } };
    const error = await expectError(await api.post('/manager/articles', tokens.manager, body), 400, 'invalid_request');
    expect(error.error.details).toEqual([expect.objectContaining({ path: 'url', message: 'Only http: and https: links are allowed.' })]);
  });

  it('rejects a pushed case whose source url is data: or file:', async () => {
    for (const url of ['data:text/html,<script>alert(1)</script>', 'file:///etc/passwd']) {
      const result = await api.pushOne(tokens.agent, createCase({ source: { url, site: null, externalId: null } }));
      expect(result).toMatchObject({ status: 'rejected', code: 'invalid_mutation' });
    }
  });

  it('stores a case whose source url is https', async () => {
    const result = await api.pushOne(tokens.agent, createCase({ source: { url: 'https://x.com/jane_doe/status/1', site: 'twitter', externalId: null } }));
    expect(result.status).toBe('applied');
  });
});
