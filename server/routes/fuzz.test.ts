// Property-based fuzzing of every route the app serves (fast-check): generated bad bodies, path parameters, query
// strings, content types and tokens — NUL, lone surrogates, huge and deeply nested values, wrong types, valid bodies
// with one field spoiled. Every answer is a 2xx, or a 4xx with a stable error code; never a 5xx, and a refused
// request leaves the database as it was. Seeded and replayable: TANDEM_FUZZ_SEED and TANDEM_FUZZ_RUNS (a failure
// prints the seed and the path to replay it with), on every engine of server/testing.ts.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/schema/api';
import { DEMO_CLOCK } from '../seed/demo';
import { addUser, appForSuite, caseData, ENGINES } from '../testing';

const SEED = Number(process.env.TANDEM_FUZZ_SEED ?? 1515);
const RUNS = Number(process.env.TANDEM_FUZZ_RUNS ?? 1500);

/** Strings PostgreSQL, JavaScript or a parser trip over. */
const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '😀\ud83d',
  '',
  ' ',
  '0000-01-01T00:00:00Z',
  '2026-01-01T00:00:00+23:59',
  '0000-01-01',
  '99999-01-01',
  '-1',
  '2147483648',
  '1e309',
  'NaN',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'x'.repeat(5000),
];

/** A JSON value nested `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(2 ** 31, -1, 2 ** 53, 1e308, -0, 0.5, null, true, false, [], {}),
  fc.integer(),
  fc.integer({ min: 10, max: 3000 }).map(nested),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Replaces one leaf (or adds one key) of a valid body with a nasty value, so parsing goes past the first field. */
function spoil(body: unknown, path: readonly number[], value: unknown): unknown {
  if (typeof body !== 'object' || body === null) return value;
  const entries = Object.entries(body);
  if (entries.length === 0 || path.length === 0) return Array.isArray(body) ? [...body, value] : { ...body, [String(path[0] ?? 'extra')]: value };
  const [index = 0, ...rest] = path;
  const [key, child] = entries[index % entries.length]!;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(body) ? [...body] : { ...body };
  (copy as Record<string, unknown>)[key] = rest.length === 0 ? value : spoil(child, rest, value);
  return copy;
}

/** Path parameters: real ids (so checks past the lookup run) and percent-encoded trouble. */
const PARAM = fc.oneof(
  fc.constantFrom('articles', 'snippets', 'broadcasts', 'site-rules', 'kb-001', 'team-care', 'team-billing', 'user-fuzz', 'case-jane-doe-tw', '1'),
  fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '%FF', '%C0%AF', '..%2F..', 'x'.repeat(300), '%20', randomUUID()),
);
const QUERY_KEYS = [
  'cursor',
  'limit',
  'offset',
  'from',
  'to',
  'teamId',
  'q',
  'status',
  'site',
  'tag',
  'caseId',
  'version',
  'customerId',
  'userId',
  'action',
  'before',
  'days',
];
const QUERY = fc.dictionary(
  fc.constantFrom(...QUERY_KEYS),
  fc.oneof(
    fc.constantFrom('%00', '%ED%A0%80', '0000-01-01', '-1', '2147483648', '1e309', 'team-billing', '10'),
    fc.string({ maxLength: 10 }).map(encodeURIComponent),
  ),
  { maxKeys: 3 },
);
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'image/png', 'image/webp', 'multipart/form-data', undefined];

