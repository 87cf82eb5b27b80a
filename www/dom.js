// Building elements for the adaptive path's modules (ask.js, path.js, still-open.js).

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
