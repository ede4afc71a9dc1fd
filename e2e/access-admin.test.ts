/**
 * The university admin's dormitory and gate-photo forms in a real browser, in Russian on a 360 px
 * phone: the admin moves an admitted student into a dormitory room (the room list shows them) and
 * uploads the student's gate photo (the list says the photo is on record); the student's next pass
 * carries the photo's hash, and the guard's phone, after syncing, shows that photo offline at the gate.
 * The guard reloads the scanner page offline first. Signing out of the student's phone wipes the pass it kept.
 */
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { decodePass } from '../contracts/access-pass.js';
import { cookieHeader } from '../test/app.js';
import { axeFindings, launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

let server: TestServer;
let browser: Browser;
let uni: number;
let student: { id: number; name: string; lastName: string };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  const one = async <T>(sql: string, params: unknown[] = []) => (await server.db.query<{ v: T }>(sql, params)).rows[0]!.v;
  uni = Number(await one<number>("select id as v from organisations where kind = 'university' and name_en like 'Karasay%'"));
  // demo.admin runs the city school; here they also run the university's campus, in Russian
  await server.db.query(
    "insert into role_assignments (person_id, role, organisation_id) select person_id, 'org_admin', $1 from accounts where login = 'demo.admin'",
    [uni],
  );
  await server.db.query("update accounts set language = 'ru' where login in ('demo.admin', 'demo.guard')");
  // an admitted student of the university, not yet in a room, without a photo, with a name nobody else there has
  const { rows } = await server.db.query<{ id: string; last_name: string; first_name: string }>(
    `select p.id, p.last_name, p.first_name from persons p
       join role_assignments r on r.person_id = p.id and r.organisation_id = $1 and r.role = 'pupil'
       join access_statuses s on s.person_id = p.id and s.status = 'admitted'
      where not exists (select 1 from access_residents x where x.person_id = p.id)
        and not exists (select 1 from access_photos f where f.person_id = p.id)
        and not exists (select 1 from accounts a where a.person_id = p.id and a.login like 'demo.%')
        and (select count(*) from persons q join role_assignments rq on rq.person_id = q.id and rq.organisation_id = $1
              where q.last_name = p.last_name) = 1
      order by p.id limit 1`,
    [uni],
  );
  const r = rows[0]!;
  student = { id: Number(r.id), name: `${r.last_name} ${r.first_name}`, lastName: r.last_name };
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signInRussian(page: Page, login: string) {
  await page.goto('/sign-in', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
}

const phone = { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, locale: 'ru-RU' };

describe('the campus admin in a real browser', () => {
  test('moves a student into a dormitory room and uploads their gate photo; the guard sees it offline', async () => {
    const a = await openContext(browser, server, phone);
    const g = await openContext(browser, server, phone);
    try {
      const ap = a.page;
      await signInRussian(ap, 'demo.admin');
      await ap.getByRole('link', { name: 'Здания и входы кампуса' }).click();
      await ap.getByRole('heading', { level: 1, name: 'Здания кампуса' }).waitFor();

      // the dormitory's rooms, then the form to move a student in
      const dorm = ap.locator('.access-buildings > li', { has: ap.getByRole('heading', { name: 'Dormitory No. 1' }) });
      await dorm.getByRole('button', { name: 'Показать комнаты' }).click();
      const form = dorm.getByRole('form', { name: 'Заселить студента' });
      await form.getByLabel('Комнаты').waitFor();
      const room = await form.getByLabel('Комнаты').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]!.textContent!);
      await form.getByLabel('Поиск по имени').fill(student.lastName);
      await form.getByLabel('Человек').locator('option', { hasText: student.name }).waitFor({ state: 'attached' });
      await form.getByLabel('Человек').selectOption({ label: student.name });
      await form.getByRole('button', { name: 'Заселить', exact: true }).click();
      const line = dorm.locator('li', { hasText: `Комната ${room}:` });
      await line.getByText(student.name, { exact: false }).waitFor();
      const { rows: resident } = await server.db.query<{ number: string }>(
        'select d.number from access_residents x join access_dorm_rooms d on d.id = x.room_id where x.person_id = $1',
        [student.id],
      );
      expect(resident).toEqual([{ number: room }]);
      expect(await axeFindings(ap)).toEqual([]);

      // a room with no beds and a building with no name and a word for its capacity: said beside each field in Russian, nothing written
      const counts = async () =>
        (
          await server.db.query<{ rooms: number; buildings: number }>(
            'select (select count(*)::int from access_dorm_rooms) as rooms, (select count(*)::int from access_buildings) as buildings',
          )
        ).rows[0]!;
      const before = await counts();
      await dorm.getByLabel('Номер комнаты').fill('999');
      await dorm.getByLabel('Мест').fill('0');
      await dorm.getByRole('button', { name: 'Добавить комнату' }).click();
      await dorm.getByText('Целое число от 1 до 20').waitFor();
      const building = ap.getByRole('form', { name: 'Добавить здание' });
      await building.getByLabel('Вместимость').fill('много');
      await building.getByRole('button', { name: 'Добавить', exact: true }).click();
      await building.getByText('Укажите название').waitFor();
      await building.getByText('Целое число от 1 до 100000').waitFor();
      expect(await counts()).toEqual(before);
      await dorm.getByLabel('Номер комнаты').fill('');

      // the gate photo, uploaded by the admin for the student (any picture; the phone shrinks it to a JPEG)
      const photos = ap.getByRole('region', { name: 'Фото для входа' });
      await photos.getByLabel('Поиск по имени').fill(student.lastName);
      const row = photos.locator('li', { hasText: student.name });
      await row.getByText('фото нет', { exact: false }).waitFor();
      const picture = await QRCode.toBuffer('a face', { type: 'png', width: 400 });
      await photos.getByLabel(`Загрузить фото: ${student.name}`).setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: picture });
      await row.getByText('фото есть', { exact: false }).waitFor();
      expect(await axeFindings(ap)).toEqual([]);

      // the stored photo is what the student's next pass names (a JPEG the phone made, ≤ 128 KB)
      const { rows: stored } = await server.db.query<{ content_type: string; size_bytes: string }>(
        'select f.content_type, f.size_bytes from access_photos p join files f on f.id = p.file_id where p.person_id = $1',
        [student.id],
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]!.content_type).toBe('image/jpeg');
      expect(Number(stored[0]!.size_bytes)).toBeLessThanOrEqual(128 * 1024);

      // the student's phone gets a fresh pass (signed in with a login given for the test): it names the photo
      await server.db.query(
        `insert into accounts (person_id, login, password_hash, language) select $1, 'e2e.resident', password_hash, 'ru' from accounts where login = 'demo.admin'
         on conflict (person_id) do update set login = excluded.login, password_hash = excluded.password_hash`,
        [student.id],
      );
      const signedIn = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'e2e.resident', password: DEMO_PASSWORD } });
      const cookie = cookieHeader(signedIn);
      await server.app.inject({ method: 'POST', url: '/api/access/me/consent', headers: { cookie } });
      const pass = (await server.app.inject({ method: 'GET', url: '/api/access/me/pass', headers: { cookie } })).json().pass as string;

      // the guard's phone syncs the photos online and shows the student's offline when the pass is checked
      const gp = g.page;
      await signInRussian(gp, 'demo.guard');
      await gp.getByRole('link', { name: 'Открыть проверку на входе' }).click();
      await gp.getByText(/Фото на телефоне: [1-9]/).waitFor({ timeout: 30_000 });
      await gp.getByRole('combobox', { name: 'Вход' }).selectOption({ index: 0 });
      const claims = decodePass(pass)!.claims!;
      const bytes = await server.db.query<{ sha256: string }>(
        "select encode(f.sha256, 'hex') as sha256 from access_photos p join files f on f.id = p.file_id where p.person_id = $1",
        [student.id],
      );
      expect(claims.photo).toBe(bytes.rows[0]!.sha256.slice(0, 16));
      // the phone loses its connection and the scanner page is opened again (from the service worker)
      await gp.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 });
      await gp.reload(); // opened once online under the service worker: it keeps the answers the page reads
      await gp.getByText(/Фото на телефоне: [1-9]/).waitFor();
      await g.context.setOffline(true);
      await gp.reload();
      await gp.getByRole('heading', { level: 1, name: 'Проверка на входе' }).waitFor();
      await gp.getByText(/Фото на телефоне: [1-9]/).waitFor();
      await gp.getByRole('combobox', { name: 'Вход' }).selectOption({ index: 0 });
      await gp.getByLabel('Код пропуска (SBQ1:…)').fill(pass);
      await gp.getByRole('button', { name: 'Проверить', exact: true }).click();
      const result = gp.getByTestId('gate-result');
      await result.getByText('ПРОХОД РАЗРЕШЁН').waitFor();
      await result.getByTestId('gate-photo').waitFor();

      // the student on their own phone: the pass is kept for offline use, and signing out wipes it
      const s = await openContext(browser, server, phone);
      try {
        const sp = s.page;
        await signInRussian(sp, 'e2e.resident');
        await sp.getByRole('link', { name: 'Открыть мой пропуск' }).click();
        await sp.getByRole('heading', { level: 1, name: 'Мой пропуск' }).waitFor();
        const kept = () => sp.evaluate((id) => localStorage.getItem(`sabaq.access.pass.${id}`), student.id);
        await expect.poll(kept, { timeout: 20_000 }).toMatch(/SBQ1:/);
        await sp.getByRole('button', { name: 'Выйти', exact: true }).click();
        await sp.getByLabel('Логин').waitFor();
        expect(await kept()).toBeNull();
        expect(s.pageErrors).toEqual([]);
      } finally {
        await s.context.close();
      }
      expect(a.pageErrors).toEqual([]);
      expect(g.pageErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    } finally {
      await a.context.close();
      await g.context.close();
    }
  }, 180_000);
});

