/**
 * Gate photos on the guard's phone (decision 0030). The pass carries only the first 8 bytes of the
 * SHA-256 of the holder's photo, signed; the phone caches the photos of its organisations' holders
 * (Cache API, keyed by holder and hash) whenever it is online, and shows one only when the bytes it
 * holds hash to the value in the pass — so a swapped or stale photo is never shown as the holder's.
 */
import { api } from '../../api/client.js';

const CACHE = 'sabaq-access-photos-v1';
/** How many photos are fetched at once while syncing (a slow link shares them). */
const PARALLEL = 4;

export interface PhotoListItem {
  holder: string;
  hash: string;
}

const keyOf = (holder: string, hash: string) => `/api/access/guard/photos/${encodeURIComponent(holder)}?h=${hash}`;
const cachesApi = (): CacheStorage | null => (typeof caches === 'undefined' ? null : caches);

async function hashPrefix(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fetches the photos the phone does not have yet and drops the ones no longer listed. Answers how many it holds. */
export async function syncPhotos(signal?: AbortSignal): Promise<number> {
  const store = cachesApi();
  if (!store) return 0;
  const list = await api.get<{ items: PhotoListItem[] }>('/api/access/guard/photos', { signal });
  const cache = await store.open(CACHE);
  const wanted = new Set(list.items.map((p) => keyOf(p.holder, p.hash)));
  for (const req of await cache.keys()) {
    const url = new URL(req.url);
    if (!wanted.has(url.pathname + url.search)) await cache.delete(req);
  }
  const missing: PhotoListItem[] = [];
  for (const p of list.items) if (!(await cache.match(keyOf(p.holder, p.hash)))) missing.push(p);
  let next = 0;
  const worker = async () => {
    while (next < missing.length && !signal?.aborted) {
      const p = missing[next++]!;
      try {
        const res = await fetch(`/api/access/guard/photos/${encodeURIComponent(p.holder)}`, { credentials: 'same-origin', signal });
        if (res.ok) await cache.put(keyOf(p.holder, p.hash), res);
      } catch {
        // offline again: the rest comes at the next sync
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return (await cache.keys()).length;
}

/** The photo of a holder whose pass names `hash`, as an object URL, or null when the phone does not hold it (or it does not match). */
export async function cachedPhoto(holder: string, hash: string): Promise<string | null> {
  try {
    const store = cachesApi();
    const res = store ? await (await store.open(CACHE)).match(keyOf(holder, hash)) : undefined;
    // online and not cached yet: ask the server once (the hash check below still decides)
    const live = res ?? (navigator.onLine ? await fetch(`/api/access/guard/photos/${encodeURIComponent(holder)}`, { credentials: 'same-origin' }) : null);
    if (!live?.ok) return null;
    const blob = await live.blob();
    if ((await hashPrefix(await blob.arrayBuffer())) !== hash) return null;
    return URL.createObjectURL(blob);
  } catch {
    return null;
  }
}

/** Shrinks a chosen picture to a small JPEG for the gate (at most 320 px on its long side), in the browser. */
export async function shrinkPhoto(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 320 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  if (!blob) throw new Error('photo');
  return blob;
}

/** Uploads a photo through the files module and answers its id. */
export async function uploadPhoto(blob: Blob): Promise<string> {
  return (await api.upload<{ id: string }>('/api/files', blob, 'photo.jpg')).id;
}
