/*
 * Sabaq's service worker (plain JS, no build step): the app keeps working on a village's link and
 * without one.
 * - pages: network first; offline, the app shell (every path is the same index.html).
 * - /assets/*: cache first (file names carry a hash of the content, so a cached file never changes);
 *   the page hands over the files it already loaded (message 'cache-assets'), from the HTTP cache.
 * - GET /api/* JSON answers: network first, the last good answer kept; offline it is served with
 *   `x-sabaq-as-of: <ms since epoch>` so the page can say how old it is. Writes are never touched
 *   (an offline submission waits in the page's outbox, see web/src/modules/learning/outbox.ts).
 * - GET /api/files/:id (a material or attachment the person opened): network first; a copy of at
 *   most FILE_MAX_BYTES (by its Content-Length) is kept, the newest FILES_MAX_COUNT of them, so an
 *   opened homework's files still open offline (`x-sabaq-as-of` as above). Range requests (media
 *   seeking) pass through untouched.
 * - message 'sign-out': the saved answers and files are deleted (a shared phone keeps nothing of the person).
 */
const SHELL = 'sabaq-shell-v1';
const ASSETS = 'sabaq-assets-v1';
const API = 'sabaq-api-v1';
const FILES = 'sabaq-files-v1';
const KEEP = [SHELL, ASSETS, API, FILES];
const FILE_MAX_BYTES = 5 * 1024 * 1024;
const FILES_MAX_COUNT = 30;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.add(new Request('/', { cache: 'no-cache' }))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (!KEEP.includes(name)) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'cache-assets' && Array.isArray(data.urls)) {
    event.waitUntil(caches.open(ASSETS).then(async (cache) => {
      for (const url of data.urls) {
        if (typeof url !== 'string' || !new URL(url, self.location.origin).pathname.startsWith('/assets/')) continue;
        if (await cache.match(url)) continue;
        try {
          const res = await fetch(url); // from the browser's HTTP cache: the page has just loaded it
          if (res.ok) await cache.put(url, res);
        } catch {
          // offline meanwhile: cached when next fetched
        }
      }
    }));
  }
  if (data.type === 'sign-out') event.waitUntil(Promise.all([caches.delete(API), caches.delete(FILES)]));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') event.respondWith(page(req));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(req));
  else if (url.pathname.startsWith('/api/files/')) { if (!req.headers.has('range')) event.respondWith(file(req)); }
  else if (url.pathname.startsWith('/api/')) event.respondWith(api(req));
});

async function page(req) {
  try {
    const res = await fetch(req);
    if (res.ok && (res.headers.get('content-type') || '').includes('text/html')) {
      const cache = await caches.open(SHELL);
      await cache.put('/', res.clone());
    }
    return res;
  } catch (err) {
    const shell = await caches.match('/', { cacheName: SHELL });
    if (shell) return shell;
    throw err;
  }
}

async function asset(req) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

async function api(req) {
  const cache = await caches.open(API);
  try {
    const res = await fetch(req);
    if (res.status === 200 && (res.headers.get('content-type') || '').includes('application/json')) {
      const headers = new Headers(res.headers);
      headers.set('x-sabaq-as-of', String(Date.now()));
      const body = await res.clone().arrayBuffer();
      await cache.put(req, new Response(body, { status: 200, headers }));
    } else if (res.status === 401) {
      await Promise.all([caches.delete(API), caches.delete(FILES)]); // the session is over: nothing of the person stays
    }
    return res;
  } catch (err) {
    const saved = await cache.match(req);
    if (saved) return saved;
    throw err;
  }
}

async function file(req) {
  const cache = await caches.open(FILES);
  try {
    const res = await fetch(req);
    const size = Number(res.headers.get('content-length') || 'NaN');
    if (res.status === 200 && size <= FILE_MAX_BYTES) {
      const headers = new Headers(res.headers);
      headers.set('x-sabaq-as-of', String(Date.now()));
      const body = await res.clone().arrayBuffer();
      await cache.delete(req);
      await cache.put(req, new Response(body, { status: 200, headers }));
      const keys = await cache.keys(); // oldest first: the newest FILES_MAX_COUNT stay
      for (const old of keys.slice(0, Math.max(0, keys.length - FILES_MAX_COUNT))) await cache.delete(old);
    } else if (res.status === 401 || res.status === 404) {
      await cache.delete(req); // no longer theirs (or gone): no copy either
      if (res.status === 401) await Promise.all([caches.delete(API), caches.delete(FILES)]);
    }
    return res;
  } catch (err) {
    const saved = await cache.match(req);
    if (saved) return saved;
    throw err;
  }
}
