import type { Queryable, Row } from '../../platform/db.js';
import { preparedQuery } from '../../platform/db.js';

/** The e-journal's screen reads as named prepared statements (see `preparedQuery`). */
export function prepared<R extends Row>(db: Queryable, name: string, text: string, params: unknown[]): Promise<{ rows: R[] }> {
  return preparedQuery<R>(db, `learning.${name}`, text, params);
}
