/**
 * Campus access in a real browser, in Kazakh on 360 px phones: the health officer records a negative
 * PCR for a student with no data, the student's pass turns green (and stays on the phone offline),
 * the guard's scanner admits it with the phone offline (the pass pasted, and a photo of its QR
 * decoded by qr-scanner), flags the second entry as a replay, refuses an expired pass, and after
 * the officer revokes the student's passes and the scanner syncs, refuses the same pass.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPass } from '../contracts/access-pass.js';
import { DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { activeKeyOf, signer } from '../server/modules/access/access.keys.js';
import { axeFindings, CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

let server: TestServer;
let browser: Browser;
let uni: number;
let student: { id: number; name: string };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  const one = async <T>(sql: string, params: unknown[] = []) => (await server.db.query<{ v: T }>(sql, params)).rows[0]!.v;
  uni = await one<number>("select id as v from organisations where kind = 'university' and name_en like 'Karasay%'");
  const id = Number(await one<string>("select person_id as v from accounts where login = 'demo.student'"));
  student = { id, name: await one<string>("select last_name || ' ' || first_name as v from persons where id = $1", [id]) };
  // the student starts with nothing on record (no data); everyone in this journey reads Kazakh
  await server.db.query('delete from access_health_records where person_id = $1', [id]);
  await server.db.query("update accounts set language = 'kk' where login in ('demo.student', 'demo.health', 'demo.guard')");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signInKazakh(page: Page, login: string) {
  await page.goto('/sign-in', { timeout: 30_000 }); // a busy shared machine loads the first page slowly
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Құпиясөз').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Кіру', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Сәлеметсіз бе/ }).waitFor();
}

const phone = { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, locale: 'kk-KZ' };

/** A pass signed with the university's own key that ran out an hour ago. */
async function expiredPass(): Promise<string> {
  return signedPass(-3600);
}

/** A pass signed with the university's own key, expiring `expiresIn` seconds from now (negative: already expired). */
async function signedPass(expiresIn: number, holder = 'someone'): Promise<string> {
  const key = await activeKeyOf(server.db, uni, new Date()); // the university's key (made on first use)
  const now = Math.floor(Date.now() / 1000);
  return buildPass(
    { iss: `sabaq:org:${uni}`, iat: now - 7200, exp: now + expiresIn, cti: '0a0b', holder, organisationId: uni, status: 'admitted', name: student.name },
    new Uint8Array(key.kid),
    signer(key),
  );
}

