import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { CORE_NAMESPACES, DOMAIN_BUNDLES, SHELL } from '../web/src/i18n.js';
import { launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

/**
 * The village school's link (issue 8, "Offline and 2G"): a pupil opens Today on a 2G profile —
 * 250 kbit/s down, 50 kbit/s up, 300 ms round trip, emulated by Chromium (CDP). The test counts what
 * crosses the wire (CDP `Network.loadingFinished.encodedDataLength`, and the server's own socket
 * byte count, which also sees the service worker's fetches) and asserts the byte budget, the depth
 * of the critical request chain (serial round trips, decision 0041) and that the day is readable.
 * Times are printed, never asserted (the machine is shared). `SLOW_LINK_DETAILS=1` lists every
 * request: when it left and finished, its bytes and its round trip.
 */
const KIB = 1024;
/**
 * A phone, with the service worker blocked: Chromium's throttling applies to the page, not to a
 * worker's own fetches, which would then look free and instant. e2e/offline.test.ts covers the worker.
 */
const PHONE = { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, serviceWorkers: 'block' } as const;
/** Issue 8's target: Today's first visit after sign-in. */
const BUDGET_TODAY_BYTES = 100 * KIB;
/**
 * Today with a session but nothing cached (cleared cache, or the first visit after an update that
 * changed every file): issue 8's 100 KiB too (decision 0037). Measured 95.3 KiB in 15 requests
 * (it was 345 KiB, then 174.5, then 97.7): the libraries every page needs are 41 KiB brotli — Preact's
 * compat layer instead of react-dom (~45 KiB less), TanStack Router and Query, and the part of i18next
 * the app uses (web/src/i18n-lite, ~12 KiB less) — the Kazakh strings of the modules a first page
 * shows (11.8 KiB; every other module's strings are fetched with its first page), our shell 15.6 KiB,
 * the e-journal's Today 9.2 KiB, styles 7.8 KiB, the first script (src/boot.ts) 0.9 KiB and six API
 * answers without the page-only headers. Readable after ~4.0-4.15 s in 4 serial round trips
 * (decision 0041; it was 5.4 s in 5).
 */
const BUDGET_TODAY_COLD_BYTES = 100 * KIB;
const PROFILE_2G = { offline: false, latency: 300, downloadThroughput: (250 * 1000) / 8, uploadThroughput: (50 * 1000) / 8 };

let server: TestServer;
let browser: Browser;
const sockets = new Set<Socket>();
let closedBytes = 0;
const previousToday = process.env.LEARNING_TODAY;

beforeAll(async () => {
  process.env.LEARNING_TODAY = '2020-12-09'; // a school day of the demo year: Today has lessons
  server = await startTestServer();
  server.app.server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => {
      closedBytes += s.bytesWritten;
      sockets.delete(s);
    });
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (previousToday === undefined) delete process.env.LEARNING_TODAY;
  else process.env.LEARNING_TODAY = previousToday;
});

/** Everything the server has written to any socket so far (bodies and headers). */
const serverBytes = () => closedBytes + [...sockets].reduce((n, s) => n + s.bytesWritten, 0);

/** One finished request: its path, when it was sent, answered and finished (s, CDP's monotonic clock), its bytes. */
interface Fetched {
  url: string;
  start: number;
  /** when the answer's headers arrived (a script's fetch() resolves then) */
  answered: number;
  end: number;
  bytes: number;
  /** answered from the browser's cache, not over the link */
  cached: boolean;
}

interface Meter {
  requests: number;
  bytes: number;
  byType: Record<string, number>;
  timeline: Fetched[];
  reset(): void;
}

/** Counts requests and bytes on the wire for one page, through CDP. */
async function meter(cdp: CDPSession): Promise<Meter> {
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const starts = new Map<string, number>();
  const answered = new Map<string, number>();
  const cached = new Set<string>();
  const m: Meter = {
    requests: 0,
    bytes: 0,
    byType: {},
    timeline: [],
    reset() {
      m.requests = 0;
      m.bytes = 0;
      m.byType = {};
      m.timeline = [];
    },
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    starts.set(e.requestId, e.timestamp);
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    cached.add(e.requestId);
  });
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, new URL(e.response.url).pathname);
    answered.set(e.requestId, e.timestamp);
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) cached.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    m.requests += 1;
    m.bytes += e.encodedDataLength;
    const type = types.get(e.requestId) ?? 'Other';
    m.byType[type] = (m.byType[type] ?? 0) + e.encodedDataLength;
    m.timeline.push({
      url: urls.get(e.requestId) ?? '?',
      start: starts.get(e.requestId) ?? e.timestamp,
      answered: answered.get(e.requestId) ?? e.timestamp,
      end: e.timestamp,
      bytes: e.encodedDataLength,
      cached: cached.has(e.requestId),
    });
  });
  await cdp.send('Network.enable');
  return m;
}

