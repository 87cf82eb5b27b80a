// The worker's side: loads one rule set, then answers calls in the order they come. Shared by the
// browser worker (worker.js) and the Node one (node-worker.js), which give `createVigie` and a
// port (`listen(handler)`, `post(message)`).

import { errorToData, LOAD, METHODS } from './wire.js';

/** Answers a VigieWorker's messages on `port` with a Vigie made by `createVigie`. */
export function serve(port, createVigie) {
  let vigie = null;
  port.listen(async ({ id, method, args }) => {
    let answer;
    try {
      let value;
      if (method === LOAD) {
        vigie?.free();
        vigie = await createVigie(args[0]);
        value = vigie.ruleset();
      } else if (vigie === null || !METHODS.includes(method)) {
        throw new TypeError(`the worker cannot answer \`${method}\`${vigie === null ? ' before a rule set is loaded' : ''}`);
      } else {
        value = await vigie[method](...args);
      }
      answer = { id, ok: true, value };
    } catch (err) {
      answer = { id, ok: false, error: errorToData(err) };
    }
    port.post(answer);
  });
}
