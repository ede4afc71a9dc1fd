import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, cookieHeader, DEMO_PASSWORD, type TestApp } from '../../../test/app.js';

let t: TestApp;
const logs: string[] = [];

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk) => logs.push(String(chunk)));
  t = await createTestApp({
    logStream,
    env: {
      LOG_LEVEL: 'trace',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '12',
      LOGIN_ACCOUNT_SLOWDOWN_SECONDS: '600',
      // the parallel sign-in tests are about throttling, not admission control: nothing waits out of the queue on a loaded machine
      ADMISSION_MAX_QUEUE: '1000',
      ADMISSION_QUEUE_TIMEOUT_MS: '120000',
    },
  });
});
afterAll(async () => t.close());

const login = (payload: unknown, headers: Record<string, string> = {}, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object, headers, remoteAddress: ip });

async function personOf(loginName: string) {
  const { rows } = await t.db.query<{ iin: string; phone: string | null; account_id: number }>(
    'select p.iin, p.phone, a.id as account_id from accounts a join persons p on p.id = a.person_id where a.login = $1',
    [loginName],
  );
  return rows[0]!;
}

describe('sign-in', () => {
  test('a login name, an IIN or a phone number signs in; the session cookie is HttpOnly and SameSite', async () => {
    const teacher = await personOf('demo.teacher');
    const phone = teacher.phone!;
    for (const id of ['demo.teacher', 'DEMO.Teacher', teacher.iin, phone, `8 ${phone.slice(2, 5)} ${phone.slice(5)}`]) {
      const res = await login({ login: id, password: DEMO_PASSWORD }, {}, '10.0.1.1');
      expect(res.statusCode, id).toBe(200);
      const cookie = res.cookies[0]!;
      expect(cookie.name).toBe('sabaq_session');
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      expect(cookie.value.length).toBeGreaterThanOrEqual(43); // 256 random bits, base64url
      const body = res.json();
      expect(body.user.roles.map((r: { role: string }) => r.role)).toContain('teacher');
      expect(body.user.language).toBe('ru');
    }
  });

  test('over HTTPS (behind a trusted proxy) the cookie is __Host- prefixed and Secure', async () => {
    const secure = await createTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'demo.pupil', password: DEMO_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies[0]).toMatchObject({ name: '__Host-sabaq_session', secure: true, path: '/', httpOnly: true });
      expect(res.cookies[0]!.domain).toBeUndefined();
      const me = await secure.app.inject({ url: '/api/me', headers: { cookie: cookieHeader(res), 'x-forwarded-proto': 'https' } });
      expect(me.statusCode).toBe(200);
    } finally {
      await secure.close();
    }
  });

  test('every sign-in issues a new token', async () => {
    const a = await login({ login: 'demo.pupil', password: DEMO_PASSWORD }, {}, '10.0.2.1');
    const b = await login({ login: 'demo.pupil', password: DEMO_PASSWORD }, { cookie: cookieHeader(a) }, '10.0.2.1');
    expect(a.cookies[0]!.value).not.toBe(b.cookies[0]!.value);
    // signing in again from the same browser retires the old session
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: cookieHeader(a) } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: cookieHeader(b) } })).statusCode).toBe(200);
  });

  test('a wrong password and an unknown login get the same answer', async () => {
    const wrongPassword = await login({ login: 'demo.admin', password: 'nope' }, {}, '10.0.3.1');
    const unknown = await login({ login: 'no.such.person', password: 'nope' }, {}, '10.0.3.2');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknown.json());
    expect(wrongPassword.json().error.code).toBe('auth.invalid_credentials');
  });

  test('the sessions table never holds the token itself', async () => {
    const res = await login({ login: 'demo.region', password: DEMO_PASSWORD }, {}, '10.0.4.1');
    const token = res.cookies[0]!.value;
    const { rows } = await t.db.query<{ n: number }>(
      `select count(*) as n from sessions where encode(token_hash, 'escape') like '%' || $1 || '%' or encode(token_hash, 'hex') = $1`,
      [token],
    );
    expect(rows[0]!.n).toBe(0);
  });
});

