/**
 * The messages' authorisation matrix as data (run by messages.matrix.test.ts). Inside: demo.pupil (a
 * child of demo.parent, in 5 А where demo.teacher teaches and demo.homeroom leads), a conversation
 * between demo.parent and demo.homeroom about demo.pupil, the city school; outside: a pupil, a
 * conversation and the school of another region. A conversation is its participants' alone.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  pupil: number;
  recipient: number;
  thread: number;
  org: number;
}
const N = 404;
const own = { outside: false, missing: false } as const;

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/messages/threads', request: () => '/api/messages/threads', inside: all(200), ...own },
  { route: 'GET /api/messages/announcements', request: () => '/api/messages/announcements', inside: all(200), ...own },
  {
    route: 'GET /api/messages/contacts',
    request: (o) => `/api/messages/contacts?pupilId=${o.pupil}`,
    inside: only({ parent: 200, teacher: 200, homeroom: 200 }),
  },
  {
    // a parent writes to the homeroom teacher; the teachers may write only to the child's parents (422)
    route: 'POST /api/messages/threads',
    request: (o) => ({ url: '/api/messages/threads', payload: { pupilId: o.pupil, recipientId: o.recipient, subject: 'Матрица', body: 'Сәлеметсіз бе' } }),
    inside: only({ parent: 201, teacher: 422, homeroom: 422 }),
  },
  { route: 'GET /api/messages/threads/:id', request: (o) => `/api/messages/threads/${o.thread}`, inside: only({ parent: 200, homeroom: 200 }) },
  {
    route: 'POST /api/messages/threads/:id/messages',
    request: (o) => ({ url: `/api/messages/threads/${o.thread}/messages`, payload: { body: 'Рахмет' } }),
    inside: only({ parent: 201, homeroom: 201 }),
  },
  {
    route: 'POST /api/messages/organisations/:id/announcements',
    request: (o) => ({ url: `/api/messages/organisations/${o.org}/announcements`, payload: { title: 'Матрица', body: 'Хабарландыру' } }),
    inside: [403, 403, 403, 403, 201, N, N, N, N],
  },
];

export const matrix: Matrix<Objects> = {
  module: 'messages',
  endpoints,
  async objects(t) {
    const person = (login: string) => t.one<number>('select person_id from accounts where login = $1', [login]);
    const [pupil, parent, homeroom] = [await person('demo.pupil'), await person('demo.parent'), await person('demo.homeroom')];
    const org = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const thread = async (orgId: number, pupilId: number, a: number, b: number) => {
      const id = await t.one<number>(
        `insert into message_threads (organisation_id, pupil_id, subject, created_by) values ($1, $2, 'Матрица', $3) returning id`,
        [orgId, pupilId, a],
      );
      await t.db.query('insert into message_participants (thread_id, person_id) values ($1, $2), ($1, $3)', [id, a, b]);
      await t.db.query(`insert into messages (thread_id, author_id, body) values ($1, $2, 'Сәлеметсіз бе')`, [id, a]);
      return id;
    };
    const other = await t.db.query<{ pupil_id: number; org: number; parent_id: number; teacher: number }>(
      `select m.pupil_id, c.organisation_id as org, l.parent_id, t.teacher_id as teacher from class_members m join classes c on c.id = m.class_id
         join organisations o on o.id = c.organisation_id join parent_links l on l.child_id = m.pupil_id join teaching_assignments t on t.class_id = c.id
        where o.region_id <> (select region_id from organisations where id = $1) order by m.pupil_id limit 1`,
      [org],
    );
    const o = other.rows[0]!;
    return {
      inside: { pupil, recipient: homeroom, thread: await thread(org, pupil, parent, homeroom), org },
      outside: { pupil: o.pupil_id, recipient: o.teacher, thread: await thread(o.org, o.pupil_id, o.parent_id, o.teacher), org: o.org },
      missing: { pupil: 99_999_999, recipient: homeroom, thread: 99_999_999, org: 99_999 },
    };
  },
};
