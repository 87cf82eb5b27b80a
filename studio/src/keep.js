// Keeps the working copy on this device (IndexedDB), so that nothing typed is lost when the tab
// closes or the browser restarts. Rules are not personal data; they never leave the device either.

const DB = 'vigie-studio';
const STORE = 'workspace';
const KEY = 'current';

function database() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact(mode, work) {
  const db = await database();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request?.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The saved working copy, or null. */
export async function restore() {
  try {
    return (await transact('readonly', (store) => store.get(KEY))) ?? null;
  } catch {
    return null;
  }
}

/** Saves the working copy (a plain object: see workspace.js `snapshot`). */
export async function save(snapshot) {
  try {
    await transact('readwrite', (store) => store.put({ ...snapshot, savedAt: Date.now() }, KEY));
    return true;
  } catch {
    return false;
  }
}

export async function forget() {
  try {
    await transact('readwrite', (store) => store.delete(KEY));
  } catch {
    // Nothing was kept.
  }
}
