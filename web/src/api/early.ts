/**
 * Requests the page's first script (../boot.ts) starts before the app's code has arrived, handed to
 * the API client (client.ts) when the app asks for the same URL. On a 2G link the app's scripts take
 * seconds to arrive; the answers Today needs (who is signed in, the pupil's day) come meanwhile.
 *
 * boot.ts imports nothing at run time (it is its own tiny file, loaded before the app's), so the two
 * meet on a global.
 */
export interface EarlyRequests {
  /** when the page started them (ms, `Date.now()`) */
  readonly startedAt: number;
  /** URL (path and query, as the client builds it) -> the answer, taken at most once */
  readonly answers: Map<string, Promise<Response>>;
}

/** An early answer is used only this long after the page started: a later ask goes to the network. */
export const EARLY_MAX_AGE_MS = 60_000;

declare global {
  var sabaqEarly: EarlyRequests | undefined;
}

/** The early answer for a GET of `url`, once; `undefined` when none (or it is too old, or writes happened since). */
export function takeEarly(url: string, now = Date.now()): Promise<Response> | undefined {
  const early = globalThis.sabaqEarly;
  if (!early) return undefined;
  const answer = early.answers.get(url);
  early.answers.delete(url);
  return answer && now - early.startedAt <= EARLY_MAX_AGE_MS ? answer : undefined;
}

/** Where the device's pupil's day was last time, so the next visit asks for it at once (../boot.ts keeps it). */
export const TODAY_KEY = 'sabaq.today';

/** Sign-out: nothing of the person stays for the next one on a shared phone. */
export function forgetEarly(): void {
  dropEarly();
  try {
    globalThis.localStorage?.removeItem(TODAY_KEY);
  } catch {
    // storage is off: nothing was kept
  }
}

/** A write may change what the early answers said: none of them is used after it. */
export function dropEarly(): void {
  globalThis.sabaqEarly?.answers.clear();
}
