import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

/**
 * The village school's link (issue 8, "Offline and 2G"): a pupil opens Today on a 2G profile —
 * 250 kbit/s down, 50 kbit/s up, 300 ms round trip, emulated by Chromium (CDP). The test counts what
 * crosses the wire (CDP `Network.loadingFinished.encodedDataLength`, and the server's own socket
 * byte count, which also sees the service worker's fetches) and asserts the byte budget and that the
 * day is readable. Times are printed, never asserted (the machine is shared).
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
 * changed every file): issue 8's 100 KiB too (decision 0037). Measured 97.7 KiB in 15 requests
 * (it was 345 KiB, then 174.5): the libraries every page needs are 41 KiB brotli — Preact's compat
 * layer instead of react-dom (~45 KiB less), TanStack Router and Query, and the part of i18next the
 * app uses (web/src/i18n-lite, ~12 KiB less) — the Kazakh strings of the modules a first page shows
 * (15.5 KiB; every other module's strings are fetched with its first page), our shell 15.5 KiB,
 * the e-journal's Today 8.9 KiB, styles 7.8 KiB and six API answers without the page-only headers.
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

interface Meter {
  requests: number;
  bytes: number;
  byType: Record<string, number>;
  byUrl: [string, number][];
  reset(): void;
}

/** Counts requests and bytes on the wire for one page, through CDP. */
async function meter(cdp: CDPSession): Promise<Meter> {
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const m: Meter = {
    requests: 0,
    bytes: 0,
    byType: {},
    byUrl: [],
    reset() {
      m.requests = 0;
      m.bytes = 0;
      m.byType = {};
      m.byUrl = [];
    },
  };
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, new URL(e.response.url).pathname);
  });
  cdp.on('Network.loadingFinished', (e) => {
    m.requests += 1;
    m.bytes += e.encodedDataLength;
    const type = types.get(e.requestId) ?? 'Other';
    m.byType[type] = (m.byType[type] ?? 0) + e.encodedDataLength;
    m.byUrl.push([urls.get(e.requestId) ?? '?', e.encodedDataLength]);
  });
  await cdp.send('Network.enable');
  return m;
}

async function throttled(context: BrowserContext, page: Page): Promise<{ cdp: CDPSession; m: Meter }> {
  const cdp = await context.newCDPSession(page);
  const m = await meter(cdp);
  await cdp.send('Network.emulateNetworkConditions', PROFILE_2G);
  return { cdp, m };
}

const kib = (n: number) => `${(n / KIB).toFixed(1)} KiB`;
function report(label: string, m: Meter, ms: number, server?: number) {
  const types = Object.entries(m.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${kib(v)}`)
    .join(', ');
  console.log(
    `[2G] ${label}: ${m.requests} requests, ${kib(m.bytes)} transferred (${types})${server === undefined ? '' : `, server wrote ${kib(server)}`}, readable after ${(ms / 1000).toFixed(1)} s`,
  );
  if (process.env.SLOW_LINK_DETAILS)
    console.log(
      m.byUrl
        .sort((a, b) => b[1] - a[1])
        .map(([u, n]) => `  ${kib(n)} ${u}`)
        .join('\n'),
    );
}

/** The pupil's day on the home page, in Kazakh (the demo pupil's language): a heading and a lesson. */
async function waitForToday(page: Page) {
  const today = page.getByRole('region', { name: /^Бүгін — / });
  await today.waitFor({ timeout: 60_000 });
  await today.getByRole('listitem').first().waitFor({ timeout: 60_000 });
}

describe('a pupil on a 2G link (250/50 kbit/s, 300 ms)', () => {
  test('the sign-in page, then Today cold and again: bytes within budget, the day readable', async () => {
    // ── the sign-in page, cold ──
    const first = await openContext(browser, server, PHONE);
    try {
      const { m } = await throttled(first.context, first.page);
      let t0 = Date.now();
      await first.page.goto('/sign-in', { waitUntil: 'commit' });
      await first.page.getByLabel(/^(Логин|Login)$/).waitFor({ timeout: 60_000 });
      report('sign-in page, cold', m, Date.now() - t0);
      // the page a pupil opens first on a new phone: the same libraries, within the same budget (measured 94.3 KiB)
      expect(m.bytes).toBeLessThanOrEqual(BUDGET_TODAY_COLD_BYTES);
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
      const { m } = await throttled(cold.context, cold.page);
      const before = serverBytes();
      let t0 = Date.now();
      await cold.page.goto('/', { waitUntil: 'commit' });
      await waitForToday(cold.page);
      const readable = Date.now() - t0;
      await cold.page.waitForLoadState('networkidle');
      await cold.page.waitForTimeout(500); // anything started after the page settled (a service worker's install)
      const wrote = serverBytes() - before;
      report("Today's first visit (cold cache, signed in)", m, readable, wrote);
      expect(m.bytes).toBeLessThanOrEqual(BUDGET_TODAY_COLD_BYTES);
      expect(wrote).toBeLessThanOrEqual(BUDGET_TODAY_COLD_BYTES);

      // ── the repeat visit: the same phone opens Today again ──
      m.reset();
      t0 = Date.now();
      await cold.page.goto('/', { waitUntil: 'commit' });
      await waitForToday(cold.page);
      report('Today again (warm cache)', m, Date.now() - t0);
      expect(cold.pageErrors).toEqual([]);
    } finally {
      await cold.context.close();
    }
  }, 240_000);
});
