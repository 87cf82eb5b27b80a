// Building and finding elements for the citizen path's modules. Everything they look up lives in the
// shadow root of the <vigie-check> that runs them (`useRoot`): one element at a time per document
// (check.js refuses a second one, with a message), so the modules keep one root, not one per call.

let root = typeof document === 'undefined' ? null : document;

/** The root the modules look into (the element's shadow root). */
export function useRoot(node) {
  root = node;
}

/** The first element matching `sel` inside `within` (the current root by default). */
export const $ = (sel, within = root) => within.querySelector(sel);
/** Every element matching `sel`, as an array. */
export const $$ = (sel, within = root) => [...within.querySelectorAll(sel)];
/** The element of this id in the current root. */
export const byId = (id) => root.getElementById(id);
/** The focused element inside the current root (the document's own is the host element). */
export const focused = () => root.activeElement ?? null;

/**
 * An element with attributes and children: `text` sets its text; an attribute `true` is written
 * empty, `false`, `null` and `undefined` leave it out.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}
