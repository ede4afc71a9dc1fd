/**
 * A course built in Sabaq in a real browser, in Kazakh, on a phone: demo.homeroom (a teacher) enrols
 * in "Learning to teach remotely", reads its three modules, passes the quiz (marked on the server)
 * and gets the certificate, which the public check shows valid; the ministry then withdraws it and
 * the check says it is not valid any more. The ministry also builds a course in the editor: a quiz
 * with no right answer is refused (nothing written), then published as version 1.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { axeFindings, launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

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

/** Signs in on the Kazakh sign-in page; the account's own language follows (demo.ministry's is English). */
async function signIn(page: Page, login: string, greeting: RegExp) {
  await page.goto('/sign-in', { timeout: 30_000 });
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Құпиясөз').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Кіру', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: greeting }).waitFor();
}

const phone = { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, locale: 'kk-KZ', acceptDownloads: true };
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('a course built in Sabaq, on a phone (the teacher in Kazakh, the ministry in English)', () => {
  test('the teacher reads the modules, passes the quiz and gets a certificate the public check shows valid; withdrawn, it is not', async () => {
    const teacher = await openContext(browser, server, phone);
    const page = teacher.page;
    page.setDefaultTimeout(30_000);
    await signIn(page, 'demo.homeroom', /^Сәлеметсіз бе/);
    await page.getByRole('link', { name: 'Менің оқуым' }).click();
    await page.getByRole('heading', { level: 1, name: 'Менің оқуым' }).waitFor();
    await page.getByRole('button', { name: 'Жазылу: Қашықтан оқытуды үйрену' }).click();
    await page.getByRole('link', { name: 'Курсты ашу: Қашықтан оқытуды үйрену' }).click();
    await page.getByRole('heading', { level: 1, name: 'Қашықтан оқытуды үйрену' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '1. Қашықтан сабақты жоспарлау' }).waitFor();
    await page.getByText('Оқылған модульдер: 0 / 3').waitFor();
    expect(await noSideScroll(page)).toBe(true);

    // the correct answers are not in what the page was given
    const body = await page.evaluate(() =>
      fetch(location.pathname.replace('/training/enrolments/', '/api/training/enrolments/') + '/course').then((r) => r.text()),
    );
    expect(body).not.toContain('correct');

    for (let read = 1; read <= 3; read++) {
      await page.getByRole('button', { name: 'Оқыдым' }).first().click();
      await page.getByText(`Оқылған модульдер: ${read} / 3`).waitFor();
    }

    // a first attempt with a wrong answer is marked on the server and kept
    await page.getByRole('radio', { name: 'Толық 45 минут' }).check();
    await page.getByRole('checkbox', { name: 'Телесабақ' }).check();
    await page.getByRole('radio', { name: 'Үш күн' }).check();
    await page.getByRole('button', { name: 'Жауаптарды жіберу' }).click();
    await page.getByText('Тест тапсырылмады, қайталап көріңіз').waitFor();
    await page.getByText('Дұрыс жауап: 1 / 3').waitFor();

    // then the right answers
    await page.getByRole('radio', { name: '20–30 минут' }).check();
    await page.getByRole('checkbox', { name: 'Басылған тапсырмалар' }).check();
    await page.getByRole('button', { name: 'Жауаптарды жіберу' }).click();
    await page.getByText('Тест тапсырылды').waitFor();
    const codeText = await page.getByText(/Тексеру коды: [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/).textContent();
    const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(codeText ?? '')![1]!;
    expect(await noSideScroll(page)).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Сертификатты жүктеу (PDF)' }).click()]);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');

    // the public check, signed out
    const visitor = await openContext(browser, server, phone);
    visitor.page.setDefaultTimeout(30_000);
    await visitor.page.goto(`/certificates/${code}`);
    await visitor.page.getByRole('heading', { level: 2, name: 'Сертификат жарамды' }).waitFor();

    // the ministry (its account reads English) withdraws it
    const ministry = await openContext(browser, server, phone);
    ministry.page.setDefaultTimeout(30_000);
    await signIn(ministry.page, 'demo.ministry', /^Hello/);
    await ministry.page.getByRole('link', { name: 'Courses and certificates' }).click();
    // each course's title is a heading straight under the page's (no skipped level)
    await ministry.page.getByRole('heading', { level: 2, name: 'Online tools for the lesson' }).waitFor();
    expect(await axeFindings(ministry.page)).toEqual([]);
    await ministry.page.getByLabel('Certificate code').fill(code);
    await ministry.page.getByLabel('Reason (not made public)').fill('Құжат қате толтырылған');
    await ministry.page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await ministry.page.getByText(`Certificate ${code} withdrawn`).waitFor();
    expect(await noSideScroll(ministry.page)).toBe(true);

    await visitor.page.reload();
    await visitor.page.getByRole('heading', { level: 2, name: 'Сертификат жарамсыз' }).waitFor();
    await visitor.page.getByText(/Сертификат кері қайтарылды:/).waitFor();
    expect(await visitor.page.getByText('Құжат қате толтырылған').count()).toBe(0);

    expect(teacher.pageErrors).toEqual([]);
    expect(visitor.pageErrors).toEqual([]);
    expect(ministry.pageErrors).toEqual([]);
  }, 240_000);

  test('the ministry builds a course on a phone: a quiz with no right answer is refused and nothing is written; fixed, it is published', async () => {
    const tools = (await server.db.query<{ id: number }>("select id from training_courses where title_en = 'Online tools for the lesson'")).rows[0]!.id;
    const { page, pageErrors } = await openContext(browser, server, phone);
    page.setDefaultTimeout(30_000);
    await signIn(page, 'demo.ministry', /^Hello/);
    await page.getByRole('link', { name: 'Courses and certificates' }).click();
    await page.getByRole('link', { name: 'Edit: Online tools for the lesson' }).click();
    await page.getByRole('heading', { level: 1, name: 'Course editor: Online tools for the lesson' }).waitFor();
    await page.getByRole('button', { name: 'Add a module' }).click();
    for (const l of ['kk', 'ru', 'en']) await page.getByLabel(`Module title (${l})`).fill(`Video lessons ${l}`);
    await page.getByRole('button', { name: 'Add: Text' }).click();
    for (const l of ['kk', 'ru', 'en']) await page.getByLabel(`Text (${l})`).fill(`Record short videos ${l}`);
    await page.getByRole('checkbox', { name: 'The module has a quiz' }).check();
    for (const l of ['kk', 'ru', 'en']) {
      await page.getByLabel(`Question 1 (${l})`).fill(`How long? ${l}`);
      await page.getByLabel(`1. Answer (${l})`).fill(`5 minutes ${l}`);
      await page.getByLabel(`2. Answer (${l})`).fill(`1 hour ${l}`);
    }
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The quiz has a problem', { exact: false }).waitFor();
    expect((await server.db.query<{ n: number }>('select count(*)::int as n from training_modules where course_id = $1', [tools])).rows[0]!.n).toBe(0);
    await page.getByRole('checkbox', { name: 'Right', exact: true }).first().check();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Version 1 published').waitFor();
    expect(await noSideScroll(page)).toBe(true);
    const v = await server.db.query<{ content: { modules: { quiz: { questions: { options: { correct: boolean }[] }[] } }[] } }>(
      'select content from training_course_versions where course_id = $1',
      [tools],
    );
    expect(v.rows.map((r) => r.content.modules[0]!.quiz.questions[0]!.options.map((o) => o.correct))).toEqual([[true, false]]);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
