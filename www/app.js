// The self-check page: a frame (title, header, footer) around the package's <vigie-check>, which
// runs the whole citizen path (pkg/element/). The page adds what only a page can: the address
// (`?rules=us`, `?form=full`, kept in step with the rules chosen), the document's language and
// title, the offline copy (sw.js) and erasing it with the answers.
import { captureStatic, applyStatic } from './pkg/element/i18n.js';
import { addressFor } from './pkg/element/jurisdiction.js';

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
await import('./pkg/element/index.js');
registerServiceWorker();

function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
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