/**
 * The round trip each request over the link waited for: 1 for the page, and for any other request
 * one more than the latest round trip of the requests whose answers had begun to arrive before it
 * was sent (what it could have been waiting for). On a 300 ms link the requests of one round trip
 * leave together and the next one's cannot leave before 300 ms later, so this counts the serial
 * steps of the critical request chain (decision 0041) without depending on how fast this machine is.
 */
function roundTrips(timeline: readonly Fetched[]): Map<Fetched, number> {
  const overLink = timeline.filter((r) => !r.cached).sort((a, b) => a.start - b.start);
  const trip = new Map<Fetched, number>();
  for (const r of overLink) {
    let n = 1;
    for (const q of overLink) if (q !== r && q.answered <= r.start) n = Math.max(n, (trip.get(q) ?? 0) + 1);
    trip.set(r, n);
  }
  return trip;
}

/** The serial round trips before the requests a page needs (`needed`) had all arrived. */
function depth(m: Meter, needed: (url: string) => boolean): number {
  const trips = roundTrips(m.timeline);
  expect([...trips.keys()].some((r) => needed(r.url))).toBe(true);
  return Math.max(...[...trips].filter(([r]) => needed(r.url)).map(([, n]) => n));
}

/** What Today needs before it shows the day: the page, its scripts and styles, who is signed in, the diary. */
const NEEDED_FOR_TODAY = (url: string) => url === '/' || url.startsWith('/assets/') || url === '/api/me' || /^\/api\/learning\/pupils\/\d+\/diary$/.test(url);
/** What the sign-in page needs: the page, its scripts and styles, and the answer that nobody is signed in. */
const NEEDED_FOR_SIGN_IN = (url: string) => url === '/sign-in' || url.startsWith('/assets/') || url === '/api/me';

/**
 * Marks the moment the page shows what the person came for (`performance.now()`, ms since the
 * navigation started), seen by the page itself rather than by the test's polling.
 */
async function markReadable(context: BrowserContext, what: 'today' | 'sign-in') {
  await context.addInitScript((kind) => {
    const shown = () =>
      kind === 'today'
        ? [...document.querySelectorAll('section[aria-labelledby]')].some(
            (s) => document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.textContent?.startsWith('Бүгін — ') && s.querySelector('li'),
          )
        : [...document.querySelectorAll('label')].some((l) => /^(Логин|Login)$/.test(l.textContent ?? ''));
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      (globalThis as { readableAt?: number }).readableAt = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  }, what);
}
const readableAt = (page: Page) => page.evaluate(() => (globalThis as { readableAt?: number }).readableAt ?? Number.NaN);

async function throttled(context: BrowserContext, page: Page): Promise<{ cdp: CDPSession; m: Meter }> {
  const cdp = await context.newCDPSession(page);
  const m = await meter(cdp);
  await cdp.send('Network.emulateNetworkConditions', PROFILE_2G);
  return { cdp, m };
}

