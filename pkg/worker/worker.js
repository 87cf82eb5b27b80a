// The module worker `createVigieWorker()` starts in browsers: the engine of `vigie` (index.js),
// answering the page's calls.
import { createVigie } from '../index.js';
import { serve } from './serve.js';

serve({
  listen: (handler) => self.addEventListener('message', (event) => handler(event.data)),
  post: (message) => self.postMessage(message),
}, createVigie);
