// The document against real answers: every GET the demo can answer without an id is called as an admin, and its body
// must match the schema the document gives for it, so a wrong schema in the route table fails here.
import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, ENGINES } from '../testing';
import { openApiDocument } from './document';
import { API_ROUTES } from './routes';
import { dig } from './testing';

/** Path parameters the demo has values for; routes with others (record ids) are left to their own suites. */
const DEMO_PARAMS: Record<string, string> = { kind: 'articles', teamId: 'team-care' };
/** Required queries. */
const QUERIES: Record<string, string> = {
  'GET /sla/report/:teamId': `?from=${new Date(DEMO_CLOCK.getTime() - 7 * 86400_000).toISOString()}&to=${DEMO_CLOCK.toISOString()}`,
  'GET /privacy/customers': '?q=an',
  'GET /effort/report/:teamId': `?from=${new Date(DEMO_CLOCK.getTime() - 28 * 86400_000).toISOString()}&to=${DEMO_CLOCK.toISOString()}`,
};

const checkedRoutes = Object.entries(API_ROUTES).filter(
  ([route, spec]) =>
    route.startsWith('GET ') && typeof spec.response === 'object' && [...route.matchAll(/:([A-Za-z]+)/g)].every((m) => (m[1] ?? '') in DEMO_PARAMS),
);

describe.each(ENGINES)('answers as the OpenAPI document describes them on %s', (engine) => {
  const { api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  const document = openApiDocument('test');
  // The document is one schema resource: each answer is checked against its $ref inside it.
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  ajv.addSchema(document, 'openapi');
  let admin = '';

  beforeAll(async () => {
    admin = await api.signIn('admin@tandem.demo');
  });

  it('covers a good share of the API', () => {
    expect(checkedRoutes.length).toBeGreaterThan(25);
  });

  it.each(checkedRoutes.map(([route]) => route))('%s', async (route) => {
    const pattern = route.slice('GET '.length);
    const path = pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => DEMO_PARAMS[name] ?? '');
    const res = await api.get(`${path}${QUERIES[route] ?? ''}`, admin);
    expect(res.status, await res.clone().text()).toBe(200);
    const ref = `openapi${dig(document, 'paths', pattern.replace(/:([A-Za-z]+)/g, '{$1}'), 'get', 'responses', '200', 'content', 'application/json', 'schema', '$ref')}`;
    const validate = ajv.getSchema(ref);
    expect(validate, ref).toBeDefined();
    const body: unknown = await res.json();
    expect(validate?.(body), JSON.stringify(validate?.errors?.slice(0, 3))).toBe(true);
  });
});
