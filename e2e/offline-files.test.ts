import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { multipart, SAMPLES } from '../server/modules/files/files.test-support.js';
import { lessonNear, demoIds } from '../server/modules/learning/learning.fixtures.js';
import { launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

/**
 * An opened homework's file still opens offline: the service worker keeps a copy of each file the
 * person opened (up to a size limit), and serves it when there is no connection.
 */
let server: TestServer;
let browser: Browser;
const previousToday = process.env.LEARNING_TODAY;
const previousDir = process.env.FILES_DIR;

beforeAll(async () => {
  process.env.LEARNING_TODAY = '2020-12-09';
  process.env.FILES_DIR = mkdtempSync(path.join(tmpdir(), 'sabaq-offline-files-'));
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (previousToday === undefined) delete process.env.LEARNING_TODAY;
  else process.env.LEARNING_TODAY = previousToday;
  if (previousDir === undefined) delete process.env.FILES_DIR;
  else process.env.FILES_DIR = previousDir;
});

describe('files offline', () => {
  test("a homework's file opened once online opens again offline", async () => {
    // the teacher sets homework with a PDF attached (through the API)
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: DEMO_LOGINS.teacher, password: DEMO_PASSWORD } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const body = multipart('tapsyrma.pdf', SAMPLES.pdf);
    const up = await server.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...body.headers, cookie } });
    expect(up.statusCode).toBe(201);
    const ids = await demoIds(server.db);
    const lesson = await lessonNear(server.db, ids.class5a, ids.math, '2020-12-09', 'before');
    const hw = await server.app.inject({
      method: 'POST',
      url: `/api/learning/lessons/${lesson.id}/homework`,
      headers: { cookie },
      payload: { title: 'Офлайн файл', dueAt: '2020-12-20T14:00:00Z', materials: [{ kind: 'file', fileId: up.json().id, title: 'Тапсырма парағы' }] },
    });
    expect(hw.statusCode).toBe(201);

    const { context, page } = await openContext(browser, server, { viewport: PHONE_VIEWPORT });
    try {
      await page.goto('/sign-in');
      await page.getByLabel(/^(Логин|Login)$/).fill(DEMO_LOGINS.pupil);
      await page.getByLabel(/^(Пароль|Құпиясөз|Password)$/).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /^(Войти|Кіру|Sign in)$/ }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 });
      await page.goto(`/learning/homework/${hw.json().id}`);
      const link = page.getByRole('link', { name: /Тапсырма парағы/ });
      const href = await link.getAttribute('href');
      expect(href).toMatch(/^\/api\/files\//);
      // opened once online, from the page (through the service worker)
      const online = await page.evaluate(async (u) => {
        const r = await fetch(u!);
        return { status: r.status, size: (await r.arrayBuffer()).byteLength };
      }, href);
      expect(online).toEqual({ status: 200, size: SAMPLES.pdf.length });

      await context.setOffline(true);
      const offline = await page.evaluate(async (u) => {
        const r = await fetch(u!);
        return {
          status: r.status,
          size: (await r.arrayBuffer()).byteLength,
          asOf: r.headers.get('x-sabaq-as-of') !== null,
          type: r.headers.get('content-type'),
        };
      }, href);
      expect(offline).toEqual({ status: 200, size: SAMPLES.pdf.length, asOf: true, type: 'application/pdf' });
      await context.setOffline(false);
    } finally {
      await context.close();
    }
  }, 90_000);
});
