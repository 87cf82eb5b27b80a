// Where the citizen path may keep answers, as the host allows (`save` on <vigie-check>): nowhere
// (`none`, the default: a portal decides what its pages keep), in this tab (`session`: a reload
// loses nothing, closing the tab forgets them), or also on this device when the person asks
// (`device`: the self-check page). A storage the browser refuses counts as none.

let mode = 'none';

/** Sets what the host allows: 'none', 'session' or 'device'. */
export function useStorage(allowed) {
  mode = allowed;
}

function reach(name) {
  try {
    return window[name] ?? null;
  } catch {
    return null; // a browser that forbids it (privacy settings, sandboxed frame)
  }
}

/** The tab's storage, when the host allows keeping answers in the tab; else null. */
export function tabStorage() {
  return mode === 'none' ? null : reach('sessionStorage');
}

/** The device's storage, when the host allows it; else null (the person still has to ask). */
export function deviceStorage() {
  return mode === 'device' ? reach('localStorage') : null;
}

/** Removes `key` wherever it may have been kept (whatever the mode now: erasing is always allowed). */
export function removeEverywhere(key) {
  for (const name of ['sessionStorage', 'localStorage']) {
    try { reach(name)?.removeItem(key); } catch { /* nothing stored */ }
  }
}
