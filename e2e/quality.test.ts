/**
 * Quality of online teaching in a real browser on 360 px phones: demo.admin, in Kazakh, fills in the
 * school's self-assessment for 2020-2021 (a level for every criterion, a comment) with Sabaq's figures
 * beside the criteria and submits it; the district officer, in Russian, finds it in the list to
 * review and returns it with a comment on a criterion; the admin sees the comment.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { axeFindings, launchChromium, openContext, PHONE_VIEWPORT, settled, startTestServer, type TestServer } from './browser.js';

process.env.LEARNING_TODAY = '2020-12-09';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const phone = { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true };

async function signInKazakh(page: Page, login: string) {
  await page.goto('/sign-in', { timeout: 30_000 });
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Құпиясөз').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Кіру', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Сәлеметсіз бе/ }).waitFor();
}

async function signInRussian(page: Page, login: string) {
  await page.goto('/sign-in', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
}

describe('quality of online teaching in a real browser, on phones', () => {
  test('the admin submits in Kazakh; the district returns it with a comment; the admin sees it', async () => {
    const school = (
      await server.db.query<{ id: number; name_ru: string }>("select id, name_ru from organisations where name_en = 'Kaskelen Secondary School No. 1'")
    ).rows[0]!;
    const status = async () =>
      (
        await server.db.query<{ status: string }>(
          "select a.status from quality_assessments a join academic_years y on y.id = a.academic_year_id where a.organisation_id = $1 and y.name = '2020-2021'",
          [school.id],
        )
      ).rows[0]?.status ?? null;
    expect(await status()).toBeNull();

    // the admin, in Kazakh, on a phone
    const admin = await openContext(browser, server, { ...phone, locale: 'kk-KZ' });
    const a = admin.page;
    await signInKazakh(a, DEMO_LOGINS.admin);
    await settled(a);
    await a.getByRole('link', { name: 'Мектептің өзін-өзі бағалауы' }).click();
    await a.getByRole('heading', { level: 1, name: 'Өзін-өзі бағалау: оқу жылдары' }).waitFor();
    await a.getByRole('link', { name: 'Толтыру 2020-2021' }).click();
    await a.getByRole('heading', { level: 2, name: 'Стратегиялық басқару' }).waitFor();
    await a.getByRole('heading', { level: 2, name: 'Sabaq деректері' }).waitFor();
    // Sabaq's figures beside a criterion: lessons with materials under course design
    await a
      .getByRole('group', { name: /Сабақтарда оқушыға қолжетімді материалдар бар/ })
      .getByText('Материалы бар сабақтар')
      .waitFor();

    // a link without https:// is named with its criterion before anything is sent (the server's answer names no field)
    const links = a.getByLabel('Сілтемелер (әр жолға біреу)').first();
    await links.fill('www.kaskelen-school.kz/strategy');
    await a.getByRole('button', { name: 'Жобаны сақтау' }).click();
    const badLinks = a.getByRole('alert').filter({ hasText: 'Кейбір сілтемелер қате, ештеңе жіберілмеді' });
    await badLinks.getByRole('listitem').first().waitFor();
    expect(await badLinks.getByRole('listitem').count()).toBe(1);
    await a.getByText('Әр жолда https:// деп басталатын бір сілтеме (10-нан көп емес)').waitFor();
    expect(await status()).toBeNull();
    await links.fill('https://kaskelen-school.kz/strategy');

    // submitting with nothing chosen names what is missing (and sends nothing)
    await a.getByRole('button', { name: 'Қарауға жіберу' }).click();
    await a
      .getByRole('alert')
      .getByText(/Деңгейі таңдалмаған 24 критерий бар/)
      .waitFor();
    expect(await status()).toBeNull();

    const levels = a.getByLabel('Деңгей');
    const n = await levels.count();
    expect(n).toBe(24);
    for (let i = 0; i < n; i++) await levels.nth(i).selectOption({ label: i % 3 === 0 ? 'Толық' : 'Көбіне' });
    await a.getByLabel('Түсініктеме').first().fill('Стратегия педагогикалық кеңесте бекітілді');
    expect(await axeFindings(a)).toEqual([]);
    await a.getByRole('button', { name: 'Қарауға жіберу' }).click();
    await a.getByText('Бағалау жіберілді: қарау аяқталғанша өзгертуге болмайды.').waitFor();
    expect(await status()).toBe('submitted');
    const scroll = await a.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(360);

    // the district officer, in Russian, on a phone
    const officer = await openContext(browser, server, { ...phone, locale: 'ru-RU' });
    const o = officer.page;
    await signInRussian(o, DEMO_LOGINS.district);
    await settled(o);
    await o.getByRole('link', { name: 'Самооценки на рецензию' }).click();
    await o.getByRole('heading', { level: 1, name: 'Самооценки на рецензию' }).waitFor();
    await o.getByRole('link', { name: school.name_ru }).click();
    await o.getByRole('heading', { level: 2, name: 'Рецензия' }).waitFor();
    await o.getByText('Стратегия педагогикалық кеңесте бекітілді').waitFor();
    await o.getByLabel('Замечание по этому критерию').first().fill('Приложите приказ об утверждении стратегии');
    await o.getByLabel('Общий комментарий').fill('Дополните подтверждения');
    await o.getByRole('button', { name: 'Вернуть на доработку' }).click();
    await o.getByText('Рецензия сохранена').waitFor();
    expect(await status()).toBe('returned');

    // the admin sees the comments and may change the form again
    await a.reload();
    await a.getByText('Бағалау түзетуге қайтарылды: пікірлерді оқып, өзгертіп, қайта жіберіңіз.').waitFor();
    await a.getByText('Дополните подтверждения').first().waitFor();
    await a
      .getByRole('group', { name: /Мекемеде барлығына түсінікті/ })
      .getByText('Приложите приказ об утверждении стратегии')
      .waitFor();
    await a.getByRole('button', { name: 'Қарауға жіберу' }).waitFor();

    expect(admin.pageErrors).toEqual([]);
    expect(officer.pageErrors).toEqual([]);
  }, 240_000);
});
