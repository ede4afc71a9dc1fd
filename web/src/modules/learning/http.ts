/**
 * A file upload with progress, which the shared client (`api/client.ts`, fetch) cannot report.
 * Failures become the same `ApiError` (server code, or `network.offline`), so pages translate them
 * the same way. Everything else goes through the shared client: `send` is kept as its short name.
 */
import { ApiError, CLIENT_CODES, api, toApiError, type Method, type RequestOptions } from '../../api/client.js';

export const send = <T>(method: Exclude<Method, 'GET'>, path: string, options: RequestOptions = {}): Promise<T> => api.request<T>(method, path, options);

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
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
      });
      if (res.ok) {
        res.json().then(
          (body) => resolve(body as UploadedFile),
          () => reject(new ApiError(CLIENT_CODES.unexpected, 'The response is not JSON', xhr.status)),
        );
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
