import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';

/*
 * Issue 7 §2: an admin re-issues an activation code for a person of their organisation who lost it;
 * the old password and the old code die, every session of that person ends; nobody outside gets one.
 */
let t: TestApp;
let admin: string;
let city: number;
let pupil: { id: number; iin: string; login: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('demo.admin');
  city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
  const { rows } = await t.db.query<{ id: number; iin: string }>(
    `select p.id, p.iin from role_assignments r join persons p on p.id = r.person_id join accounts a on a.person_id = p.id
      where r.organisation_id = $1 and r.role = 'pupil' and (a.login is null or a.login not like 'demo.%')
        and not exists (select 1 from role_assignments x where x.person_id = p.id and x.organisation_id is distinct from $1)
      order by p.id limit 1`,
    [city],
  );
  pupil = { ...rows[0]!, login: rows[0]!.iin };
});
afterAll(async () => t.close());

const reissue = (org: number, personId: number, cookie = admin) =>
  t.app.inject({ method: 'POST', url: `/api/organisations/${org}/people/${personId}/activation-code`, headers: { cookie } });
const activate = (code: string, password: string) => t.app.inject({ method: 'POST', url: '/api/activation', payload: { iin: pupil.iin, code, password } });
const signIn = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: pupil.iin, password } });

describe('re-issue an activation code', () => {
  test('the old password and the old code die, sessions end, the new code activates once', async () => {
    const session = await t.login(pupil.login);
    const first = await reissue(city, pupil.id);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toContain('no-store');
    const { code: code1 } = first.json();
    expect(first.json()).toMatchObject({ personId: pupil.id, code: expect.any(String), expiresAt: expect.any(String) });
    // the session ended and the old password no longer signs in
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: session } })).statusCode).toBe(401);
    expect((await signIn('sabaq-demo')).statusCode).toBe(401);
    // a second code kills the first
    const { code: code2 } = (await reissue(city, pupil.id)).json();
    expect(code2).not.toBe(code1);
    expect((await activate(code1, 'a-new-password-1')).statusCode).toBe(400);
    expect((await activate(code2, 'a-new-password-2')).statusCode).toBe(204);
    expect((await signIn('a-new-password-2')).statusCode).toBe(200);
    // used once
    expect((await activate(code2, 'a-new-password-3')).statusCode).toBe(400);
    const audited = await t.one<number>(
      `select count(*)::int from audit_events where action = 'onboarding.activation_reissued' and (details->>'personId')::bigint = $1`,
      [pupil.id],
    );
    expect(audited).toBe(2);
  });

  test("nobody outside the organisation gets a code: another school's pupil, a person another organisation also holds, another admin", async () => {
    const otherPupil = await t.one<number>(
      `select r.person_id from role_assignments r where r.role = 'pupil' and r.organisation_id <> $1 order by r.person_id limit 1`,
      [city],
    );
    expect((await reissue(city, otherPupil)).json().error.code).toBe('onboarding.person_not_found');
    // a pupil here who is also a parent at another organisation: that organisation holds records of them too
    const otherOrg = await t.one<number>('select organisation_id from role_assignments where person_id = $1 and organisation_id is not null limit 1', [
      otherPupil,
    ]);
    const shared = await t.one<number>(
      `select r.person_id from role_assignments r where r.organisation_id = $1 and r.role = 'pupil' and r.person_id <> $2
      and not exists (select 1 from role_assignments x where x.person_id = r.person_id and x.organisation_id is distinct from $1) order by r.person_id limit 1`,
      [city, pupil.id],
    );
    expect((await reissue(city, shared)).statusCode).toBe(200);
    await t.db.query(`insert into role_assignments (person_id, role, organisation_id) values ($1, 'parent', $2)`, [shared, otherOrg]);
    expect((await reissue(city, shared)).json().error.code).toBe('onboarding.person_not_found');
    expect((await reissue(city, pupil.id, await t.login('demo.teacher'))).statusCode).toBe(404);
    expect((await reissue(city, pupil.id, await t.login('demo.district'))).statusCode).toBe(404);
  });
});
