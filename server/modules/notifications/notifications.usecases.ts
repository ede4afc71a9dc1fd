import type { Queryable } from '../../platform/db.js';
import { insertNotifications, type NewNotification } from './notifications.repository.js';

export type { NewNotification } from './notifications.repository.js';

/**
 * The one way another module notifies people: rows are written in the caller's transaction (pass
 * the transaction's client as `db`), so a notification exists exactly when the change it reports does.
 */
export async function notify(db: Queryable, rows: NewNotification[], now: Date): Promise<number> {
  return insertNotifications(db, rows, now);
}
