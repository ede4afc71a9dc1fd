import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CITY_SCHOOL, DEMO_FAMILY, DEMO_LOGINS, DEMO_PASSWORD, DEMO_STAFF } from '../server/seed/demo-facts.js';
import { launchChromium, axeFindings, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

const fullName = (p: { lastName: string; firstName: string; middleName: string }) => `${p.lastName} ${p.firstName} ${p.middleName}`;

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

async function signIn(page: Page, labels: { login: string; password: string; submit: string }, login: string) {
  await page.getByLabel(labels.login).fill(login);
  await page.getByLabel(labels.password).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe('the web app in a real browser', () => {
  test('a teacher signs in with the interface in Russian, sees the classes they teach, opens one, saves a language, signs out', async () => {
    const { context, page, pageErrors } = await openContext(browser, server, { locale: 'ru-RU' });
    try {
      await page.goto('/');
      // no session: the app sends us to sign-in, in Kazakh until we choose
      await page.waitForURL(/\/sign-in/);
      await page.getByRole('heading', { level: 1, name: 'Жүйеге кіру' }).waitFor();
      expect(await axeFindings(page)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)
      expect(await htmlLang(page)).toBe('kk');

      await page.getByRole('button', { name: 'Русский' }).click();
      await page.getByRole('heading', { level: 1, name: 'Вход в систему' }).waitFor();
      expect(await htmlLang(page)).toBe('ru');

      await signIn(page, { login: 'Логин', password: 'Пароль', submit: 'Войти' }, DEMO_LOGINS.teacher);
      await page.getByRole('heading', { level: 1, name: `Здравствуйте, ${DEMO_STAFF.teacher.firstName}!` }).waitFor();
      expect(await htmlLang(page)).toBe('ru');

      const section = page.getByRole('region', { name: 'Классы, в которых я преподаю' });
      await section.getByRole('link', { name: CITY_SCHOOL.teacherClasses[0] }).waitFor();
      expect(await axeFindings(page)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)
      const classNames = await section.getByRole('table').getByRole('link').allTextContents();
      expect(classNames.sort()).toEqual([...CITY_SCHOOL.teacherClasses].sort());

      // the class page lists its pupils by name for the teacher who teaches it
      await section.getByRole('link', { name: CITY_SCHOOL.pupilClass }).click();
      await page.getByRole('heading', { level: 1, name: CITY_SCHOOL.pupilClass }).waitFor();
      await page
        .getByRole('listitem')
        .filter({ hasText: fullName(DEMO_FAMILY.pupil) })
        .waitFor();

      // once signed in, a language change is saved for the person, not only on this device
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 2, name: 'Pupils' }).waitFor();
      await expect.poll(async () => (await (await page.request.get('/api/me')).json()).language).toBe('en');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      // the session is gone on the server too: home sends us back to sign-in
      await page.goto('/');
      await page.waitForURL(/\/sign-in/);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  test('a parent on a 360 px phone, in Kazakh, sees their children with class and school; a 401 leads back to sign-in', async () => {
    const { context, page, pageErrors } = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      await page.goto('/sign-in');
      await page.getByRole('heading', { level: 1, name: 'Жүйеге кіру' }).waitFor();

      // a wrong password is answered with a translated sentence, not a code
      await page.getByLabel('Логин').fill('nobody.here');
      await page.getByLabel('Құпиясөз').fill('wrong-password');
      await page.getByRole('button', { name: 'Кіру', exact: true }).click();
      expect(await page.getByRole('alert').textContent()).toBe('Логин немесе құпиясөз қате.');

      // whatever was picked on this device before, the person's own language applies once signed in
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await signIn(page, { login: 'Login', password: 'Password', submit: 'Sign in' }, DEMO_LOGINS.parent);
      await page.getByRole('heading', { level: 1, name: `Сәлеметсіз бе, ${DEMO_FAMILY.father.firstName}!` }).waitFor();
      expect(await htmlLang(page)).toBe('kk');

      const children = page.getByRole('region', { name: 'Балаларым', exact: true });
      for (const [child, className] of [
        [DEMO_FAMILY.pupil, CITY_SCHOOL.pupilClass],
        [DEMO_FAMILY.sibling, CITY_SCHOOL.siblingClass],
      ] as const) {
        const card = children.getByRole('listitem').filter({ has: page.getByRole('heading', { name: fullName(child) }) });
        await card.waitFor();
        expect(await card.getByRole('link', { name: className, exact: true }).count()).toBe(1);
        expect(await card.getByRole('link', { name: CITY_SCHOOL.names.kk }).count()).toBe(1);
      }

      // nothing sticks out sideways on a phone
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // the session ends behind the page's back (revoked, expired): the next request's 401 leads to
      // sign-in, and signing in again returns to the page that was asked for
      await page.request.post('/api/auth/logout');
      await children.getByRole('link', { name: CITY_SCHOOL.siblingClass, exact: true }).click();
      await page.getByText('Сеансыңыз аяқталды. Қайта кіріңіз.').waitFor();
      await signIn(page, { login: 'Логин', password: 'Құпиясөз', submit: 'Кіру' }, DEMO_LOGINS.parent);
      await page.getByRole('heading', { level: 1, name: CITY_SCHOOL.siblingClass }).waitFor();
      await page
        .getByRole('listitem')
        .filter({ hasText: fullName(DEMO_FAMILY.sibling) })
        .waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
