import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request bookkeeping that travels with async calls: the number of SQL queries sent. */
export interface RequestContext {
  queries: number;
  /** when this client last wrote (ms, from the `sabaq_rw` cookie): its heavy reads must see that write */
  wroteAt?: number;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function countQuery(): void {
  const ctx = requestContext.getStore();
  if (ctx) ctx.queries += 1;
}
