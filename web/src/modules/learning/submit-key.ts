/**
 * The Idempotency-Key of a homework submission. One key per send: a retry of the same work (the
 * answer was lost on a bad connection) reuses it, so the server keeps one submission and answers
 * the retry with the original; new work (changed text or files) gets a new key, because the server
 * refuses a key reused for a different body. The key is dropped once the server has answered.
 */
export interface PendingSend {
  key: string;
  /** what was sent with this key */
  fingerprint: string;
}

export interface SubmissionDraft {
  text: string;
  fileIds: string[];
}

/** The body as the server will judge it: trimmed text, files in the order sent. */
export function fingerprintOf(draft: SubmissionDraft): string {
  return JSON.stringify([draft.text.trim(), draft.fileIds]);
}

/** The key for sending `draft`: the pending one if it is the same work, a new one otherwise. */
export function keyForSend(pending: PendingSend | null, draft: SubmissionDraft, newKey: () => string): PendingSend {
  const fingerprint = fingerprintOf(draft);
  if (pending && pending.fingerprint === fingerprint) return pending;
  return { key: newKey(), fingerprint };
}

/** A version-4 UUID (crypto.randomUUID needs a secure context; plain http on a school's LAN has none). */
export function newIdempotencyKey(crypto: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof crypto.randomUUID === 'function') {
    try {
      return crypto.randomUUID();
    } catch {
      // not a secure context: fall through
    }
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Errors after which the same send may be tried again with the same key: nothing arrived, or the server failed. */
export function isRetryable(status: number): boolean {
  return status === 0 || status >= 500;
}
