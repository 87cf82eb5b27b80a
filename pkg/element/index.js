// The package's elements: <vigie-check> (the whole citizen path) and <vigie-nudges> (cards only).
//   import 'vigie/element';            // defines both (once, whoever imports it first)
//   <vigie-check rules="fr" locale="fr"></vigie-check>
// Bundlers that do not find the worker script or the wasm on their own (esbuild, Rollup) are told
// with `configure({ worker, wasm })` (pkg/README.md "Bundlers").
// See check.js and nudges.js for attributes, properties and events; pkg/README.md for theming.
import { VigieCheck } from './check.js';
import { VigieNudges } from './nudges.js';

export { VigieCheck, VigieNudges };
export { configure } from './engine.js';

if (typeof customElements !== 'undefined') {
  if (!customElements.get('vigie-check')) customElements.define('vigie-check', VigieCheck);
  if (!customElements.get('vigie-nudges')) customElements.define('vigie-nudges', VigieNudges);
}
