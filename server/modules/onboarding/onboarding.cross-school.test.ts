import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import type { ImportReport } from '../../../contracts/onboarding.js';
import { csv, validIin } from './onboarding.fixtures.js';

/*
 * The four attacks of issue 7 §1, reproduced as demo.admin (Kaskelen city school) on the demo data:
 * an import never gives the importing organisation access to a person whose records belong to another.
 */
let t: TestApp;
let admin: string;
let schoolId: number;
let other: { id: number; iin: string; last_name: string; first_name: string; middle_name: string | null; org: number };

const PEOPLE = ['iin', 'last_name', 'first_name', 'middle_name', 'phone', 'email', 'role', 'class'];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('demo.admin');
  schoolId = await t.one<number>(`select r.organisation_id from role_assignments r join accounts a on a.person_id = r.person_id
    where a.login = 'demo.admin' and r.role = 'org_admin'`);
  // a pupil of another school, in a class this year, with marks
  const { rows } = await t.db.query<typeof other>(
    `select p.id, p.iin, p.last_name, p.first_name, p.middle_name, c.organisation_id as org
       from class_members m join classes c on c.id = m.class_id join academic_years y on y.id = c.academic_year_id and y.is_current
       join persons p on p.id = m.pupil_id
      where c.organisation_id <> $1 and exists (select 1 from marks k where k.pupil_id = p.id)
      order by p.id limit 1`,
    [schoolId],
  );
  other = rows[0]!;
  expect(other).toBeDefined();
});
afterAll(async () => t.close());

