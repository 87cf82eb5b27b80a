// The self-check page: a frame (title, header, footer) around the package's <vigie-check>, which
// runs the whole citizen path (pkg/element/). The page adds what only a page can: the address
// (`?rules=us`, `?form=full`, kept in step with the rules chosen), the document's language and
// title, the offline copy (sw.js) and erasing it with the answers.
import { captureStatic, applyStatic } from './pkg/element/i18n.js';
import { addressFor } from './pkg/element/jurisdiction.js';
import { configure } from './pkg/element/engine.js';

// The wasm module, downloaded from the moment the page is parsed (index.html preloads it) and
// compiled off the main thread while the page's scripts load, then handed to the element's worker:
// otherwise its download would wait for the worker and the worker's own scripts to load first, a
// few round trips each (bench/page.mjs measures the page on a 40 ms link). If this early start
// fails, the worker fetches the module itself, as it would have.
const wasmUrl = new URL('./pkg/dist/vigie_bg.wasm', import.meta.url);
configure({ wasm: compileEarly(wasmUrl).catch(() => wasmUrl) });

function compileEarly(url) {
  const download = fetch(url);
  if (typeof WebAssembly.compileStreaming === 'function') return WebAssembly.compileStreaming(download);
  return download.then((response) => response.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes));
}

const check = document.querySelector('vigie-check');
const params = new URLSearchParams(location.search);

// The page's own words (header, title, footer) are in French in index.html, in English in i18n.js.
captureStatic(document);
check.addEventListener('vigie-locale', (event) => {
  document.documentElement.lang = event.detail.locale;
  applyStatic(event.detail.locale, [document]);
  document.title = document.querySelector('title').textContent;
});
check.addEventListener('vigie-rules', (event) => {
  history.replaceState(history.state, '', addressFor(location.href, event.detail.rules));
});
check.addEventListener('vigie-erase', (event) => event.detail.waitUntil(eraseOfflineCopy()));

// Read by the element when it starts: set before its module defines it.
if (params.has('rules')) check.setAttribute('rules', params.get('rules'));
if (params.get('form') === 'full') check.setAttribute('form', 'full');
// The offline copy is made once the engine has loaded (or could not), not while the page loads:
// the service worker's install downloads every file of the page, the wasm module included, and on
// a first visit that download would compete with the page's own (measured by bench/page.mjs: the
// module fetched twice at once, 6.4 of the 7 MB before the first result). Afterwards, the
// browser's cache (revalidated, see docs/deploy.md) serves the worker's requests.
for (const type of ['vigie-ready', 'vigie-error']) {
  check.addEventListener(type, registerServiceWorker, { once: true });
}
await import('./pkg/element/index.js');

let registered = false;
function registerServiceWorker() {
  if (registered || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  registered = true;
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {});
}

/**
 * Drops from the offline copy anything but the page's own files. The service worker knows them:
 * it prunes its cache and says which one it kept; every other Vigie cache is deleted here, so that
 * without a worker (or with an older one) nothing is left either.
 */
async function eraseOfflineCopy() {
  if (!('caches' in window)) return;
  let kept = null;
  const worker = navigator.serviceWorker?.controller;
  if (worker) {
    kept = await new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(null), 3000);
      channel.port1.onmessage = (event) => {
        clearTimeout(timer);
        resolve(event.data?.kept ?? null);
      };
      worker.postMessage({ type: 'vigie-erase' }, [channel.port2]);
    });
  }
  for (const name of await caches.keys()) {
    if (name.startsWith('vigie-www-') && name !== kept) await caches.delete(name);
  }
}