describe('access rules in a real browser, in Russian on a phone', () => {
  test("a region officer's values out of range are named beside each field and nothing is sent; in range, the preview answers", async () => {
    await server.db.query("update accounts set language = 'ru' where login = 'demo.region'");
    const { page, pageErrors } = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    await signInRussian(page, 'demo.region');
    await page.goto('/access/rules');
    await page.getByRole('heading', { level: 1, name: 'Правила доступа' }).waitFor();
    const previews: string[] = [];
    page.on('request', (r) => r.url().includes('/api/access/rules/preview') && previews.push(r.url()));
    const fever = page.getByLabel(/^Порог температуры/);
    const pass = page.getByLabel('Срок пропуска, часов');
    const passWas = await pass.inputValue();
    await fever.fill('50');
    await pass.fill('');
    await page.getByRole('button', { name: 'Предпросмотр' }).click();
    await page.getByRole('alert').getByText('2 поля заполнены неверно, ничего не отправлено: см. подсказки рядом с ними.').waitFor();
    await page.getByText('Число от 35 до 42 (например, 37,5)').waitFor();
    await page.getByText('Целое число от 1 до 168').waitFor();
    expect(await fever.getAttribute('aria-invalid')).toBe('true');
    expect(previews).toEqual([]);
    expect(await axeFindings(page)).toEqual([]);

    // a decimal comma, as Russian and Kazakh keyboards type it
    await fever.fill('37,5');
    await pass.fill(passWas);
    await page.getByRole('button', { name: 'Предпросмотр' }).click();
    await page
      .getByRole('status')
      .getByText(/^Из \d+ человек статус изменится у/)
      .waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    expect(pageErrors).toEqual([]);
  });
});
