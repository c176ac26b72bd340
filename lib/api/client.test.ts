import { describe, expect, it, vi } from 'vitest';
import { MessageError } from '../messaging/error';
import { ApiClientError, createApiClient, toMessageError } from './client';

const BASE = 'http://tandem.test/';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const teammates = { teammates: [{ id: 'user-bea', name: 'Bea Berg', email: 'bea@example.com', role: 'agent', teamIds: ['team-care'] }] };

/** A client over a scripted network: each call takes the next answer (a Response, or an error the network throws). */
function client(...answers: (Response | Error | ((init: RequestInit) => Promise<Response>))[]) {
  const fetch = vi.fn(async (_url: RequestInfo | URL, init: RequestInit = {}) => {
    const next = answers.shift();
    if (next === undefined) throw new Error('no more answers scripted');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(init) : next;
  });
  return { api: createApiClient({ baseUrl: BASE, token: 'tok', fetch }), fetch };
}

describe('API client', () => {
  it("sends the session's token, encodes ids and query, and parses the answer", async () => {
    const { api, fetch } = client(json(200, { kind: 'articles', items: [], total: 0, limit: 25, offset: 0 }), json(200, teammates));
    await api.manager.list('articles', { limit: 25, offset: 0, q: 'roam & go' });
    expect(fetch.mock.calls[0]![0]).toBe('http://tandem.test/manager/articles?limit=25&offset=0&q=roam+%26+go');
    expect(fetch.mock.calls[0]![1]?.headers).toMatchObject({ authorization: 'Bearer tok', accept: 'application/json' });
    await expect(api.queue.teammates()).resolves.toEqual(teammates);
  });

  it('keeps an id inside its route', async () => {
    const { api, fetch } = client(json(404, { error: { code: 'not_found', message: 'No such item.' } }));
    await api.manager.get('articles', '../../auth/me').catch(() => undefined);
    expect(fetch.mock.calls[0]![0]).toBe('http://tandem.test/manager/articles/..%2F..%2Fauth%2Fme');
  });

  it("gives the server's error code, message, status and details (a write conflict carries the stored version)", async () => {
    const current = { kind: 'articles', record: { id: 'art-1', version: 3 } };
    const { api } = client(json(409, { error: { code: 'conflict', message: 'Someone saved first.', details: { current } } }));
    const refusal = api.manager.edit('articles', 'art-1', { baseVersion: 2, patch: { title: 'Mine' } });
    await expect(refusal).rejects.toBeInstanceOf(ApiClientError);
    await expect(refusal).rejects.toMatchObject({ code: 'conflict', message: 'Someone saved first.', status: 409, details: { current } });
  });

  it('names what went wrong when the server gives no error body, answers nonsense, or cannot be reached', async () => {
    const { api } = client(new Response('Bad gateway', { status: 502 }), json(200, { nope: true }), new TypeError('network down'));
    await expect(api.signOut()).rejects.toMatchObject({ code: 'http_error', status: 502 });
    await expect(api.manager.teams()).rejects.toMatchObject({ code: 'bad_response', status: 200 });
    await expect(api.signOut()).rejects.toMatchObject({ code: 'offline', status: null, message: expect.stringContaining('http://tandem.test') });
  });

  it('retries a read once when the network drops it, but never a write', async () => {
    const reads = client(new TypeError('network down'), json(200, teammates));
    await expect(reads.api.queue.teammates()).resolves.toEqual(teammates);
    expect(reads.fetch).toHaveBeenCalledTimes(2);

    const twice = client(new TypeError('network down'), new TypeError('still down'));
    await expect(twice.api.queue.teammates()).rejects.toMatchObject({ code: 'offline' });
    expect(twice.fetch).toHaveBeenCalledTimes(2);

    const writes = client(new TypeError('connection reset'), json(200, {}));
    await expect(writes.api.queue.announcePresence({ caseId: 'case-1', state: 'viewing' })).rejects.toMatchObject({ code: 'offline' });
    expect(writes.fetch).toHaveBeenCalledOnce();
  });

  it('does not retry a read that timed out', async () => {
    const hang = (init: RequestInit) => new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const fetch = vi.fn(async (_url: RequestInfo | URL, init: RequestInit = {}) => hang(init));
    const api = createApiClient({ baseUrl: BASE, token: 'tok', fetch, timeoutMs: 5 });
    await expect(api.me()).rejects.toMatchObject({ code: 'offline' });
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('refuses to send a body the server would refuse, with the same code', async () => {
    const { api, fetch } = client();
    await expect(api.queue.announcePresence({ caseId: 'case-1', state: 'typing' as 'viewing' })).rejects.toMatchObject({
      code: 'invalid_request',
      status: 400,
    });
    await expect(api.manager.create('articles', { title: '', body: '' })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends a body as the shared schema parses it', async () => {
    const { api, fetch } = client(json(200, { kind: 'articles', record: { id: 'x' } }));
    await api.manager.create('articles', { title: 'Roaming', body: '# Roaming' }).catch(() => undefined);
    expect(JSON.parse(String(fetch.mock.calls[0]![1]?.body))).toEqual({
      title: 'Roaming',
      body: '# Roaming',
      summary: '',
      url: null,
      tags: [],
      language: 'en',
      targeting: { teamIds: [], sites: [], tags: [] },
      alsoAnswers: [],
    });
  });
});

describe('toMessageError', () => {
  it("turns the client's error into the messaging layer's, with the same code and message", () => {
    const mapped = toMessageError(new ApiClientError('forbidden', 'Managers only.', 403));
    expect(mapped).toBeInstanceOf(MessageError);
    expect(mapped).toMatchObject({ code: 'forbidden', message: 'Managers only.' });
  });

  it('lets any other error through unchanged', () => {
    const bug = new RangeError('oops');
    expect(toMessageError(bug)).toBe(bug);
  });
});