describe.each(ENGINES)('fuzzing every route on %s', (engine) => {
  const { db, app, api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  const tokens: string[] = [];

  /** A valid body per route, spoiled one field at a time by the fuzzer. */
  const VALID_BODIES: Record<string, unknown> = {
    'POST /auth/sign-in': { email: 'agent@tandem.demo', password: 'wrong-password' },
    'POST /auth/accept-invite': { token: 'x'.repeat(20), password: 'long-enough-password' },
    'POST /sync/push': { mutations: [{ id: 'm-1', entity: 'cases', op: 'create', recordId: 'case-fuzz', data: caseData() }] },
    'POST /manager/:kind': { title: 'Fuzz', body: 'Body', url: null, tags: [], language: 'en', targeting: { teamIds: ['team-care'] } },
    'POST /manager/:kind/:id/edit': { baseVersion: 1, patch: { title: 'Fuzzed' } },
    'POST /manager/:kind/:id/rollback': { toVersion: 1 },
    'POST /admin/users': { email: 'fuzz@tandem.demo', name: 'Fuzz', role: 'agent', teamIds: ['team-care'] },
    'POST /admin/users/:id': { name: 'Fuzz' },
    'POST /import/customers': { teamId: 'team-care', rows: [{ row: 1, name: 'Fuzz', identities: [{ kind: 'email', value: 'fuzz@example.com' }] }] },
    'POST /import/history': {
      teamId: 'team-care',
      source: 'zendesk',
      rows: [
        {
          row: 1,
          ticketId: '1',
          requester: [{ kind: 'email', value: 'fuzz@example.com' }],
          subject: 'Fuzz',
          status: 'open',
          priority: 'normal',
          channel: 'email',
          tags: [],
          createdAt: DEMO_CLOCK.toISOString(),
          sourceUrl: null,
          messages: [{ messageId: '1', direction: 'inbound', text: 'Fuzz', authorName: null, occurredAt: DEMO_CLOCK.toISOString() }],
        },
      ],
    },
    'POST /usage/events': { events: [{ id: 'ev-fuzz', type: 'opened', itemKind: 'article', itemId: 'kb-001', occurredAt: DEMO_CLOCK.toISOString() }] },
    'POST /knowledge/learning/picks': {
      picks: [{ id: 'pick-fuzz', itemKind: 'article', itemId: 'kb-001', signal: 'inserted', terms: ['roaming'], occurredAt: DEMO_CLOCK.toISOString() }],
    },
    'POST /queue/presence': { caseId: 'case-jane-doe-tw', state: 'viewing' },
    'POST /queue/routing-rules': { teamId: 'team-care', name: 'Fuzz', match: {}, target: { kind: 'team', teamId: 'team-care' } },
    'PUT /sla/policies/:teamId': { live: { urgent: { firstResponseMinutes: 5, resolutionMinutes: 60 } } },
    'PUT /admin/crm-hosts': { hosts: ['tandemdemo.zendesk.com', 'fuzz.freshdesk.com'] },
    'POST /admin/webhooks': { url: 'http://127.0.0.1:9/hook', events: ['case.changed'], description: 'Fuzz' },
    'POST /recognition/reports': {
      batchId: randomUUID(),
      days: [{ site: 'zendesk', day: '2026-11-20', seen: 2, recognised: 1, missed: 1 }],
      misses: [{ site: 'zendesk', at: DEMO_CLOCK.toISOString(), urlPattern: '/agent/tickets/:id', layers: ['adapter'], named: false }],
    },
    'PUT /capture-privacy/never-capture': { hosts: ['fuzz.bank.example'] },
    'PUT /capture-privacy/redaction/:teamId': { email: true, phone: true },
    'PUT /admin/field-policy': { role: 'agent', teamId: 'team-care', customer: { phone: 'masked' }, interactions: { email: 'hidden' }, mayReveal: true },
    'POST /privacy/reveal': { entity: 'customers', id: 'cust-jane-doe', field: 'phone', reason: 'Fuzzing a reveal' },
    'PUT /privacy/retention/:teamId': { days: 365 },
    'POST /privacy/retention/run': { teamId: 'team-care' },
    'POST /privacy/customers/:id/erase': { reason: 'Fuzzing an erasure' },
    'POST /incidents/:id/link': { broadcastId: 'bc-berlin-outage' },
    'POST /incidents/:id/status': { status: 'dismissed' },
    'POST /incidents/:id/follow-ups': { message: 'Service is back.' },
    'POST /knowledge/review/gaps': { gaps: [{ id: 'gap-fuzz', source: 'search', site: null, terms: ['roaming'], occurredAt: DEMO_CLOCK.toISOString() }] },
    'POST /broadcasts/receipts': { receipts: [{ broadcastId: 'bc-berlin-outage', seenAt: DEMO_CLOCK.toISOString() }] },
    'PUT /sla/calendars/:teamId': {
      timeZone: 'Europe/Berlin',
      hours: { sun: [], mon: [{ from: '09:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [] },
      holidays: [{ date: '2026-12-24', name: 'Christmas Eve', yearly: true }],
    },
    'PUT /sla/escalation/:teamId': { share: 0.75, raisePriority: true },
    'PUT /assignment/status': { status: 'away' },
    'PUT /assignment/teams/:teamId': { mode: 'round_robin', capacity: 5, autoAwayMinutes: 10, returnAfterMinutes: 30 },
    'PUT /knowledge/review/intervals/:teamId': { days: 60 },
    'POST /manager/:kind/:id/verify': { baseVersion: 1 },
    'POST /knowledge/review/flags': {
      flags: [
        {
          id: 'flag-fuzz',
          itemKind: 'article',
          itemId: 'kb-001',
          reason: 'wrong',
          note: 'Fuzz',
          site: null,
          terms: ['roaming'],
          occurredAt: DEMO_CLOCK.toISOString(),
        },
      ],
    },
  };

  /** What a refused request must not have changed. */
  async function fingerprint(): Promise<string> {
    const { rows } = await db().query(
      `select (select count(*) from users) as users, (select count(*) from usage_events) as events, (select count(*) from knowledge_picks) as picks, (select count(*) from routing_rules) as rules,
              (select count(*) from field_policies) as policies, (select count(*) from access_log) as accesses,
              (select string_agg(team_id || ':' || days, ',' order by team_id) from retention_policies) as retention,
              (select count(*) from attachments) as attachments, (select count(*) from push_results) as pushes, (select count(*) from recognition_batches) as recognition,
              (select string_agg(host, ',' order by host) from org_hosts) as org_hosts,
              (select string_agg(pattern, ',' order by pattern) from never_capture_hosts) as never_capture,
              (select string_agg(team_id || options::text, ',' order by team_id) from team_redaction) as redaction,
              (select string_agg(team_id || ':' || days, ',' order by team_id) from knowledge_verify_intervals) as verify_intervals,
              (select count(*) from knowledge_flags) as flags, (select count(*) from knowledge_flags where resolved_at is not null) as resolved_flags,
              (select count(*) from broadcast_receipts) as receipts, (select count(*) from knowledge_gaps) as gaps,
              (select greatest(max(c.seq), (select max(seq) from cases), (select max(seq) from interactions), (select max(seq) from articles),
                               (select max(seq) from snippets), (select max(seq) from broadcasts), (select max(seq) from site_rules)) from customers c) as seq`,
    );
    return JSON.stringify(rows[0]);
  }

  beforeAll(async () => {
    await addUser(db(), { id: 'user-fuzz', email: 'fuzz-target@tandem.demo', name: 'Fuzz Target', role: 'agent', teamIds: ['team-care'] });
    for (const email of ['agent@tandem.demo', 'manager@tandem.demo', 'admin@tandem.demo']) tokens.push(await api.signIn(email));
  });

  it('answers every generated request with a 2xx or a 4xx with a stable code, and a refusal writes nothing', async () => {
    const routes = [
      ...new Set(
        app()
          .routes.filter((r) => r.method !== 'ALL')
          .map((r) => `${r.method} ${r.path}`),
      ),
    ];
    const request = fc.record({
      route: fc.constantFrom(...routes),
      params: fc.array(PARAM, { minLength: 3, maxLength: 3 }),
      query: QUERY,
      body: fc.oneof(
        { weight: 3, arbitrary: fc.tuple(fc.array(fc.nat(), { maxLength: 4 }), nastyValue).map(([path, value]) => ({ spoil: path, value })) },
        { weight: 1, arbitrary: nastyValue.map((value) => ({ raw: value })) },
        { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', 'null', '', '\u0000', 'x'.repeat(1_100_000)).map((text) => ({ text })) },
      ),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      // A real token of each role, a forged one, another scheme, or none.
      auth: fc.constantFrom(0, 1, 2, 'Bearer forged', 'Basic YTpi', undefined),
    });
    const seen = { requests: 0, routes: new Set<string>(), answers: new Set<string>() };

    await fc.assert(
      fc.asyncProperty(request, async ({ route, params, query, body, contentType, auth }) => {
        const [method = 'GET', pattern = '/'] = route.split(' ');
        // Sign-out and deactivation with a real token would end the fuzzer's own sessions: those get forged ones.
        const consumes = route === 'POST /auth/sign-out' || route.endsWith('/deactivate');
        const token = typeof auth === 'number' ? (consumes ? 'forged' : tokens[auth]) : undefined;
        let i = 0;
        const path = pattern.replace(/:[a-zA-Z]+/g, () => params[i++] ?? 'x');
        const search = Object.entries(query)
          .map(([k, v]) => `${k}=${v}`)
          .join('&');
        const text =
          'text' in body ? body.text : (JSON.stringify('raw' in body ? body.raw : spoil(VALID_BODIES[route] ?? {}, body.spoil, body.value)) ?? 'null');
        const headers: Record<string, string> = {};
        if (contentType) headers['Content-Type'] = contentType;
        if (typeof auth === 'string') headers.Authorization = auth;
        else if (token) headers.Authorization = `Bearer ${token}`;
        const before = await fingerprint();
        const res = await app().request(`${path}${search ? `?${search}` : ''}`, {
          method,
          headers,
          ...(method === 'GET' ? {} : { body: text }),
        });
        seen.requests += 1;
        seen.routes.add(route);
        seen.answers.add(String(res.status));
        if (res.headers.get('content-type')?.includes('text/event-stream')) {
          await res.body?.cancel();
          return;
        }
        const answer = await res.text();
        expect(res.status, `${method} ${path}?${search} → ${answer.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) {
          const error = ApiError.parse(JSON.parse(answer));
          seen.answers.add(`${res.status} ${error.error.code}`);
          expect(await fingerprint(), `${method} ${path} was refused but wrote`).toBe(before);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const health = await app().request('/health');
    expect(health.status).toBe(200);
    console.info(
      `[fuzz ${engine}] seed ${SEED}: ${seen.requests} requests over ${seen.routes.size}/${routes.length} routes; answers: ${[...seen.answers].sort().join(', ')}`,
    );
  }, 120_000);
});