describe('sessions end', () => {
  test('sign-out revokes the session server-side', async () => {
    const cookie = await t.login('demo.district');
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('auth.required');
  });

  test('an idle session expires, and so does one past its absolute lifetime', async () => {
    const idle = await t.login('demo.ministry');
    await t.db.query(
      `update sessions set last_seen_at = now() - interval '3 hours' where account_id = (select id from accounts where login = 'demo.ministry')`,
    );
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: idle } })).statusCode).toBe(401);

    const old = await t.login('demo.guard');
    await t.db.query(`update sessions set expires_at = now() - interval '1 second' where account_id = (select id from accounts where login = 'demo.guard')`);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: old } })).statusCode).toBe(401);
  });

  test('sign-out needs a POST: no state changes through GET', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(404);
  });
});

describe('rate limits', () => {
  beforeEach(async () => {
    await t.db.query('delete from login_throttle');
    await t.db.query('delete from login_devices');
  });
  const failuresSince = async (id: number) => t.one<number>(`select count(*)::int from audit_events where id > $1 and action = 'auth.login_failed'`, [id]);
  const lastAudit = () => t.one<number>('select coalesce(max(id), 0)::int from audit_events');

  test('after 5 failures for one login from one address, even the right password from there gets 429; not from elsewhere', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await login({ login: 'demo.homeroom', password: `wrong-${i}` }, {}, '10.1.0.1')).statusCode).toBe(401);
    }
    const locked = await login({ login: 'demo.homeroom', password: DEMO_PASSWORD }, {}, '10.1.0.1');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().error.code).toBe('auth.too_many_attempts');
    expect(locked.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    // nobody is locked out by someone else: the person from their own address, another person from this one
    expect((await login({ login: 'demo.homeroom', password: DEMO_PASSWORD }, {}, '10.1.0.2')).statusCode).toBe(200);
    expect((await login({ login: 'demo.parent', password: DEMO_PASSWORD }, {}, '10.1.0.1')).statusCode).toBe(200);
  });

  test('40 parallel wrong passwords: at most 5 are checked; in 60 with the right one, at most 5 are checked', async () => {
    const before = await lastAudit();
    const all = await Promise.all(Array.from({ length: 40 }, (_, i) => login({ login: 'demo.homeroom', password: `wrong-${i}` }, {}, '10.6.0.1')));
    const codes = all.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(35);
    expect(await failuresSince(before)).toBe(5);

    const mixed = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login({ login: 'demo.teacher', password: i === 59 ? DEMO_PASSWORD : `wrong-${i}` }, {}, '10.6.0.2')),
    );
    expect(mixed.filter((r) => r.statusCode === 401 || r.statusCode === 200).length).toBeLessThanOrEqual(5);
    expect(mixed.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(55);
    expect((await login({ login: 'demo.teacher', password: DEMO_PASSWORD }, {}, '10.6.0.2')).statusCode).toBe(429);
  });

  test('a flooded account: its person still gets in on their own device; no answer shows which identifiers are one account', async () => {
    const pupil = await personOf('demo.pupil');
    const own = await login({ login: 'demo.pupil', password: DEMO_PASSWORD }, {}, '10.7.0.1');
    expect(own.statusCode).toBe(200);
    const device = own.cookies.find((c) => c.name === 'sabaq_device')!;
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    // 30 wrong passwords for the IIN from 30 addresses
    for (let i = 0; i < 30; i++) expect((await login({ login: pupil.iin, password: `wrong-${i}` }, {}, `10.7.1.${i}`)).statusCode).toBe(401);
    // past the soft limit a new browser gets the plain wrong-password answer, even with the right password (checks are rationed)
    const fresh = await login({ login: 'demo.pupil', password: DEMO_PASSWORD }, {}, '10.7.2.1');
    expect(fresh.statusCode).toBe(401);
    expect(fresh.json()).toEqual((await login({ login: 'no.such.person', password: 'x' }, {}, '10.7.2.2')).json());
    // the person's own browser gets in, from any address
    const back = await login({ login: 'demo.pupil', password: DEMO_PASSWORD }, { cookie: `sabaq_device=${device.value}` }, '10.7.2.3');
    expect(back.statusCode).toBe(200);

    // 5 wrong for the IIN from one address lock that IIN there, and only that: the login name from there is not locked
    for (let i = 0; i < 5; i++) await login({ login: pupil.iin, password: `again-${i}` }, {}, '10.7.3.1');
    expect((await login({ login: pupil.iin, password: 'x' }, {}, '10.7.3.1')).statusCode).toBe(429);
    const other = await login({ login: 'demo.pupil', password: 'x' }, {}, '10.7.3.1');
    expect(other.statusCode).toBe(401);
    expect(other.json()).toEqual(fresh.json());
  });

  test('one address trying many accounts is locked out', async () => {
    for (let i = 0; i < 12; i++) {
      expect((await login({ login: `guess-${i}`, password: 'x' }, {}, '10.3.0.1')).statusCode).toBe(401);
    }
    expect((await login({ login: 'demo.admin', password: DEMO_PASSWORD }, {}, '10.3.0.1')).statusCode).toBe(429);
    expect((await login({ login: 'demo.admin', password: DEMO_PASSWORD }, {}, '10.3.0.2')).statusCode).toBe(200);
  });

  test.each([['1'], ['10.8.0.1'], ['true']])('TRUST_PROXY=%s: the address is the one our proxy saw, never the left-most X-Forwarded-For', async (setting) => {
    const behind = await createTestApp({ env: { TRUST_PROXY: setting, LOGIN_MAX_FAILURES_PER_ADDRESS: '3' } });
    try {
      const at = (i: number) =>
        behind.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: `guess-${i}`, password: 'x' },
          remoteAddress: '10.8.0.1',
          headers: { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` },
        });
      for (let i = 0; i < 3; i++) expect((await at(i)).statusCode).toBe(401);
      // a fresh left-most value each time does not give a fresh budget
      expect((await at(99)).statusCode).toBe(429);
      const ips = await behind.db.query<{ ip: string }>(`select distinct host(ip) as ip from audit_events where action like 'auth.login%'`);
      expect(ips.rows.map((r) => r.ip)).toEqual(['198.51.100.7']);
    } finally {
      await behind.close();
    }
  });
});

describe('audit', () => {
  test('sign-ins, failures and sign-outs are audited without secrets', async () => {
    await t.db.query('delete from login_throttle');
    const before = (await t.db.query<{ n: number }>('select max(id) as n from audit_events')).rows[0]!.n ?? 0;
    await login({ login: 'demo.teacher', password: 'wrong-password-xyz' }, {}, '10.4.0.1');
    const cookie = await t.login('demo.teacher');
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    const { rows } = await t.db.query<{ action: string; details: unknown; account_id: number | null }>(
      'select action, details, account_id from audit_events where id > $1 order by id',
      [before],
    );
    expect(rows.map((r) => r.action)).toEqual(['auth.login_failed', 'auth.login', 'auth.logout']);
    expect(rows.every((r) => r.account_id !== null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('wrong-password-xyz');
    expect(JSON.stringify(rows)).not.toContain(DEMO_PASSWORD);
  });

  test('logs never contain passwords, tokens or session cookies', async () => {
    const res = await login({ login: 'demo.admin', password: DEMO_PASSWORD }, {}, '10.5.0.1');
    const token = res.cookies[0]!.value;
    await t.app.inject({ url: '/api/me', headers: { cookie: cookieHeader(res), authorization: 'Bearer abc-secret-xyz' } });
    await login({ login: 'demo.admin', password: 'a-secret-wrong-one' }, {}, '10.5.0.1');
    const all = logs.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(DEMO_PASSWORD);
    expect(all).not.toContain('a-secret-wrong-one');
    expect(all).not.toContain(token);
    expect(all).not.toContain('abc-secret-xyz');
  });
});

describe('CSRF', () => {
  test('a state-changing request from another site is refused; from our own page it passes', async () => {
    const cookie = await t.login('demo.pupil');
    const evil = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: 'https://evil.example' } });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('auth.csrf_rejected');
    const crossSite = await t.app.inject({ method: 'PATCH', url: '/api/me', payload: { language: 'en' }, headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    const own = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      payload: { language: 'en' },
      headers: { cookie, origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().language).toBe('en');
  });
});

describe('bad input', () => {
  test.each([
    ['malformed JSON', '{"login": "demo.pupil", ', 'request.malformed_json'],
    ['an unknown field', JSON.stringify({ login: 'demo.pupil', password: 'x', admin: true }), 'request.invalid'],
    ['a wrong type', JSON.stringify({ login: 42, password: 'x' }), 'request.invalid'],
    ['a missing field', JSON.stringify({ login: 'demo.pupil' }), 'request.invalid'],
    ['an overlong login', JSON.stringify({ login: 'x'.repeat(500), password: 'x' }), 'request.invalid'],
  ])('%s gets a 400 with a code and nothing is written', async (_name, payload, code) => {
    const before = (await t.db.query<{ n: number }>('select count(*) as n from sessions')).rows[0]!.n;
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toBeTruthy();
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect((await t.db.query<{ n: number }>('select count(*) as n from sessions')).rows[0]!.n).toBe(before);
  });

  test('PATCH /api/me refuses a language we do not speak', async () => {
    const cookie = await t.login('demo.parent');
    const res = await t.app.inject({ method: 'PATCH', url: '/api/me', payload: { language: 'de' }, headers: { cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
  });
});

describe('/api/me', () => {
  test('tells the person, roles with scopes and language; the language change is remembered', async () => {
    const cookie = await t.login('demo.parent');
    const me = (await t.app.inject({ url: '/api/me', headers: { cookie } })).json();
    expect(me.language).toBe('kk');
    expect(me.roles).toContainEqual(expect.objectContaining({ role: 'parent', scope: expect.objectContaining({ kind: 'children' }) }));
    await t.app.inject({ method: 'PATCH', url: '/api/me', payload: { language: 'ru' }, headers: { cookie } });
    const again = await t.login('demo.parent');
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: again } })).json().language).toBe('ru');
  });

  test("a parent's children are theirs and no one else's", async () => {
    const cookie = await t.login('demo.parent');
    const { children } = (await t.app.inject({ url: '/api/me/children', headers: { cookie } })).json();
    const { rows } = await t.db.query<{ child_id: number }>(
      `select child_id from parent_links where parent_id = (select person_id from accounts where login = 'demo.parent') order by child_id`,
    );
    expect(children.map((c: { id: number }) => c.id).sort()).toEqual(rows.map((r) => r.child_id).sort());
    expect(children.length).toBe(2);
    expect(children[0].classes.length).toBeGreaterThan(0);
    const teacher = await t.login('demo.teacher');
    expect((await t.app.inject({ url: '/api/me/children', headers: { cookie: teacher } })).json().children).toEqual([]);
  });
});

describe('my password and my sessions', () => {
  test('change my password: the current one is required; every other session ends, this one stays; the new one signs in', async () => {
    await t.db.query('delete from login_throttle');
    const here = await t.login('demo.guard');
    const elsewhere = await t.login('demo.guard');
    const change = (cookie: string, currentPassword: string, newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/me/password', payload: { currentPassword, newPassword }, headers: { cookie } });
    const wrong = await change(here, 'not-it', 'жаңа-құпия-сөз');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('auth.wrong_password');
    expect((await change(here, DEMO_PASSWORD, 'short')).statusCode).toBe(400);
    const ok = await change(here, DEMO_PASSWORD, 'жаңа-құпия-сөз');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().revokedSessions).toBeGreaterThanOrEqual(1);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: here } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: elsewhere } })).statusCode).toBe(401);
    expect((await login({ login: 'demo.guard', password: DEMO_PASSWORD }, {}, '10.9.0.1')).statusCode).toBe(401);
    expect((await login({ login: 'demo.guard', password: 'жаңа-құпия-сөз' }, {}, '10.9.0.1')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/me/password', payload: { currentPassword: 'a', newPassword: 'bbbbbbbb' } })).statusCode).toBe(401);
  });

  test('sign out everywhere ends every session of the account, and only of that account', async () => {
    const a = await t.login('demo.region');
    const b = await t.login('demo.region');
    const someoneElse = await t.login('demo.parent');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere', headers: { cookie: a } });
    expect(res.statusCode).toBe(204);
    for (const cookie of [a, b]) expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: someoneElse } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere' })).statusCode).toBe(401);
  });
});