describe('campus access in a real browser', () => {
  test('the officer records a test, the pass turns green and works offline, the guard admits it offline and refuses an expired and a revoked pass', async () => {
    const s = await openContext(browser, server, phone);
    const h = await openContext(browser, server, phone);
    const g = await openContext(browser, server, phone);
    try {
      // the student: no data yet
      const sp = s.page;
      await signInKazakh(sp, 'demo.student');
      await sp.getByRole('link', { name: 'Менің рұқсатнамамды ашу' }).click();
      await sp.getByRole('heading', { level: 1, name: 'Менің рұқсатнамам' }).waitFor();
      await sp.getByRole('status').getByText('Дерек жоқ', { exact: true }).waitFor();
      expect(await axeFindings(sp)).toEqual([]);
      // the student's own report of a vaccination with the dose left out: said beside the fields, in Kazakh, nothing sent
      const reported = async () =>
        (await server.db.query<{ n: number }>("select count(*)::int as n from access_health_records where state = 'reported'")).rows[0]!.n;
      const reportedBefore = await reported();
      const report = sp.getByRole('region', { name: 'Жетіспейтін жазба туралы хабарлау' });
      await report.getByLabel('Түрі', { exact: true }).selectOption({ label: 'Вакцинация' });
      await report.getByLabel('Доза нөмірі').fill('');
      await report.getByRole('button', { name: 'Жіберу' }).click();
      await report.getByText('Вакцинаның атауын жазыңыз').waitFor();
      await report.getByText('Бүтін сан: ең азы 1, ең көбі 10').waitFor();
      expect(await reported()).toBe(reportedBefore);

      // the health officer finds the student and records a negative PCR taken now
      const hp = h.page;
      await signInKazakh(hp, 'demo.health');
      await hp.getByRole('link', { name: 'Денсаулық және кіру' }).click();
      await hp.getByRole('heading', { level: 1, name: 'Денсаулық және кіру' }).waitFor();
      await hp.getByLabel('Аты-жөні бойынша іздеу').fill(student.name);
      await hp.getByRole('button', { name: new RegExp(`^Жазбалар.*${student.name}$`) }).click();
      // a vaccination with no vaccine and dose 0: each field says what it needs, in Kazakh, and nothing is sent
      let sent = 0;
      const count = (r: { url(): string; method(): string }) => {
        if (r.method() === 'POST' && /\/api\/access\/organisations\/\d+\/records$/.test(r.url())) sent++;
      };
      hp.on('request', count);
      await hp.getByLabel('Түрі', { exact: true }).selectOption({ label: 'Вакцинация' });
      await hp.getByLabel('Доза нөмірі').fill('0');
      await hp.getByRole('button', { name: 'Жазбаны сақтау' }).click();
      await hp.getByText('Вакцинаның атауын жазыңыз').waitFor();
      await hp.getByText('Бүтін сан: ең азы 1, ең көбі 10').waitFor();
      expect(await hp.getByLabel('Доза нөмірі').getAttribute('aria-invalid')).toBe('true');
      expect(sent).toBe(0);
      hp.off('request', count);
      await hp.getByLabel('Түрі', { exact: true }).selectOption({ label: 'Тест' });
      await hp.getByLabel('Тест түрі').selectOption({ label: 'ПТР' });
      await hp.getByLabel('Нәтиже').selectOption({ label: 'теріс' });
      await hp.getByRole('button', { name: 'Жазбаны сақтау' }).click();
      await hp.getByRole('status').getByText('Сақталды').waitFor();
      await hp.locator('.access-people li', { hasText: student.name }).getByText('Кіруге рұқсат', { exact: true }).waitFor();
      expect(await axeFindings(hp)).toEqual([]);

      // the student's pass is now green, and kept on the phone
      await sp.getByRole('button', { name: 'Жаңарту' }).click();
      await sp.getByRole('status').getByText('Кіруге рұқсат', { exact: true }).waitFor();
      await sp.getByRole('img', { name: `${student.name} рұқсатнамасының QR-коды` }).waitFor();
      const pass = await sp.evaluate((id) => JSON.parse(localStorage.getItem(`sabaq.access.pass.${id}`) ?? 'null')?.pass as string | undefined, student.id);
      expect(pass).toMatch(/^SBQ1:/);
      const qr = await sp.getByRole('img', { name: /QR-коды$/ }).screenshot();
      // offline: the saved pass stays on screen with a notice
      await s.context.setOffline(true);
      await sp.getByRole('button', { name: 'Жаңарту' }).click();
      await sp.getByText('Байланыс жоқ: телефонда сақталған рұқсатнама көрсетілді.').waitFor();
      await sp.getByRole('img', { name: /QR-коды$/ }).waitFor();
      expect(await axeFindings(sp)).toEqual([]);

      // the guard syncs once, then checks with the phone offline
      const gp = g.page;
      await signInKazakh(gp, 'demo.guard');
      await gp.getByRole('link', { name: 'Кіреберісті тексеруді ашу' }).click();
      await gp.getByText('Кілттер тізімі жаңа ғана жаңартылды').waitFor();
      await gp.getByLabel('Кіреберіс').selectOption({ index: 0 });
      await g.context.setOffline(true);
      const paste = async (text: string) => {
        await gp.getByLabel('Рұқсатнама коды (SBQ1:…)').fill(text);
        await gp.getByRole('button', { name: 'Тексеру', exact: true }).click();
      };
      const result = gp.getByTestId('gate-result');
      await paste(pass!);
      await result.getByText('КІРУГЕ БОЛАДЫ').waitFor();
      await result.getByText(student.name).waitFor();
      expect(await axeFindings(gp)).toEqual([]);
      // the same pass again at the same gate, never seen leaving: flagged
      await paste(pass!);
      await result.getByText('Бұл рұқсатнамамен осы кіреберістен кірген, бірақ шықпаған: адамды тексеріңіз.').waitFor();
      // leaving, then a photo of the student's QR code (decoded on the phone by qr-scanner)
      await gp.getByRole('radio', { name: 'Шығу' }).check();
      await gp.getByLabel('Код суретін тексеру').setInputFiles({ name: 'pass.png', mimeType: 'image/png', buffer: qr });
      // the photo is decoded asynchronously and the last verdict stays on screen meanwhile: wait for
      // the third logged check, not for a verdict that was already showing
      await gp.getByText('Жүктеуді 3 тексеру күтуде').waitFor();
      await result.getByText('КІРУГЕ БОЛАДЫ').waitFor();
      await gp.getByRole('radio', { name: 'Кіру' }).check();
      // an expired pass, red with its reason
      await paste(await expiredPass());
      await result.getByText('КІРУГЕ БОЛМАЙДЫ').waitFor();
      await result.getByText('Рұқсатнаманың мерзімі өткен').waitFor();
      await paste('SBQ1:NOT-A-REAL-PASS');
      await result.getByText('Бұл рұқсатнама емес немесе код бүлінген').waitFor();
      await gp.getByText(/Жүктеуді \d+ тексеру күтуде/).waitFor();

      // the officer revokes the student's passes; the guard, back online, syncs and refuses the same pass
      await hp.getByLabel('Себебі').fill('Телефон жоғалды');
      await hp.getByRole('button', { name: 'Рұқсатнамаларын кері қайтару' }).click();
      await hp.getByRole('status').getByText('Рұқсатнамалар кері қайтарылды').waitFor();
      await g.context.setOffline(false);
      // back online the page uploads by itself, so «all uploaded» can show before this sync has the new revocations: wait for them
      const refresh = gp.getByRole('button', { name: 'Қазір жаңарту' });
      await Promise.all([gp.waitForResponse((r) => r.url().includes('/api/access/revocations') && r.ok()), refresh.click()]);
      await expect.poll(() => refresh.isEnabled()).toBe(true);
      await gp.getByText('Барлық тексерулер жүктелді').waitFor();
      await paste(pass!);
      await result.getByText('КІРУГЕ БОЛМАЙДЫ').waitFor();
      await result.getByText('Иесінің рұқсатнамалары кері қайтарылған').waitFor();
      await gp.getByText('Барлық тексерулер жүктелді').waitFor();

      const { rows } = await server.db.query<{ result: string; replay: boolean; reason: string | null }>(
        'select result, replay, reason from access_scans order by scanned_at, id',
      );
      expect(rows.map((r) => [r.result, r.replay, r.reason])).toEqual([
        ['admitted', false, null],
        ['admitted', true, null],
        ['admitted', false, null],
        ['refused', false, 'expired'],
        ['refused', false, 'malformed'],
        ['refused', false, 'revoked_holder'],
      ]);
      // failed loads while a phone was offline are the point of the journey, not faults
      const faults = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e));
      expect(faults(s.pageErrors)).toEqual([]);
      expect(faults(h.pageErrors)).toEqual([]);
      expect(faults(g.pageErrors)).toEqual([]);
    } finally {
      await s.context.close();
      await h.context.close();
      await g.context.close();
    }
  }, 240_000); // three phones and a long journey on a shared machine

  test("the guard's scanner admits a pass from Chromium's fake camera (a video file showing the QR)", async () => {
    // a Y4M video of one frame: the QR code of a valid pass, black modules on white, 640×480
    const pass = await signedPass(3600, 'camera-holder');
    const qr = QRCode.create(pass, { errorCorrectionLevel: 'M' });
    const size = qr.modules.size;
    const scale = 4;
    const quiet = 4; // inside the scanner's centre region (2/3 of 480 px)
    const W = 640;
    const H = 480;
    const side = (size + 2 * quiet) * scale;
    const y = Buffer.alloc(W * H, 235);
    const ox = (W - side) / 2;
    const oy = (H - side) / 2;
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) {
        if (!qr.modules.get(r, c)) continue;
        for (let dy = 0; dy < scale; dy++)
          y.fill(16, (oy + (quiet + r) * scale + dy) * W + ox + (quiet + c) * scale, (oy + (quiet + r) * scale + dy) * W + ox + (quiet + c + 1) * scale);
      }
    const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
    const dir = mkdtempSync(path.join(tmpdir(), 'sabaq-cam-'));
    const video = path.join(dir, 'qr.y4m');
    writeFileSync(video, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F5:1 Ip A1:1 C420jpeg\n`), Buffer.from('FRAME\n'), y, chroma]));
    const camBrowser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    try {
      const g = await openContext(camBrowser, server, { ...phone, permissions: ['camera'] });
      const gp = g.page;
      await signInKazakh(gp, 'demo.guard');
      await gp.goto('/access/gate');
      await gp.getByText('Кілттер тізімі жаңа ғана жаңартылды').waitFor();
      await gp.getByRole('button', { name: 'Камераны қосу' }).click();
      const result = gp.getByTestId('gate-result');
      // the decoder is a worker on a shared machine: give the camera feed time
      await result
        .getByText('КІРУГЕ БОЛАДЫ')
        .waitFor({ timeout: 75_000 })
        .catch(async (e: unknown) => {
          console.error(
            'camera journey page:',
            await gp
              .locator('body')
              .innerText()
              .catch(() => '?'),
          );
          throw e;
        });
      await result.getByText(student.name).waitFor();
      await gp.getByRole('button', { name: 'Камераны өшіру' }).click();
      expect(g.pageErrors).toEqual([]);
      await g.context.close();
    } finally {
      await camBrowser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
