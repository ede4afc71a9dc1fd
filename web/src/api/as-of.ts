/**
 * How old the data on screen is. The service worker (web/public/sw.js) answers a GET from its saved
 * copy when the network fails, marked `x-sabaq-as-of: <ms>`; the API client reports each answer
 * here, and the page shows "offline: saved data as of …" until a fresh answer arrives.
 */
let asOf: number | null = null;
const listeners = new Set<() => void>();

/** An answer arrived: `savedAt` is the saved copy's time, or null for a fresh answer from the server. */
export function noteAnswer(savedAt: number | null): void {
  const next = savedAt === null ? null : Math.min(asOf ?? savedAt, savedAt);
  if (next === asOf) return;
  asOf = next;
  for (const l of listeners) l();
}

/** The oldest saved answer shown since the last fresh one, ms since epoch; null when all is fresh. */
export const savedDataAsOf = (): number | null => asOf;

export function subscribeAsOf(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Parses the service worker's header; null when absent or malformed. */
export function asOfHeader(value: string | null): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}
