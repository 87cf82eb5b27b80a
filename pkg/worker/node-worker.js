// The worker thread `createVigieWorker()` starts in Node: the engine of `vigie` (node.js),
// answering the main thread's calls.
import { parentPort } from 'node:worker_threads';
import { createVigie } from '../node.js';
import { serve } from './serve.js';

serve({
  listen: (handler) => parentPort.on('message', handler),
  post: (message) => parentPort.postMessage(message),
}, createVigie);
