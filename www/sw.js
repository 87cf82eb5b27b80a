// Vigie's service worker: keeps the page and the module on the device so it works offline after the
// first visit. Network first, cache as the fallback: online, a visit always gets the current page
// and rules (all of it fetched while the page loads, nothing afterwards); offline, the cached copy.
//
// It caches exactly the page's own files (FILES, at their plain address) and nothing else: a deep
// link's query string can carry personal data, and other pages of the same site (a portal's API)
// are none of its business. A request for anything else is not even looked at; a request for one
// of the files with a query string is answered from the plain file offline, never stored.
// VERSION names the cache: changing it drops every older cache (and whatever an older worker
// kept) when this one activates.
const VERSION = 'vigie-www-2026.12.05-5';
const FILES = [
  './',
  './index.html',
  './style.css',
  './app.js',
  './pkg/element/index.js',
  './pkg/element/check.js',
  './pkg/element/nudges.js',
  './pkg/element/engine.js',
  './pkg/element/template.js',
  './pkg/element/styles.js',
  './pkg/element/dom.js',
  './pkg/element/storage.js',
  './pkg/element/i18n.js',
  './pkg/element/questionnaire.js',
  './pkg/element/validation.js',
  './pkg/element/answers.js',
  './pkg/element/results.js',
  './pkg/element/calendar.js',
  './pkg/element/jurisdiction.js',
  './pkg/element/path.js',
  './pkg/element/flow.js',
  './pkg/element/ask.js',
  './pkg/element/flow-words.js',
  './pkg/element/still-open.js',
  './pkg/worker/client.js',
  './pkg/worker/vigie-worker.js',
  './pkg/worker/wire.js',
  './pkg/worker/worker.js',
  './pkg/worker/serve.js',
  './pkg/labels.js',
  './pkg/index.js',
  './pkg/core.js',
  './pkg/dist/vigie.js',
  './pkg/dist/vigie_bg.wasm',
];
const OWN = new Set(FILES.map((file) => new URL(file, self.registration.scope).href));

// The studio (/studio/, for rule authors) is cached in its own cache the first time it is used,
// never for citizens: its authoring module and shipped rule sets are larger than the page.
const STUDIO = `vigie-studio-${VERSION.slice('vigie-www-'.length)}`;
const STUDIO_FILES = [
  './studio/',
  './studio/index.html',
  './studio/studio.js',
  './studio/worker.js',
  './studio/studio.css',
  './studio/shipped.json',
  './pkg/dist/authoring/vigie_authoring_bg.wasm',
];
const STUDIO_OWN = new Set(STUDIO_FILES.map((file) => new URL(file, self.registration.scope).href));

/** The URL without its query string or fragment. */
function plainUrl(url) {
  const plain = new URL(url);
  plain.search = '';
  plain.hash = '';
  return plain.href;
}

/** The page's own file a URL names (without its query string or fragment), or null. */
function ownFile(url) {
  const plain = plainUrl(url);
  return OWN.has(plain) ? plain : null;
}

/** Keeps only the page's own files in this version's cache; drops every other Vigie cache. */
async function prune() {
  for (const name of await caches.keys()) {
    if (!name.startsWith('vigie-www-')) continue;
    if (name !== VERSION) {
      await caches.delete(name);
      continue;
    }
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (!OWN.has(request.url)) await cache.delete(request);
    }
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(VERSION);
    await cache.addAll([...OWN].map((url) => new Request(url, { cache: 'no-cache' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await prune();
    for (const name of await caches.keys()) {
      if (name.startsWith('vigie-studio-') && name !== STUDIO) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// "Effacer" (the page's erase button) asks for the same pruning, and is told which cache is kept.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'vigie-erase') return;
  event.waitUntil((async () => {
    await prune();
    event.ports[0]?.postMessage({ kept: VERSION });
  })());
});

// The studio asks for its files to be kept as soon as it has opened once, so that it opens offline.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'vigie-studio-keep') return;
  event.waitUntil((async () => {
    const cache = await caches.open(STUDIO);
    await cache.addAll([...STUDIO_OWN]);
    event.ports[0]?.postMessage({ kept: STUDIO });
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const studioFile = plainUrl(request.url);
  const studio = STUDIO_OWN.has(studioFile);
  const file = studio ? studioFile : ownFile(request.url);
  if (file === null) return;
  // Only a plain URL is stored (never one with a query string); offline, the plain copy answers.
  const plain = file === request.url;
  event.respondWith((async () => {
    const cache = await caches.open(studio ? STUDIO : VERSION);
    try {
      const response = await fetch(request);
      if (plain && response.ok && response.type === 'basic') await cache.put(file, response.clone());
      return response;
    } catch (err) {
      const hit = await cache.match(file);
      if (hit) return hit;
      throw err;
    }
  })());
});
