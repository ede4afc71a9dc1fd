/**
 * The one way the web talks to the API: JSON over fetch with the session cookie. Every failure
 * becomes an `ApiError` with the server's stable `code` (translated by `errorMessage`), so pages
 * never see a raw Response, a stack or an English server message.
 */

import { asOfHeader, noteAnswer } from './as-of.js';
import { dropEarly, takeEarly } from './early.js';

/** Codes the client itself produces (the server's codes come from its error factories). */
export const CLIENT_CODES = {
  /** the request never reached the server (offline, DNS, connection reset) */
  offline: 'network.offline',
  /** the server answered with something that is not our `{error:{code,message}}` JSON */
  unexpected: 'network.unexpected_response',
} as const;

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when no answer arrived */
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  /** JSON, or a FormData sent as it is (multipart: the browser sets its content type) */
  body?: unknown;
  signal?: AbortSignal;
  /** extra headers, e.g. an Idempotency-Key */
  headers?: Record<string, string>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClient {
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  patch<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  put<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  delete<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  /** POSTs one file as multipart (field `file`), with the same errors and busy handling as the rest */
  upload<T>(path: string, file: Blob, fileName?: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  request<T>(method: Method, path: string, options?: RequestOptions): Promise<T>;
}

export interface ApiClientDeps {
  /** '' in the browser (same origin); an absolute origin in tests */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** waits between retries (tests pass an instant one) */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** told when a retry is scheduled (the "busy" notice) and when it is over (null) */
  busy?: BusyState;
  /** how many times a 503 is retried before it is shown as an error (default 5) */
  maxRetries?: number;
  /** takes the answers the page's first script already asked for (early.ts); the app's client only */
  early?: boolean;
}

// ── "the server is busy": retried by itself ──────────────────────────────────
/**
 * A 503 with Retry-After means "over capacity" or "database restarting": the client waits the
 * seconds the server asks (1–60) and sends the request again, up to `maxRetries` times, while the
 * page shows "busy, retrying in N s" (see BusyNotice). Retried: every GET; any request the server
 * refused before running it (`server.busy`); and any request with an Idempotency-Key (the server
 * answers a repeat with the first result). Other writes are not repeated: they may have run.
 */
export interface BusyState {
  /** when the next retry is due (ms since epoch), or null when nothing waits */
  get(): number | null;
  set(retryAt: number | null): void;
  subscribe(listener: () => void): () => void;
}

export function createBusyState(): BusyState {
  let retryAt: number | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => retryAt,
    set(value) {
      retryAt = value;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The app's one busy state, shown by the layout. */
export const busyState = createBusyState();

const abortableSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('Aborted', 'AbortError'));
      },
      { once: true },
    );
  });

/** Seconds to wait for a 503, or null when it is not one to retry. */
export function retryDelaySeconds(res: Response, method: Method, headers: Record<string, string>, code: string | undefined): number | null {
  if (res.status !== 503) return null;
  const header = Number(res.headers.get('retry-after'));
  const seconds = Number.isFinite(header) && header > 0 ? Math.min(60, Math.ceil(header)) : null;
  if (seconds === null) return null;
  const idempotent = method === 'GET' || code === 'server.busy' || Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
  return idempotent ? seconds : null;
}

function isErrorBody(v: unknown): v is { error: { code: string; message: string; details?: Record<string, unknown> } } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

/** Turns a non-2xx response into an ApiError, whatever its body holds. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's HTML page, an empty body): fall through to a generic code
  }
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new ApiError(code, typeof message === 'string' ? message : code, res.status, details);
  }
  // a 5xx from something in front of the server (gateway down, timeout) reads as the server's own failure
  const code = res.status >= 500 ? 'internal.error' : CLIENT_CODES.unexpected;
  return new ApiError(code, `HTTP ${res.status}`, res.status);
}

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  if (!query) return baseUrl + path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return baseUrl + path + (qs ? `?${qs}` : '');
}

export function createApiClient(deps: ApiClientDeps = {}): ApiClient {
  const baseUrl = deps.baseUrl ?? '';
  const doFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = deps.sleep ?? abortableSleep;
  const busy = deps.busy;
  const maxRetries = deps.maxRetries ?? 5;

  async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal };
    if (options.body instanceof FormData) {
      init.body = options.body;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    const url = buildUrl(baseUrl, path, options.query);
    if (deps.early && method !== 'GET') dropEarly();
    let res: Response;
    for (let attempt = 0; ; attempt++) {
      try {
        const early = deps.early && attempt === 0 && method === 'GET' && !options.headers && !options.signal?.aborted ? takeEarly(url) : undefined;
        res = await (early ?? doFetch(url, init));
      } catch (err) {
        busy?.set(null);
        // an abort is the caller's own doing (a query was cancelled): let it through unchanged
        if (err instanceof DOMException && err.name === 'AbortError') throw err;
        throw new ApiError(CLIENT_CODES.offline, 'The server could not be reached', 0);
      }
      if (res.ok || attempt >= maxRetries) break;
      const error = await toApiError(res.clone());
      const wait = retryDelaySeconds(res, method, headers, error.code);
      if (wait === null) break;
      busy?.set(Date.now() + wait * 1000);
      try {
        await sleep(wait * 1000, options.signal);
      } finally {
        busy?.set(null);
      }
    }
    if (!res.ok) throw await toApiError(res);
    if (method === 'GET') noteAnswer(asOfHeader(res.headers.get('x-sabaq-as-of'))); // offline: a saved copy
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiError(CLIENT_CODES.unexpected, 'The response is not JSON', res.status);
    }
  }

  return {
    get: (path, options) => request('GET', path, options),
    post: (path, body, options) => request('POST', path, { ...options, body }),
    patch: (path, body, options) => request('PATCH', path, { ...options, body }),
    put: (path, body, options) => request('PUT', path, { ...options, body }),
    delete: (path, options) => request('DELETE', path, options),
    upload: (path, file, fileName, options) => {
      const body = new FormData();
      body.append('file', file, fileName ?? (file instanceof File ? file.name : 'file'));
      return request('POST', path, { ...options, body });
    },
    request,
  };
}

/** The client the app uses: same origin, the browser's fetch, 503s retried with the busy notice, the early answers taken. */
export const api = createApiClient({ busy: busyState, early: true });
