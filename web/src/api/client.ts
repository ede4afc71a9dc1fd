/**
 * The one way the web talks to the API: JSON over fetch with the session cookie. Every failure
 * becomes an `ApiError` with the server's stable `code` (translated by `errorMessage`), so pages
 * never see a raw Response, a stack or an English server message.
 */

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
  request<T>(method: Method, path: string, options?: RequestOptions): Promise<T>;
}

export interface ApiClientDeps {
  /** '' in the browser (same origin); an absolute origin in tests */
  baseUrl?: string;
  fetch?: typeof fetch;
}

function isErrorBody(v: unknown): v is { error: { code: string; message: string; details?: Record<string, unknown> } } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

/** Turns a non-2xx response into an ApiError, whatever its body holds. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = undefined;
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

  async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    let res: Response;
    try {
      res = await doFetch(buildUrl(baseUrl, path, options.query), init);
    } catch (err) {
      // an abort is the caller's own doing (a query was cancelled): let it through unchanged
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(CLIENT_CODES.offline, 'The server could not be reached', 0);
    }
    if (!res.ok) throw await toApiError(res);
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
    request,
  };
}

/** The client the app uses: same origin, the browser's fetch. */
export const api = createApiClient();
