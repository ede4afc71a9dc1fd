/**
 * The few requests the shared client (`api/client.ts`) does not make: PUT and DELETE, a POST with
 * an Idempotency-Key header, and a file upload with progress. Failures become the same `ApiError`
 * (server code, or `network.offline`), so pages translate them the same way.
 */
import { ApiError, CLIENT_CODES, toApiError } from '../../api/client.js';

export interface SendOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: SendOptions = {}, doFetch: typeof fetch = (i, o) => globalThis.fetch(i, o)): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await doFetch(path, init);
  } catch (err) {
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

export interface UploadedFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

/**
 * Uploads one file to the file store (`POST /api/files`, multipart field "file"). XMLHttpRequest
 * rather than fetch because only it reports upload progress — on a slow link a pupil must see
 * that a photo of their work is on its way.
 */
export function uploadFile(file: File, opts: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {}): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const res = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
      });
      if (res.ok) {
        res.json().then((body) => resolve(body as UploadedFile), () => reject(new ApiError(CLIENT_CODES.unexpected, 'The response is not JSON', xhr.status)));
      } else {
        toApiError(res).then(reject, reject);
      }
    };
    xhr.onerror = () => reject(new ApiError(CLIENT_CODES.offline, 'The server could not be reached', 0));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The download address of a stored file; pictures, PDFs, audio and video open in the browser. */
export function fileUrl(id: string, inline = false): string {
  return `/api/files/${encodeURIComponent(id)}${inline ? '?disposition=inline' : ''}`;
}
