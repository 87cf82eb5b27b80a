// Vigie's service worker: keeps the page and the module on the device so it works offline after the
// first visit. Network first, cache as the fallback: online, a visit always gets the current page
// and rules (all of it fetched while the page loads, nothing afterwards); offline, the cached copy.
// VERSION only names the cache (old ones are removed); nothing depends on remembering to bump it.
const VERSION = 'vigie-www-2026.11.24-1';
const FILES = [
  './',
  './index.html',
  './style.css',
  './app.js',
  './i18n.js',
  './questionnaire.js',
  './validation.js',
  './results.js',
  './calendar.js',
  './pkg/index.js',
  './pkg/core.js',
  './pkg/dist/web/vigie.js',
  './pkg/dist/web/vigie_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(VERSION);
    await cache.addAll(FILES.map((url) => new Request(url, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('vigie-www-') && name !== VERSION) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(VERSION);
    const navigate = request.mode === 'navigate';
    try {
      const response = await fetch(request);
      if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
      return response;
    } catch (err) {
      const hit = await cache.match(request, { ignoreSearch: navigate });
      if (hit) return hit;
      if (navigate) {
        const page = await cache.match('./index.html');
        if (page) return page;
      }
      throw err;
    }
  })());
});
