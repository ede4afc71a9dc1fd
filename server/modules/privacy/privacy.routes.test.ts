/** People's rights over their data, through the API on the demo dataset. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, type DemoIds } from '../learning/learning.fixtures.js';
import { LEARNING_DEMO } from '../learning/learning.seed.js';
import { hasConsent, recordConsent, withdrawConsent } from './privacy.usecases.js';
import { schoolRecordsUntil } from './privacy.rules.js';
import { CONTRIBUTORS } from './privacy.contributors.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie: cookies[who]! } });
const auditCount = (action: string, login: string) =>
  t.one<number>(`select count(*)::int from audit_events e join accounts a on a.id = e.account_id where e.action = $1 and a.login = $2`, [action, login]);

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const who of ['pupil', 'parent', 'teacher', 'homeroom', 'admin', 'district', 'ministry']) cookies[who] = await t.login(`demo.${who}`);
});
afterAll(async () => t?.close());

describe('export', () => {
  test("a parent's export holds them and each child, every module's part, never a password hash or session token", async () => {
    const res = await call('parent', 'GET', '/api/me/export?download=1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="sabaq-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.people.map((p: { personId: number; relation: string }) => [p.personId, p.relation])).toEqual(
      [
        [ids.parent, 'self'],
        [ids.pupil, 'child'],
        [ids.sibling, 'child'],
      ].sort((a, b) => (a[1] === 'self' ? -1 : b[1] === 'self' ? 1 : 0)),
    );
    const child = body.people.find((p: { personId: number }) => p.personId === ids.pupil);
    // every module that holds personal data has its part (a new module joins by registering its contributor)
    expect(Object.keys(child.modules).sort()).toEqual([...new Set(CONTRIBUTORS.map((c) => c.module))].sort());
    expect(Object.keys(child.modules)).toEqual(expect.arrayContaining(['identity', 'learning', 'access', 'supplies', 'training', 'notifications']));
    expect(child.modules.identity.persons[0].id).toBe(ids.pupil);
    const marks = await t.one<number>('select count(*)::int from marks where pupil_id = $1', [ids.pupil]);
    expect(child.modules.learning.marks).toHaveLength(marks);
    expect(marks).toBeGreaterThan(0);
    expect(res.body).not.toMatch(/password_hash|token_hash|\$argon2/);
    expect(await auditCount('privacy.export', 'demo.parent')).toBe(1);
  });

  test("a pupil's export is theirs alone", async () => {
    const body = (await call('pupil', 'GET', '/api/me/export')).json();
    expect(body.people.map((p: { personId: number }) => p.personId)).toEqual([ids.pupil]);
  });
});

describe('consent', () => {
  test('a parent consents for a child and withdraws it; the use case other modules call follows', async () => {
    expect(await hasConsent(t.db, ids.pupil, 'health_status_for_access')).toBe(false);
    const given = await call('parent', 'POST', '/api/me/consents', { personId: ids.pupil, purpose: 'health_status_for_access' });
    expect(given.statusCode).toBe(201);
    expect(given.json()).toMatchObject({ person: { id: ids.pupil }, givenBy: { id: ids.parent }, purpose: 'health_status_for_access', withdrawnAt: null });
    expect(await hasConsent(t.db, ids.pupil, 'health_status_for_access')).toBe(true);
    expect((await call('parent', 'POST', '/api/me/consents', { personId: ids.pupil, purpose: 'health_status_for_access' })).json().error.code).toBe(
      'privacy.consent_exists',
    );
    // the pupil sees it too
    expect((await call('pupil', 'GET', '/api/me/consents')).json().items.map((c: { id: number }) => c.id)).toContain(given.json().id);
    const withdrawn = await call('pupil', 'POST', `/api/me/consents/${given.json().id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().withdrawnAt).not.toBeNull();
    expect(await hasConsent(t.db, ids.pupil, 'health_status_for_access')).toBe(false);
    expect((await call('pupil', 'POST', `/api/me/consents/${given.json().id}/withdraw`)).statusCode).toBe(409);
    // a new consent after a withdrawal is a new row: the history stays
    const again = await recordConsent(t.db, { personId: ids.pupil, purpose: 'health_status_for_access', givenBy: ids.parent, now: new Date() });
    expect(again).toMatchObject({ created: true });
    expect(again.id).not.toBe(given.json().id);
    expect(await withdrawConsent(t.db, { personId: ids.pupil, purpose: 'health_status_for_access', by: ids.parent, now: new Date() })).toBe(true);
    expect(await withdrawConsent(t.db, { personId: ids.pupil, purpose: 'health_status_for_access', by: ids.parent, now: new Date() })).toBe(false);
  });

  test("nobody consents for someone else's child; an unknown purpose is refused", async () => {
    expect((await call('teacher', 'POST', '/api/me/consents', { personId: ids.pupil, purpose: 'health_status_for_access' })).json().error.code).toBe(
      'privacy.person_not_found',
    );
    expect((await call('parent', 'POST', '/api/me/consents', { personId: ids.pupil, purpose: 'marketing' })).statusCode).toBe(400);
  });
});

describe('erasure', () => {
  test('the parent asks for the younger child; the school admin approves; notifications go, marks stay until the end of retention; the parent reads the outcome', async () => {
    await t.db.query(`insert into notifications (person_id, kind, params) values ($1, 'formats.format_changed', '{}')`, [ids.sibling]);
    const marksBefore = await t.one<number>('select count(*)::int from marks where pupil_id = $1', [ids.sibling]);
    const asked = await call('parent', 'POST', '/api/me/erasure-requests', { personId: ids.sibling, reason: 'Біз көшіп кетеміз' });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'pending', organisationId: ids.cityId, person: { id: ids.sibling } });
    expect((await call('parent', 'POST', '/api/me/erasure-requests', { personId: ids.sibling })).json().error.code).toBe('privacy.request_pending');
    const list = await call('admin', 'GET', `/api/privacy/organisations/${ids.cityId}/erasure-requests?status=pending`);
    expect(list.json().items.map((r: { id: number }) => r.id)).toEqual([asked.json().id]);
    expect(list.json().retentionYears).toBe(5);
    // another school's admin, a district officer and the teacher cannot decide it
    for (const who of ['teacher', 'district', 'ministry']) {
      expect((await call(who, 'POST', `/api/privacy/erasure-requests/${asked.json().id}/decide`, { decision: 'approve', note: 'ok ok' })).statusCode, who).toBe(
        404,
      );
    }
    const decided = await call('admin', 'POST', `/api/privacy/erasure-requests/${asked.json().id}/decide`, {
      decision: 'approve',
      note: 'Сақтау мерзімі бойынша',
    });
    expect(decided.statusCode).toBe(200);
    const outcome = decided.json().outcome as { module: string; action: string; count: number; keptUntil: string | null }[];
    expect(outcome).toContainEqual(expect.objectContaining({ module: 'notifications', action: 'deleted', count: 1 }));
    expect(outcome).toContainEqual(expect.objectContaining({ module: 'learning', action: 'kept', keptUntil: '2026-05-25' }));
    expect(await t.one<number>('select count(*)::int from notifications where person_id = $1', [ids.sibling])).toBe(0);
    expect(await t.one<number>('select count(*)::int from marks where pupil_id = $1', [ids.sibling])).toBe(marksBefore);
    expect(await t.one<number>('select count(*)::int from role_assignments where person_id = $1', [ids.sibling])).toBe(0);
    // the parent sees the outcome, and is told
    const mine = (await call('parent', 'GET', '/api/me/erasure-requests')).json().items[0];
    expect(mine).toMatchObject({ id: asked.json().id, status: 'done', decisionNote: 'Сақтау мерзімі бойынша' });
    expect((await call('parent', 'GET', '/api/notifications')).json().items.some((n: { kind: string }) => n.kind === 'privacy.erasure_decided')).toBe(true);
    expect(
      (await call('admin', 'POST', `/api/privacy/erasure-requests/${asked.json().id}/decide`, { decision: 'refuse', note: 'again' })).json().error.code,
    ).toBe('privacy.request_decided');
  });

  test('a refusal needs a note and changes nothing', async () => {
    const asked = (await call('teacher', 'POST', '/api/me/erasure-requests', { personId: ids.teacher })).json();
    expect((await call('admin', 'POST', `/api/privacy/erasure-requests/${asked.id}/decide`, { decision: 'refuse' })).statusCode).toBe(400);
    const refused = await call('admin', 'POST', `/api/privacy/erasure-requests/${asked.id}/decide`, { decision: 'refuse', note: 'Еңбек шарты әлі күшінде' });
    expect(refused.json()).toMatchObject({ status: 'refused', outcome: null });
    expect(await t.one<number>('select count(*)::int from role_assignments where person_id = $1', [ids.teacher])).toBeGreaterThan(0);
  });

  test('nobody asks for someone else', async () => {
    expect((await call('teacher', 'POST', '/api/me/erasure-requests', { personId: ids.pupil })).json().error.code).toBe('privacy.person_not_found');
  });

  test('retention: the end of the last school year plus the years, 29 February safe', () => {
    expect(schoolRecordsUntil('2021-05-31', '2020-12-09', 5)).toBe('2026-05-31');
    expect(schoolRecordsUntil(null, '2024-02-29', 1)).toBe('2025-02-28');
    expect(schoolRecordsUntil('2019-05-31', '2020-12-09', 0)).toBe('2019-05-31');
  });
});

describe('audit of sensitive reads', () => {
  test("the admin reading a pupil's diary or a class journal is logged; the homeroom teacher and the parent are not", async () => {
    const before = await auditCount('privacy.sensitive_read', 'demo.admin');
    expect((await call('admin', 'GET', `/api/learning/pupils/${ids.pupil}/diary`)).statusCode).toBe(200);
    expect((await call('admin', 'GET', `/api/learning/journal?classId=${ids.class5a}&subjectId=${ids.math}`)).statusCode).toBe(200);
    expect((await call('admin', 'GET', `/api/classes/${ids.class6b}`)).statusCode).toBe(200);
    expect(await auditCount('privacy.sensitive_read', 'demo.admin')).toBe(before + 3);
    const { rows } = await t.db.query<{ details: { route: string; subject: string; subjectId: number } }>(
      `select details from audit_events e join accounts a on a.id = e.account_id where a.login = 'demo.admin' and action = 'privacy.sensitive_read' order by e.id`,
    );
    expect(rows.map((r) => r.details)).toContainEqual({ route: 'GET /api/learning/pupils/:id/diary', subject: 'pupil', subjectId: ids.pupil });
    for (const who of ['homeroom', 'parent', 'pupil']) {
      expect((await call(who, 'GET', `/api/learning/pupils/${ids.pupil}/diary`)).statusCode).toBe(200);
      expect(await auditCount('privacy.sensitive_read', `demo.${who}`), who).toBe(0);
    }
    // a refused read is not a read
    expect((await call('teacher', 'GET', `/api/learning/pupils/${ids.pupil}/diary`)).statusCode).toBe(404);
    expect(await auditCount('privacy.sensitive_read', 'demo.teacher')).toBe(0);
  });
});
