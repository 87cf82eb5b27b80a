// The test page: counts CSP violations from the first moment, and hands the package's two entries
// to the test (served from /pkg/, as a portal serves node_modules/vigie).
import { createVigie, VigieError } from '/pkg/index.js';
import { createVigieWorker } from '/pkg/worker/client.js';

window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
window.vigie = { createVigie, createVigieWorker, VigieError };
window.ready = true;
