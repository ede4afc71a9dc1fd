/**
 * The file store's authorisation matrix as data (run by files.matrix.test.ts). Inside: a PDF
 * demo.teacher attached to a 5 А lesson (downloads) and a PDF demo.pupil uploaded and never attached
 * (deletion: its uploader only); outside: a file of a teacher of another region's school attached to
 * their lesson; missing: a random id.
 */
import { randomUUID } from 'node:crypto';
import { only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';
import { demoIds, lessonNear } from '../learning/learning.fixtures.js';
import { LEARNING_DEMO } from '../learning/learning.seed.js';
import { multipart, SAMPLES } from './files.test-support.js';

interface Objects {
  attached: string;
  loose: string;
}

const endpoints: MatrixEndpoint<Objects>[] = [
  {
    route: 'POST /api/files',
    request: () => {
      const b = multipart('конспект.pdf', SAMPLES.pdf);
      return { url: '/api/files', payload: b.payload, headers: b.headers };
    },
    inside: [201, 201, 201, 201, 201, 403, 403, 403, 403],
    outside: false,
    missing: false,
  },
  {
    route: 'GET /api/files/:id',
    request: (o) => `/api/files/${o.attached}`,
    inside: only({ pupil: 200, parent: 200, teacher: 200, homeroom: 200, admin: 200 }),
  },
  { route: 'DELETE /api/files/:id', name: 'an unattached upload', request: (o) => `/api/files/${o.loose}`, inside: only({ pupil: 204 }) },
];

export const matrix: Matrix<Objects> = {
  module: 'files',
  env: { LEARNING_TODAY: LEARNING_DEMO.now },
  endpoints,
  async objects(t) {
    const ids = await demoIds(t.db);
    const upload = async (login: string) => {
      const b = multipart('матрица.pdf', SAMPLES.pdf);
      const res = await t.app.inject({ method: 'POST', url: '/api/files', payload: b.payload, headers: { ...b.headers, cookie: await t.login(login) } });
      if (res.statusCode !== 201) throw new Error(`files matrix fixture: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    const attach = async (lessonId: number, fileId: string) =>
      t.db.query(`insert into lesson_materials (lesson_id, kind, file_id, title) values ($1, 'file', $2, 'Матрица')`, [lessonId, fileId]);
    const attached = await upload('demo.teacher');
    await attach((await lessonNear(t.db, ids.class5a, ids.math, LEARNING_DEMO.today, 'before')).id, attached);
    const loose = await upload('demo.pupil');
    // outside: a row of another school's teacher (its bytes are never read: the answer is 404 before)
    const classOut = await t.one<number>(`select id from classes where organisation_id = $1 and name = '5 А'`, [ids.otherRegionSchoolId]);
    const lessonOut = await lessonNear(t.db, classOut, ids.math, LEARNING_DEMO.today, 'before');
    const outside = randomUUID();
    await t.db.query(
      `insert into files (id, owner_id, storage_key, name, content_type, size_bytes, sha256)
      select $1::uuid, teacher_id, 'matrix/' || $1::text, 'other.pdf', 'application/pdf', 10, '\\x00' from lessons where id = $2`,
      [outside, lessonOut.id],
    );
    await attach(lessonOut.id, outside);
    return { inside: { attached, loose }, outside: { attached: outside, loose: outside }, missing: { attached: randomUUID(), loose: randomUUID() } };
  },
};
