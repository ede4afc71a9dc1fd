import type { z } from 'zod';
import type { importRejected, ImportKind, ImportReport } from '../../../../contracts/onboarding.js';
import { ApiError, api, buildUrl, CLIENT_CODES, toApiError } from '../../api/client.js';

export type { ImportKind, ImportReport, ActivationCode, ImportError } from '../../../../contracts/onboarding.js';
export type ImportRejected = z.infer<typeof importRejected>;

export const IMPORT_KINDS: readonly ImportKind[] = ['people', 'classes', 'parent_links'];

/** Where a template downloads from; a plain link, so the browser saves it with the session cookie. */
export function templateUrl(kind: ImportKind, format: 'csv' | 'xlsx', lang: string): string {
  return buildUrl('', `/api/imports/templates/${kind}`, { format, lang: ['kk', 'ru', 'en'].includes(lang) ? lang : undefined });
}

/**
 * Uploads the file to check it (dryRun) or import it. The API client speaks JSON only, so this one
 * request goes through fetch with a FormData body. A 422 (bad rows on import) is a report too:
 * it resolves, with `ok: false`; every other failure rejects with an ApiError.
 */
export async function uploadImport(args: {
  organisationId: number;
  kind: ImportKind;
  dryRun: boolean;
  file: File;
  signal?: AbortSignal;
}): Promise<ImportReport> {
  const body = new FormData();
  body.append('file', args.file, args.file.name);
  let res: Response;
  try {
    res = await fetch(buildUrl('', `/api/organisations/${args.organisationId}/imports`, { kind: args.kind, dryRun: args.dryRun }), {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      signal: args.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(CLIENT_CODES.offline, 'The server could not be reached', 0);
  }
  if (res.status === 422) return (await res.json()) as ImportRejected;
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as ImportReport;
}

export function activate(body: { iin: string; code: string; password: string }): Promise<void> {
  return api.post<void>('/api/activation', body);
}
