import { useSyncExternalStore } from 'react';
import { isApiError } from '../../api/client.js';
import { submitWork, type Submission } from './api.js';
import { uploadFile } from './http.js';

/**
 * Work handed in without a connection. It is kept in IndexedDB (it survives closing the app) with
 * the Idempotency-Key it was first sent with, and sent by itself when the connection returns (the
 * `online` event, the app's next start, and while anything waits, again after 5 s, 10 s, 20 s, then
 * every 30 s: `navigator.onLine` and its events are not to be trusted, a phone on a dead link or a
 * page opened offline says it is online). The server keeps one
 * submission per key, so a send that did arrive but whose answer was lost is never doubled.
 * Only the person who made it sends it: a shared phone signed in as someone else leaves it waiting.
 * Files uploaded before the connection went go as their ids; files chosen without a connection (at
 * most OUTBOX_FILES_MAX_BYTES in all) are kept with the work and uploaded first when it is sent,
 * each once (its id is kept as soon as it is up).
 */
export interface OutboxItem {
  key: string;
  personId: number;
  homeworkId: number;
  text: string | null;
  fileIds: string[];
  /** files chosen offline, kept on the phone until they are uploaded */
  files?: OutboxFile[];
  createdAt: number;
}

/** A file chosen without a connection: its content, and its id once uploaded. */
export interface OutboxFile {
  name: string;
  type: string;
  data: Blob;
  uploadedId?: string;
}

/** What a queued work may keep on the phone in files; more is not queued (it waits for a connection in the form). */
export const OUTBOX_FILES_MAX_BYTES = 10 * 1024 * 1024;

export type OutboxState = { state: 'waiting'; item: OutboxItem } | { state: 'sent'; submission: Submission } | { state: 'refused'; code: string };

const DB = 'sabaq-outbox';
const STORE = 'submissions';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = run(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

// ── what the page shows, per homework ──────────────────────────────────────────
const states = new Map<number, OutboxState>();
const listeners = new Set<() => void>();
const set = (homeworkId: number, s: OutboxState) => {
  states.set(homeworkId, s);
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The queued work of one homework on this device: waiting, sent (by the outbox) or refused. */
export function useOutbox(homeworkId: number): OutboxState | undefined {
  return useSyncExternalStore(subscribe, () => states.get(homeworkId));
}

/** Keeps work to send later (replacing older queued work for the same homework). */
export async function enqueue(item: OutboxItem): Promise<void> {
  const all = await tx('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
  for (const old of all)
    if (old.homeworkId === item.homeworkId && old.personId === item.personId && old.key !== item.key) await tx('readwrite', (s) => s.delete(old.key));
  await tx('readwrite', (s) => s.put(item));
  set(item.homeworkId, { state: 'waiting', item });
  retryLater(true);
}

const FIRST_RETRY_MS = 5_000;
const LAST_RETRY_MS = 30_000;
let retryMs = FIRST_RETRY_MS;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
/** Sends what waits for the signed-in person (set by `startOutbox`). */
let send: (() => void) | null = null;

const anythingWaits = () => [...states.values()].some((s) => s.state === 'waiting');

/** While anything waits, one more try later: 5 s after new work, then twice as long each time, up to 30 s. */
function retryLater(fromStart = false): void {
  if (fromStart) {
    retryMs = FIRST_RETRY_MS;
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  }
  if (retryTimer !== null || send === null || !anythingWaits()) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
    send?.();
  }, retryMs);
}

let flushing: Promise<void> | null = null;

/** Sends what waits for `personId`; stops at the first network failure (still offline). */
export function flush(personId: number, onSent: (s: Submission) => void): Promise<void> {
  flushing ??= (async () => {
    const all = (await tx('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>)).filter((i) => i.personId === personId);
    for (const item of all.sort((a, b) => a.createdAt - b.createdAt)) {
      if (!states.has(item.homeworkId)) set(item.homeworkId, { state: 'waiting', item });
      try {
        const fileIds = [...item.fileIds];
        for (const f of item.files ?? []) {
          if (!f.uploadedId) {
            f.uploadedId = (await uploadFile(new File([f.data], f.name, { type: f.type }))).id;
            await tx('readwrite', (s) => s.put(item)); // up once: a later try does not upload it again
          }
          fileIds.push(f.uploadedId);
        }
        const submission = await submitWork(item.homeworkId, { text: item.text, fileIds }, item.key);
        await tx('readwrite', (s) => s.delete(item.key));
        set(item.homeworkId, { state: 'sent', submission });
        onSent(submission);
      } catch (err) {
        if (!isApiError(err) || err.status === 0 || err.status >= 500) return; // try again later
        if (err.code === 'auth.required') return; // signed out meanwhile: waits for the person
        await tx('readwrite', (s) => s.delete(item.key)); // the server said no (deadline, marked…): show why
        set(item.homeworkId, { state: 'refused', code: err.code });
      }
    }
  })()
    .catch(() => undefined)
    .finally(() => {
      flushing = null;
      retryLater();
    });
  return flushing;
}

let started: number | null = null;

/** Starts sending by itself for the signed-in person: now, when the connection returns, and again later while anything waits. */
export function startOutbox(personId: number, onSent: (s: Submission) => void): void {
  if (started === personId || typeof indexedDB === 'undefined') return;
  started = personId;
  const go = () => {
    if (started === personId) void flush(personId, onSent);
  };
  send = go;
  window.addEventListener('online', go);
  go();
}
