import pg from 'pg';

/**
 * The process's one LISTEN connection (decision 0026): a plain client of its own, outside the pool,
 * on a URL that reaches PostgreSQL directly (DATABASE_LISTEN_URL; DATABASE_URL when no transaction
 * pooler stands in front). Writers send NOTIFY from triggers in the same transaction as the write,
 * so a notification exists exactly when the change is committed.
 *
 * While it is not listening (not yet connected, connection lost, no URL) `listening` is false and the
 * caches that depend on it must not serve from memory. Every (re)connection calls the `reset`
 * subscribers first: what was cached while notifications could have been missed is dropped.
 */
export interface ChangeFeed {
  readonly listening: boolean;
  /** A handler for one channel's payloads. */
  on(channel: string, handler: (payload: string) => void): void;
  /** Called on every (re)connection and on every loss of the connection: drop everything cached. */
  onReset(handler: () => void): void;
  /**
   * Resolves once every notification committed before the call has been handled (a round trip on the
   * listening connection: PostgreSQL sends pending notifications before the answer). Tests use it.
   */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const CHANNELS = ['sabaq_class_day', 'sabaq_sessions'] as const;

/** No listener: nothing is ever listening, caches that need one stay off. */
export function noChangeFeed(): ChangeFeed {
  return {
    listening: false,
    on() {},
    onReset() {},
    async sync() {},
    async close() {},
  };
}

export function createChangeFeed(url: string, opts: { log?: (line: string) => void; retryMs?: number } = {}): ChangeFeed {
  const handlers = new Map<string, ((payload: string) => void)[]>();
  const resets: (() => void)[] = [];
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  const log = opts.log ?? (() => {});

  const reset = () => {
    for (const h of resets) h();
  };

  const lost = (why: string) => {
    if (!listening && client === null) return;
    const wasListening = listening;
    listening = false;
    const c = client;
    client = null;
    c?.removeAllListeners('notification');
    c?.end().catch(() => {});
    reset();
    if (wasListening) log(`Change feed: lost the LISTEN connection (${why}); caches off until it is back.`);
    schedule();
  };

  const schedule = () => {
    if (closed || timer) return;
    const wait = Math.min(5000, (opts.retryMs ?? 250) * 2 ** Math.min(failures, 5));
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, wait);
    timer.unref();
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5000, application_name: 'sabaq-listen' });
    c.on('error', (err) => {
      if (client === c) lost(err.message);
    });
    c.on('end', () => {
      if (client === c) lost('connection ended');
    });
    c.on('notification', (n) => {
      for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
    });
    try {
      await c.connect();
      for (const ch of CHANNELS) await c.query(`LISTEN ${ch}`);
    } catch (err) {
      failures++;
      c.end().catch(() => {});
      if (failures === 1) log(`Change feed: cannot LISTEN (${err instanceof Error ? err.message : String(err)}); caches off, retrying.`);
      schedule();
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    // everything cached before this moment may have missed a notification
    reset();
    client = c;
    listening = true;
    if (failures > 0) log('Change feed: listening again; caches on.');
    failures = 0;
  };

  const ready = connect();

  return {
    get listening() {
      return listening;
    },
    on(channel, handler) {
      handlers.set(channel, [...(handlers.get(channel) ?? []), handler]);
    },
    onReset(handler) {
      resets.push(handler);
    },
    async sync() {
      await ready;
      if (client) await client.query('select 1');
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await ready.catch(() => {});
      listening = false;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
