// The package's elements: <vigie-check> (the whole citizen path) and <vigie-nudges> (cards only).
//   import 'vigie/element';            // defines both (once, whoever imports it first)
//   <vigie-check rules="fr" locale="fr"></vigie-check>
// See check.js and nudges.js for attributes, properties and events; pkg/README.md for theming.
import { VigieCheck } from './check.js';
import { VigieNudges } from './nudges.js';

export { VigieCheck, VigieNudges };

if (typeof customElements !== 'undefined') {
  if (!customElements.get('vigie-check')) customElements.define('vigie-check', VigieCheck);
  if (!customElements.get('vigie-nudges')) customElements.define('vigie-nudges', VigieNudges);
}
