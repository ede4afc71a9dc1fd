import type { ChangeFeed } from '../../platform/listener.js';
import type { Actor } from './identity.actor.js';

export type CachedActor = Actor & { lastSeenAt: Date; expiresAt: Date };

/**
 * The session lookup, kept for a few seconds per process (decision 0026). Signing out, signing out
 * everywhere, a new password, a disabled account, a new language and any change of grants, children
 * or classes send NOTIFY sabaq_sessions from the writing transaction (triggers, migration 1000); every
 * process drops the entries concerned when it arrives. Without a listening connection nothing is
 * cached (each request reads the session as before): a revocation must never wait for a TTL.
 *
 * A lookup that was under way when a notification arrived is not kept (its answer may predate the
 * change): `epoch` counts notifications and resets.
 */
export interface SessionCache {
  get(key: string): CachedActor | null;
  /** The epoch to pass to `set`, read before the lookup starts. */
  epoch(): number;
  set(key: string, actor: CachedActor, epoch: number, idleMinutes: number): void;
  /** Drops this process's entries of an account at once (its own writes: sign-out, new password…). */
  forgetAccount(accountId: number): void;
  readonly size: number;
}

export function createSessionCache(feed: ChangeFeed, ttlMs: number, maxEntries = 100_000): SessionCache {
  const entries = new Map<string, { actor: CachedActor; until: number }>();
  const byAccount = new Map<number, Set<string>>();
  const byPerson = new Map<number, Set<string>>();
  let epoch = 0;

  const index = (map: Map<number, Set<string>>, id: number, key: string) => {
    const keys = map.get(id) ?? new Set<string>();
    map.set(id, keys);
    keys.add(key);
  };
  const remove = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    byAccount.get(e.actor.accountId)?.delete(key);
    for (const id of [e.actor.personId, ...e.actor.childIds]) byPerson.get(id)?.delete(key);
  };
  const clear = () => {
    epoch++;
    entries.clear();
    byAccount.clear();
    byPerson.clear();
  };

  feed.onReset(clear);
  feed.on('sabaq_sessions', (payload) => {
    epoch++;
    for (const part of payload.split(',')) {
      if (part === '*') return clear();
      const id = Number(part.slice(1));
      // 'a': the account's sessions; 'p': the person's, and their parents' (whose actor lists the child)
      const keys = part[0] === 'a' ? byAccount.get(id) : part[0] === 'p' ? byPerson.get(id) : undefined;
      for (const key of [...(keys ?? [])]) remove(key);
    }
  });

  return {
    get size() {
      return entries.size;
    },
    epoch: () => epoch,
    forgetAccount(accountId) {
      epoch++;
      for (const key of [...(byAccount.get(accountId) ?? [])]) remove(key);
    },
    get(key) {
      if (!feed.listening || ttlMs <= 0) return null;
      const e = entries.get(key);
      if (!e) return null;
      if (e.until <= Date.now()) {
        remove(key);
        return null;
      }
      return e.actor;
    },
    set(key, actor, at, idleMinutes) {
      if (!feed.listening || ttlMs <= 0 || at !== epoch) return;
      const until = Math.min(Date.now() + ttlMs, actor.expiresAt.getTime(), actor.lastSeenAt.getTime() + idleMinutes * 60_000);
      remove(key);
      entries.set(key, { actor, until });
      index(byAccount, actor.accountId, key);
      for (const id of [actor.personId, ...actor.childIds]) index(byPerson, id, key);
      while (entries.size > maxEntries) remove(entries.keys().next().value as string);
    },
  };
}
