import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { Db } from '../db/database';
import { openApiDocument, openApiPath } from './document';
import { API_ROUTES } from './routes';
import { dig } from './testing';

/** The routes an app serves, as `METHOD /pattern`. Routing needs no database, so none is opened. */
function servedRoutes(): Set<string> {
  const app = createApp({ db: {} as Db });
  return new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
}

/** `METHOD /{param}` pairs the document describes. */
function documentedRoutes(document: Record<string, unknown>): Set<string> {
  const paths = document.paths as Record<string, Record<string, unknown>>;
  return new Set(Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)));
}

/** Served routes with no operation in the document: the CI route check. */
function undocumented(document: Record<string, unknown>): string[] {
  const documented = documentedRoutes(document);
  return [...servedRoutes()].filter((route) => {
    const [method = '', pattern = ''] = route.split(' ');
    return !documented.has(`${method} ${openApiPath(pattern).path}`);
  });
}

describe('the OpenAPI document', () => {
  it('describes every route the app serves, and none it does not', () => {
    const document = openApiDocument('test');
    expect(undocumented(document)).toEqual([]);
    const served = new Set([...servedRoutes()].map((route) => route.replace(/:([A-Za-z]+)/g, '{$1}')));
    expect([...documentedRoutes(document)].filter((route) => !served.has(route))).toEqual([]);
  });

  it('fails the route check when a served route has no entry in the table', () => {
    const { 'POST /admin/webhooks': _left, ...withoutOne } = API_ROUTES;
    expect(undocumented(openApiDocument('test', withoutOne))).toEqual(['POST /admin/webhooks']);
  });

  it('is valid OpenAPI 3.1 as the server serves it', async () => {
    const res = await createApp({ db: {} as Db }).request('/openapi.json');
    expect(res.status).toBe(200);
    const document = (await res.json()) as Record<string, unknown>;
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('takes request and answer bodies from the zod schemas the routes parse with', () => {
    const document = openApiDocument('test');
    const json = ['requestBody', 'content', 'application/json', 'schema'];
    expect(dig(document, 'paths', '/admin/webhooks', 'post', ...json)).toEqual({ $ref: '#/components/schemas/CreateWebhookRequest' });
    // The event list comes from lib/schema/webhooks.ts; `description` has a default, so a client may leave it out.
    const request = dig(document, 'components', 'schemas', 'CreateWebhookRequest');
    expect(dig(request, 'properties', 'events', 'items', 'enum')).toEqual(['case.changed', 'customer.changed']);
    expect(dig(request, 'required')).toEqual(['url', 'events']);
    expect(dig(document, 'components', 'schemas', 'CreatedWebhook', 'required')).toContain('secret');
    // Query schemas become parameters; path patterns become {templates}; a body per kind becomes oneOf.
    const parameters = dig(document, 'paths', '/sync/pull', 'get', 'parameters') as { name: string; in: string }[];
    expect(parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['query:cursor', 'query:limit']);
    expect(Object.keys(dig(document, 'paths') as object)).toContain('/manager/{kind}/{id}/versions/{version}');
    expect(dig(document, 'paths', '/manager/{kind}', 'post', ...json, 'oneOf')).toHaveLength(4);
  });

  it('marks public routes and the scopes an API token needs', () => {
    const document = openApiDocument('test');
    expect(dig(document, 'paths', '/auth/sign-in', 'post', 'security')).toEqual([]);
    expect(dig(document, 'paths', '/import/customers', 'post', 'security')).toEqual([{ bearer: ['customers:write'] }]);
    expect(dig(document, 'paths', '/admin/users', 'get', 'description')).toMatch(/API tokens: not allowed/);
  });
});

describe('the reference page', () => {
  it('lists every operation and escapes what it shows', async () => {
    const res = await createApp({ db: {} as Db }).request('/reference');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<code>POST /admin/webhooks</code>');
    expect(page).toContain('<code>GET /manager/{kind}/{id}/versions/{version}</code>');
    // Schema JSON is text in the page: its quotes are escaped, never markup.
    expect(page).toContain('&quot;$ref&quot;');
    expect(page).not.toContain('"$ref"');
  });
});
