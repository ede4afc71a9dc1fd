/**
 * The page's first script (a few hundred bytes, no imports): on a 2G link the app's own scripts
 * take seconds to arrive, so this one starts what Today needs meanwhile (decision 0041):
 * - `GET /api/me` (who is signed in), and then, on the home page of a pupil, the pupil's day
 *   (`GET /api/learning/pupils/:id/diary`, the request the Today section makes); on a later visit
 *   from this device both at once (the day's address is kept in localStorage `sabaq.today`, the
 *   path alone, forgotten at sign-out and when no pupil is signed in: api/early.ts);
 * - with no session, the sign-in page's code (its file's name is in `<meta name="sabaq-sign-in">`,
 *   written by web/build/critical-path.ts).
 * The answers wait in `globalThis.sabaqEarly` and are handed to the API client (api/early.ts) when
 * the app asks for the same URL. Nothing here is needed for the app to work: if it fails, the app
 * asks again.
 */
import type { EarlyRequests } from './api/early.js';

interface MeShape {
  person: { id: number };
  roles: { role: string }[];
}

/** Where this device's pupil's day was last time (api/early.ts TODAY_KEY: forgotten at sign-out). */
const TODAY_KEY = 'sabaq.today';
const early: EarlyRequests = { startedAt: Date.now(), answers: new Map() };
globalThis.sabaqEarly = early;

/** The same request the API client makes (client.ts): a GET of JSON with the session cookie. */
function get(url: string): Promise<Response> {
  const answer = fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  answer.catch(() => undefined); // offline: the app asks again and shows its own notice
  early.answers.set(url, answer);
  return answer;
}

/** localStorage, which may be off (a private window): then nothing is remembered. */
function remember(value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(TODAY_KEY);
    else localStorage.setItem(TODAY_KEY, value);
  } catch {
    // not remembered: the next visit asks for the day after "who am I?", as the first one did
  }
}
function remembered(): string | null {
  try {
    const value = localStorage.getItem(TODAY_KEY);
    return value && /^\/api\/learning\/pupils\/\d+\/diary$/.test(value) ? value : null;
  } catch {
    return null;
  }
}

const home = location.pathname === '/';
const lastDay = home ? remembered() : null;
if (lastDay) get(lastDay);

get('/api/me').then(
  async (res) => {
    if (res.status === 401) {
      remember(null);
      const signIn = document.querySelector<HTMLMetaElement>('meta[name="sabaq-sign-in"]')?.content;
      if (signIn) {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.crossOrigin = ''; // as the app's own import() of it asks
        link.href = signIn;
        document.head.appendChild(link);
      }
      return;
    }
    if (!res.ok) return;
    const me = (await res.clone().json()) as MeShape;
    const day = me.roles.some((g) => g.role === 'pupil') ? `/api/learning/pupils/${me.person.id}/diary` : null;
    if (day !== lastDay) {
      remember(day);
      if (home && day) get(day); // the first visit, or another pupil on a shared phone
    }
  },
  () => undefined,
);