const kib = (n: number) => `${(n / KIB).toFixed(1)} KiB`;
function report(label: string, m: Meter, ms: number, extra: { server?: number; trips?: number; inPage?: number } = {}) {
  const types = Object.entries(m.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${kib(v)}`)
    .join(', ');
  const parts = [
    `${m.requests} requests, ${kib(m.bytes)} transferred (${types})`,
    extra.server === undefined ? '' : `server wrote ${kib(extra.server)}`,
    extra.trips === undefined ? '' : `${extra.trips} serial round trips`,
    extra.inPage === undefined
      ? `readable after ${(ms / 1000).toFixed(1)} s`
      : `readable after ${(extra.inPage / 1000).toFixed(2)} s (the test saw it after ${(ms / 1000).toFixed(1)} s)`,
  ];
  console.log(`[2G] ${label}: ${parts.filter(Boolean).join(', ')}`);
  if (process.env.SLOW_LINK_DETAILS) {
    const trips = roundTrips(m.timeline);
    const t0 = Math.min(...m.timeline.map((r) => r.start));
    const at = (t: number) => String(Math.round((t - t0) * 1000)).padStart(5);
    console.log(
      [...m.timeline]
        .sort((a, b) => a.start - b.start)
        .map((r) => `  ${at(r.start)} -> ${at(r.end)} ms ${kib(r.bytes).padStart(9)} ${r.cached ? 'cache' : `trip ${trips.get(r)}`} ${r.url}`)
        .join('\n'),
    );
  }
}

/** The pupil's day on the home page, in Kazakh (the demo pupil's language): a heading and a lesson. */
async function waitForToday(page: Page) {
  const today = page.getByRole('region', { name: /^Бүгін — / });
  await today.waitFor({ timeout: 60_000 });
  await today.getByRole('listitem').first().waitFor({ timeout: 60_000 });
}

describe("the app's page starts everything a first visit needs at once (decision 0041)", () => {
  const page = async (cookie?: string) => {
    const res = await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'br', ...(cookie ? { cookie } : {}) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('vary')).toMatch(/cookie/);
    return res.text();
  };
  const scripts = (html: string) => [...html.matchAll(/<(?:script|link)[^>]*(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);

  test('the tiny first script comes first, then the strings of the language the device chose with the rest', async () => {
    for (const [cookie, lang] of [
      [undefined, 'kk'],
      ['sabaq_lang=ru', 'ru'],
      ['sabaq_lang=en', 'en'],
      ['sabaq_lang=xx', 'kk'],
    ] as const) {
      const html = await page(cookie);
      expect(html).toContain(`<html lang="${lang}">`);
      const files = scripts(html);
      expect(files[0]).toMatch(/^\/assets\/boot-[\w-]+\.js$/);
      expect(files.filter((f) => /\/pack-/.test(f))).toEqual([expect.stringMatching(new RegExp(`^/assets/pack-${lang}-[\\w-]+\\.js$`))]);
      expect(html).toMatch(/<meta name="sabaq-sign-in" content="\/assets\/SignInPage-[\w-]+\.js">/);
    }
  });

  test('the scripts every first visit loads hold no strings of a module outside CORE_NAMESPACES, in any language', async () => {
    const html = await page();
    const bodies = await Promise.all(
      scripts(html)
        .filter((f) => f.endsWith('.js') && !/\/pack-/.test(f))
        .map(async (f) => (await fetch(`${server.url}${f}`)).text()),
    );
    const all = bodies.join('\n');
    const leaves = (b: unknown): string[] => (typeof b === 'string' ? [b] : Object.values(b as object).flatMap(leaves));
    const isCore = (ns: string) => (CORE_NAMESPACES as readonly string[]).includes(ns);
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const core = new Set([...leaves(SHELL[lang]), ...Object.entries(DOMAIN_BUNDLES).flatMap(([ns, b]) => (isCore(ns) ? leaves(b[lang]) : []))]);
      for (const [ns, bundle] of Object.entries(DOMAIN_BUNDLES)) {
        if (isCore(ns)) continue;
        // every sentence (not a word or two another file may hold too)
        const found = leaves(bundle[lang]).filter((t) => t.length >= 24 && !core.has(t) && all.includes(t));
        expect(found, `${ns} (${lang}) in the main scripts`).toEqual([]);
      }
    }
  });

  test('the first script is small and imports nothing (it must arrive before the libraries)', async () => {
    const boot = scripts(await page())[0]!;
    const res = await fetch(`${server.url}${boot}`);
    const body = await res.text();
    expect(body.length).toBeLessThan(1024);
    expect(body).not.toMatch(/\bimport\b/);
  });
});

describe('a pupil on a 2G link (250/50 kbit/s, 300 ms)', () => {
  test('the sign-in page, then Today cold and again: bytes within budget, the day readable', async () => {
    // ── the sign-in page, cold ──
    const first = await openContext(browser, server, PHONE);
    try {
      await markReadable(first.context, 'sign-in');
      const { m } = await throttled(first.context, first.page);
      let t0 = Date.now();
      await first.page.goto('/sign-in', { waitUntil: 'commit' });
      await first.page.getByLabel(/^(Логин|Login)$/).waitFor({ timeout: 60_000 });
      const signInTrips = depth(m, NEEDED_FOR_SIGN_IN);
      report('sign-in page, cold', m, Date.now() - t0, { trips: signInTrips, inPage: await readableAt(first.page) });
      // the page a pupil opens first on a new phone: the same libraries, within the same budget (measured 91.9 KiB)
      expect(m.bytes).toBeLessThanOrEqual(BUDGET_TODAY_COLD_BYTES);
      // the page, then everything at once (scripts, styles, the strings, src/boot.ts), then "who am I?"
      // (from boot.ts), then the sign-in form's own file: 4 (it was 5, the strings after the scripts)
      expect(signInTrips).toBeLessThanOrEqual(4);
      await first.page.waitForLoadState('networkidle');

      // ── signing in lands on Today: what the sign-in costs on top of the page already loaded ──
      m.reset();
      t0 = Date.now();
      await first.page.getByLabel(/^(Логин|Login)$/).fill(DEMO_LOGINS.pupil);
      await first.page.getByLabel(/^(Пароль|Құпиясөз|Password)$/).fill(DEMO_PASSWORD);
      await first.page.getByRole('button', { name: /^(Войти|Кіру|Sign in)$/ }).click();
      await waitForToday(first.page);
      report('sign-in -> Today (sign-in page already loaded)', m, Date.now() - t0);
      expect(m.bytes).toBeLessThanOrEqual(BUDGET_TODAY_BYTES);
      expect(first.pageErrors).toEqual([]);
    } finally {
      await first.context.close();
    }

    // ── Today's first visit: signed in, nothing in the browser's cache ──
    const cold = await openContext(browser, server, PHONE);
    try {
      const signIn = await cold.context.request.post('/api/auth/login', { data: { login: DEMO_LOGINS.pupil, password: DEMO_PASSWORD } });
      expect(signIn.status()).toBe(200);
      await markReadable(cold.context, 'today');
      const { m } = await throttled(cold.context, cold.page);
      const before = serverBytes();
      let t0 = Date.now();
      await cold.page.goto('/', { waitUntil: 'commit' });
      await waitForToday(cold.page);
      const readable = Date.now() - t0;
      await cold.page.waitForLoadState('networkidle');
      await cold.page.waitForTimeout(500); // anything started after the page settled (a service worker's install)
      const wrote = serverBytes() - before;
      const todayTrips = depth(m, NEEDED_FOR_TODAY);
      report("Today's first visit (cold cache, signed in)", m, readable, { server: wrote, trips: todayTrips, inPage: await readableAt(cold.page) });
      expect(m.bytes).toBeLessThanOrEqual(BUDGET_TODAY_COLD_BYTES);
      expect(wrote).toBeLessThanOrEqual(BUDGET_TODAY_COLD_BYTES);
      // the page; everything at once (scripts, styles, the strings, src/boot.ts); "who am I?" (from
      // boot.ts, while the scripts still arrive); the pupil's day: 4 (it was 5: page, scripts, strings,
      // "who am I?", day), and the last two small answers arrive while the libraries still do
      expect(todayTrips).toBeLessThanOrEqual(4);

      // ── the repeat visit: the same phone opens Today again ──
      m.reset();
      t0 = Date.now();
      await cold.page.goto('/', { waitUntil: 'commit' });
      await waitForToday(cold.page);
      const againTrips = depth(m, NEEDED_FOR_TODAY);
      report('Today again (warm cache)', m, Date.now() - t0, { trips: againTrips, inPage: await readableAt(cold.page) });
      // the page, then "who am I?" and the day together (the first script remembers where the pupil's
      // day is): scripts, styles and strings come from the cache
      expect(againTrips).toBeLessThanOrEqual(2);
      expect(cold.pageErrors).toEqual([]);

      // signing out forgets where the pupil's day was (a shared phone)
      const kept = () => cold.page.evaluate(() => localStorage.getItem('sabaq.today'));
      expect(await kept()).toMatch(/^\/api\/learning\/pupils\/\d+\/diary$/);
      await cold.page.getByRole('button', { name: 'Шығу', exact: true }).click();
      await cold.page.getByLabel(/^(Логин|Login)$/).waitFor({ timeout: 60_000 });
      expect(await kept()).toBeNull();
    } finally {
      await cold.context.close();
    }
  }, 240_000);
});