function upload(kind: string, file: Buffer, dryRun: boolean) {
  const boundary = `----sabaq${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  return t.app.inject({
    method: 'POST',
    url: `/api/organisations/${schoolId}/imports?kind=${kind}&dryRun=${dryRun}`,
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: admin },
  });
}

const codes = (r: ImportReport) => r.errors.map((e) => [e.line, e.column, e.code]);

describe("issue 7 §1: an import cannot take another school's person", () => {
  test('a pupil of another school, imported with the exact name as a pupil here, is refused and stays unreadable', async () => {
    const res = await upload('people', csv([PEOPLE, [other.iin, other.last_name, other.first_name, other.middle_name ?? '', '', '', 'pupil', '1 А']]), false);
    expect(res.statusCode).toBe(422);
    expect(codes(res.json())).toEqual([[2, 'iin', 'onboarding.registered_elsewhere']]);
    const roles = await t.one<number>('select count(*)::int from role_assignments where person_id = $1 and organisation_id = $2', [other.id, schoolId]);
    expect(roles).toBe(0);
    for (const url of [`/api/learning/pupils/${other.id}/summary`, `/api/learning/pupils/${other.id}/diary`]) {
      expect((await t.app.inject({ url, headers: { cookie: admin } })).statusCode).toBe(404);
    }
  });

  test("a guardian link to another school's child is refused; so is one to a child a second school also holds", async () => {
    const guardIin = await t.one<string>(`select p.iin from accounts a join persons p on p.id = a.person_id where a.login = 'demo.guard'`);
    const res = await upload(
      'parent_links',
      csv([
        ['parent_iin', 'child_iin', 'relation'],
        [guardIin, other.iin, 'guardian'],
      ]),
      false,
    );
    expect(res.statusCode).toBe(422);
    expect(codes(res.json())).toEqual([[2, 'child_iin', 'onboarding.unknown_person']]);
    const guard = await t.login('demo.guard');
    expect((await t.app.inject({ url: '/api/me/children', headers: { cookie: guard } })).json().children).toEqual([]);

    // data written before the fix: the child is a pupil here and there; no new link may be hidden from the other school
    const classHere = await t.one<number>(
      `select c.id from classes c join academic_years y on y.id = c.academic_year_id and y.is_current
      where c.organisation_id = $1 and c.name = '1 А'`,
      [schoolId],
    );
    await t.db.transaction(async (tx) => {
      await tx.query(`insert into role_assignments (person_id, role, organisation_id) values ($1, 'pupil', $2)`, [other.id, schoolId]);
      await tx.query('insert into class_members (class_id, pupil_id) values ($1, $2)', [classHere, other.id]);
    });
    try {
      const again = await upload(
        'parent_links',
        csv([
          ['parent_iin', 'child_iin', 'relation'],
          [guardIin, other.iin, 'guardian'],
        ]),
        false,
      );
      expect(codes(again.json())).toEqual([[2, 'child_iin', 'onboarding.unknown_person']]);
    } finally {
      await t.db.query('delete from class_members where class_id = $1 and pupil_id = $2', [classHere, other.id]);
      await t.db.query(`delete from role_assignments where person_id = $1 and organisation_id = $2`, [other.id, schoolId]);
    }
  });

  test('a person of another organisation with no account gets no activation code from this import', async () => {
    // a kindergarten child (or anyone) of another organisation who has no account yet
    const iin = validIin('2016-03-04', 'f', 9800);
    const personId = await t.one<number>(
      `insert into persons (iin, last_name, first_name, birth_date, sex) values ($1, 'Балаева', 'Әйгерім', '2016-03-04', 'f') returning id`,
      [iin],
    );
    await t.db.query(`insert into role_assignments (person_id, role, organisation_id) values ($1, 'pupil', $2)`, [personId, other.org]);
    const res = await upload('people', csv([PEOPLE, [iin, 'Балаева', 'Әйгерім', '', '', '', 'parent', '']]), false);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ activationCodes: [], errors: [expect.objectContaining({ code: 'onboarding.registered_elsewhere' })] });
    expect(await t.one<number>('select count(*)::int from accounts where person_id = $1', [personId])).toBe(0);

    // nor through a parent link first (which gives the parent role here) and a people file after it
    const pupilHere = await t.one<string>(
      `select p.iin from persons p join role_assignments r on r.person_id = p.id
      where r.organisation_id = $1 and r.role = 'pupil' and not exists (select 1 from role_assignments x where x.person_id = p.id and x.organisation_id <> $1)
      order by p.id limit 1`,
      [schoolId],
    );
    expect(
      (
        await upload(
          'parent_links',
          csv([
            ['parent_iin', 'child_iin'],
            [iin, pupilHere],
          ]),
          false,
        )
      ).statusCode,
    ).toBe(200);
    const linked = await upload('people', csv([PEOPLE, [iin, 'Балаева', 'Әйгерім', '', '', '', 'parent', '']]), false);
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ activationCodes: [], created: { accounts: 0 } });
    expect(await t.one<number>('select count(*)::int from accounts where person_id = $1', [personId])).toBe(0);
  });

  test("the dry run gives the same answer for another organisation's IIN whatever the name: no IIN-name oracle", async () => {
    const right = await upload('people', csv([PEOPLE, [other.iin, other.last_name, other.first_name, '', '', '', 'pupil', '1 А']]), true);
    const wrong = await upload('people', csv([PEOPLE, [other.iin, 'Дұрысемес', 'Атау', '', '', '', 'pupil', '1 А']]), true);
    expect(right.statusCode).toBe(200);
    expect(right.json().errors).toEqual(wrong.json().errors);
    expect(right.json().errors[0].code).toBe('onboarding.registered_elsewhere');
  });

  test('every person an import creates, gives a role, places or links is audited by id with who did it', async () => {
    const adminAccount = await t.one<number>(`select id from accounts where login = 'demo.admin'`);
    const pupil = validIin('2013-05-06', 'm', 9810);
    const mother = validIin('1985-07-08', 'f', 9810);
    const res = await upload(
      'people',
      csv([PEOPLE, [pupil, 'Аудитов', 'Ерлан', '', '', '', 'pupil', '1 А'], [mother, 'Аудитова', 'Сая', '', '', '', 'parent', '']]),
      false,
    );
    expect(res.statusCode).toBe(200);
    const links = await upload(
      'parent_links',
      csv([
        ['parent_iin', 'child_iin', 'relation'],
        [mother, pupil, 'mother'],
      ]),
      false,
    );
    expect(links.statusCode).toBe(200);
    const ids = await t.db.query<{ id: number }>('select id from persons where iin = any($1) order by iin', [[pupil, mother]]);
    const { rows } = await t.db.query<{ action: string; account_id: number; person_id: string; details: Record<string, unknown> }>(
      `select action, account_id, details->>'personId' as person_id, details from audit_events
        where action like 'onboarding.%' and details->>'personId' = any($1::text[]) order by id`,
      [ids.rows.map((r) => String(r.id))],
    );
    expect(rows.every((r) => r.account_id === adminAccount)).toBe(true);
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === 'onboarding.person_created')).toHaveLength(2);
    expect(actions).toContain('onboarding.class_joined');
    expect(actions).toContain('onboarding.activation_issued');
    expect(rows.find((r) => r.action === 'onboarding.parent_linked')!.details).toMatchObject({ organisationId: schoolId });
    // ids only: never names or IINs
    expect(JSON.stringify(rows)).not.toMatch(/Аудит|\d{12}/);
  });
});
