import { describe, expect, test } from 'vitest';
import { ApiError, CLIENT_CODES, buildUrl, createApiClient, createBusyState } from './client.js';
import { EARLY_MAX_AGE_MS } from './early.js';

/** A stand-in for the network: answers every request with `respond`, and records what was asked. */
function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return respond(String(input), init ?? {});
  }) as typeof fetch;
  return { fn, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected the request to fail');
}

describe('the API client', () => {
  test('sends JSON with the session cookie and returns the parsed body', async () => {
    const net = fakeFetch(() => json(200, { ok: 1 }));
    const api = createApiClient({ baseUrl: 'http://x', fetch: net.fn });
    expect(await api.post('/api/auth/login', { login: 'a', password: 'b' })).toEqual({ ok: 1 });
    const { url, init } = net.calls[0]!;
    expect(url).toBe('http://x/api/auth/login');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(init.body).toBe('{"login":"a","password":"b"}');
  });

  test('an upload is one multipart file (the browser sets its boundary), with the same errors as every request', async () => {
    const net = fakeFetch(() => json(201, { id: 'f1' }));
    const api = createApiClient({ fetch: net.fn });
    expect(await api.upload('/api/files', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'plan.pdf')).toEqual({ id: 'f1' });
    const { init } = net.calls[0]!;
    expect(init.method).toBe('POST');
    expect(init.body).toBeInstanceOf(FormData);
    expect((init.body as FormData).get('file')).toBeInstanceOf(Blob);
    expect(((init.body as FormData).get('file') as File).name).toBe('plan.pdf');
    expect((init.headers as Record<string, string>)['content-type']).toBeUndefined();
    const refused = createApiClient({ fetch: fakeFetch(() => json(413, { error: { code: 'files.too_large', message: 'Too large' } })).fn });
    expect((await failure(refused.upload('/api/files', new Blob(['x'])))).code).toBe('files.too_large');
    const down = createApiClient({
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    expect((await failure(down.upload('/api/files', new Blob(['x'])))).code).toBe(CLIENT_CODES.offline);
  });

  test('a 204 answers undefined', async () => {
    const api = createApiClient({ fetch: fakeFetch(() => new Response(null, { status: 204 })).fn });
    expect(await api.post('/api/auth/logout')).toBeUndefined();
  });

  test("a server error keeps the server's code, message, status and details", async () => {
    const body = { error: { code: 'auth.too_many_attempts', message: 'Too many', details: { retryAfterSeconds: 600 } } };
    const api = createApiClient({ fetch: fakeFetch(() => json(429, body)).fn });
    const err = await failure(api.post('/api/auth/login', {}));
    expect({ code: err.code, message: err.message, status: err.status, details: err.details }).toEqual({
      code: 'auth.too_many_attempts',
      message: 'Too many',
      status: 429,
      details: { retryAfterSeconds: 600 },
    });
  });

  test('no answer at all reads as offline, status 0', async () => {
    const api = createApiClient({
      fetch: fakeFetch(() => {
        throw new TypeError('Failed to fetch');
      }).fn,
    });
    const err = await failure(api.get('/api/me'));
    expect([err.code, err.status]).toEqual([CLIENT_CODES.offline, 0]);
  });

  test("a proxy's HTML error page: a 5xx reads as the server's failure, a 4xx as an unexpected answer", async () => {
    const html = (status: number) => () => new Response('<html>Bad gateway</html>', { status, headers: { 'content-type': 'text/html' } });
    const e502 = await failure(createApiClient({ fetch: fakeFetch(html(502)).fn }).get('/api/me'));
    expect([e502.code, e502.status]).toEqual(['internal.error', 502]);
    const e413 = await failure(createApiClient({ fetch: fakeFetch(html(413)).fn }).get('/api/me'));
    expect([e413.code, e413.status]).toEqual([CLIENT_CODES.unexpected, 413]);
  });

  test('a JSON error without our shape is not trusted as a code', async () => {
    const api = createApiClient({ fetch: fakeFetch(() => json(400, { message: 'nope' })).fn });
    expect((await failure(api.get('/api/me'))).code).toBe(CLIENT_CODES.unexpected);
  });

  test("a cancelled request stays a cancellation (the caller's own doing), not 'offline'", async () => {
    const api = createApiClient({
      fetch: fakeFetch(() => {
        throw new DOMException('aborted', 'AbortError');
      }).fn,
    });
    await expect(api.get('/api/me')).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('query values are encoded and undefined ones left out', () => {
    expect(buildUrl('', '/api/organisations', { page: 2, pageSize: 20, q: 'Ә & б', none: undefined })).toBe(
      '/api/organisations?page=2&pageSize=20&q=%D3%98+%26+%D0%B1',
    );
    expect(buildUrl('', '/api/me', {})).toBe('/api/me');
  });
});

describe('503 with Retry-After: busy, retried by itself', () => {
  const busyAnswer = (code = 'server.busy', seconds = '3') =>
    new Response(JSON.stringify({ error: { code, message: 'busy' } }), {
      status: 503,
      headers: { 'content-type': 'application/json', 'retry-after': seconds },
    });

  test('a GET waits the seconds asked, shows "retrying", and succeeds', async () => {
    let n = 0;
    const net = fakeFetch(() => (++n <= 2 ? busyAnswer('server.unavailable') : json(200, { ok: true })));
    const waits: number[] = [];
    const busy = createBusyState();
    const seen: (number | null)[] = [];
    busy.subscribe(() => seen.push(busy.get()));
    const api = createApiClient({
      fetch: net.fn,
      busy,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(await api.get('/api/x')).toEqual({ ok: true });
    expect(net.calls).toHaveLength(3);
    expect(waits).toEqual([3000, 3000]);
    expect(seen.filter((v) => v !== null)).toHaveLength(2);
    expect(busy.get()).toBeNull();
  });

  test('a write the server refused before running it (server.busy) is retried; with an Idempotency-Key too', async () => {
    for (const [code, headers] of [
      ['server.busy', {}],
      ['server.unavailable', { 'Idempotency-Key': 'k' }],
    ] as const) {
      let n = 0;
      const net = fakeFetch(() => (++n === 1 ? busyAnswer(code, '1') : json(201, { id: 1 })));
      const api = createApiClient({ fetch: net.fn, sleep: async () => {} });
      expect(await api.post('/api/x', { a: 1 }, { headers })).toEqual({ id: 1 });
      expect(net.calls).toHaveLength(2);
    }
  });

  test('a plain write whose database failed mid-way is not repeated; the error shows', async () => {
    const net = fakeFetch(() => busyAnswer('server.unavailable'));
    const api = createApiClient({ fetch: net.fn, sleep: async () => {} });
    const err = await failure(api.post('/api/x', { a: 1 }));
    expect([err.status, err.code]).toEqual([503, 'server.unavailable']);
    expect(net.calls).toHaveLength(1);
  });

  test('gives up after maxRetries, and a 503 without Retry-After is not retried', async () => {
    const net = fakeFetch(() => busyAnswer());
    const api = createApiClient({ fetch: net.fn, sleep: async () => {}, maxRetries: 2 });
    expect((await failure(api.get('/api/x'))).code).toBe('server.busy');
    expect(net.calls).toHaveLength(3);
    const bare = fakeFetch(() => json(503, { error: { code: 'internal.error', message: 'x' } }));
    await failure(createApiClient({ fetch: bare.fn, sleep: async () => {} }).get('/api/x'));
    expect(bare.calls).toHaveLength(1);
  });
});

describe("the answers the page's first script asked for (early.ts, src/boot.ts)", () => {
  const started = (answers: Record<string, Response>, startedAt = Date.now()) => {
    globalThis.sabaqEarly = { startedAt, answers: new Map(Object.entries(answers).map(([u, r]) => [u, Promise.resolve(r)])) };
  };
  const clear = () => {
    globalThis.sabaqEarly = undefined;
  };

  test('a GET of the same URL takes the early answer once; the next one goes to the network', async () => {
    started({ '/api/me': json(200, { early: true }) });
    try {
      const net = fakeFetch(() => json(200, { early: false }));
      const api = createApiClient({ fetch: net.fn, early: true });
      expect(await api.get('/api/me')).toEqual({ early: true });
      expect(net.calls).toHaveLength(0);
      expect(await api.get('/api/me')).toEqual({ early: false });
      expect(net.calls).toHaveLength(1);
    } finally {
      clear();
    }
  });

  test('an early error answer is handled as any answer (a 401 is the signed-out "who am I?")', async () => {
    started({ '/api/me': json(401, { error: { code: 'auth.required', message: 'Sign in' } }) });
    try {
      const api = createApiClient({ fetch: fakeFetch(() => json(200, {})).fn, early: true });
      expect((await failure(api.get('/api/me'))).code).toBe('auth.required');
    } finally {
      clear();
    }
  });

  test('not taken after a write, when too old, for another URL, with extra headers, or by a client without `early`', async () => {
    const net = fakeFetch(() => json(200, { early: false }));
    try {
      started({ '/api/me': json(200, { early: true }) });
      const api = createApiClient({ fetch: net.fn, early: true });
      await api.post('/api/auth/logout');
      expect(await api.get('/api/me')).toEqual({ early: false });

      started({ '/api/me': json(200, { early: true }) }, Date.now() - EARLY_MAX_AGE_MS - 1);
      expect(await api.get('/api/me')).toEqual({ early: false });

      started({ '/api/me': json(200, { early: true }) });
      expect(await api.get('/api/me', { query: { x: 1 } })).toEqual({ early: false });
      expect(await api.get('/api/me', { headers: { 'x-extra': '1' } })).toEqual({ early: false });
      expect(await createApiClient({ fetch: net.fn }).get('/api/me')).toEqual({ early: false });
      expect(await api.get('/api/me')).toEqual({ early: true });
    } finally {
      clear();
    }
  });
});
