/**
 * The notifications' authorisation matrix as data (run by notifications.matrix.test.ts): a
 * notification is its addressee's alone. Inside: one of demo.parent's; outside: one of a person of
 * another region's school.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  notification: number;
}

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/notifications', request: () => '/api/notifications', inside: all(200), outside: false, missing: false },
  { route: 'POST /api/notifications/:id/read', request: (o) => `/api/notifications/${o.notification}/read`, inside: only({ parent: 204 }) },
  { route: 'POST /api/notifications/read-all', request: () => '/api/notifications/read-all', inside: all(200), outside: false, missing: false },
  // one's own choices: everyone has them, nobody reaches another's
  { route: 'GET /api/notifications/preferences', request: () => '/api/notifications/preferences', inside: all(200), outside: false, missing: false },
  {
    route: 'PUT /api/notifications/preferences',
    request: () => ({ url: '/api/notifications/preferences', payload: { items: [{ kind: 'message', channel: 'in_app', enabled: true }] } }),
    inside: all(200),
    outside: false,
    missing: false,
  },
  // the country's SMS outbox is the ministry operator's
  {
    route: 'GET /api/notifications/sms-outbox',
    request: () => '/api/notifications/sms-outbox',
    inside: only({ ministry: 200 }),
    outside: false,
    missing: false,
  },
];

export const matrix: Matrix<Objects> = {
  module: 'notifications',
  endpoints,
  async objects(t) {
    const notify = (personSql: string) =>
      t.one<number>(`insert into notifications (person_id, kind, params) values ((${personSql}), 'formats.format_changed', '{}') returning id`);
    const inside = await notify("select person_id from accounts where login = 'demo.parent'");
    const outside = await notify(`select m.pupil_id from class_members m join classes c on c.id = m.class_id join organisations o on o.id = c.organisation_id
      where o.region_id <> (select region_id from organisations where name_en = 'Kaskelen Secondary School No. 1') order by m.pupil_id limit 1`);
    return { inside: { notification: inside }, outside: { notification: outside }, missing: { notification: 99_999_999 } };
  },
};
