import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildApp, WEB_DIST } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import type { Db } from '../server/platform/db.js';
import { createTestDb, type Template } from '../test/db.js';

/**
 * Shared pieces for browser tests: Debian's chromium driven by playwright-core (no browser download),
 * and the real server on a free port of 127.0.0.1 over a fresh copy of the demo database.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE_VIEWPORT = { width: 360, height: 740 } as const;
export const DESKTOP_VIEWPORT = { width: 1280, height: 800 } as const;

/** Chromium with a throw-away profile (playwright gives each launch its own temporary user data dir). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface TestServer {
  app: FastifyInstance;
  db: Db;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** The whole app (API and built web) listening on 127.0.0.1, on its own copy of a template database. */
export async function startTestServer(opts: { template?: Template; env?: Record<string, string> } = {}): Promise<TestServer> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}/index.html is missing): run \`npm run build:web\` first — \`npm test\` does.`);
  }
  const db = await createTestDb(opts.template ?? 't_demo');
  const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'silent', ...opts.env }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    db,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/**
 * A clean browser context (no cookies, no storage) pointed at the server. Failed page scripts and
 * console errors are collected so a test can assert the page ran cleanly.
 */
export async function openContext(browser: Browser, server: TestServer, options: BrowserContextOptions = {}) {
  const context: BrowserContext = await browser.newContext({ baseURL: server.url, viewport: DESKTOP_VIEWPORT, ...options });
  const pageErrors: string[] = [];
  context.on('weberror', (e) => pageErrors.push(String(e.error())));
  context.on('console', (m) => {
    // 401 and 4xx answers are expected in journeys ("who am I?" before sign-in, a wrong password) and
    // the browser logs each as a failed load; anything else logged as an error is a fault
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) pageErrors.push(m.text());
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000); // a missing element fails in seconds, not after playwright's 30 s
  return { context, page, pageErrors };
}

/**
 * Waits until the page has no loading placeholder left (lazy sections and their first data in). A
 * click while sections above are still arriving can land on whatever the layout shift moved under
 * the pointer (Playwright checks the target, then clicks: a commit in between moves it).
 */
export async function settled(page: Page, timeout = 30_000) {
  await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0, undefined, { timeout });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** One accessibility finding: the axe rule, how bad, and where. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the page as it is now and returns what it found; a
 * journey asserts `expect(await axeFindings(page)).toEqual([])` at each screen it reaches.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
  });
  return violations;
}
