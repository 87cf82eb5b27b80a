// A test-only worker for the browser: the real engine, but `sources` never answers (the deadline
// test needs a call that is certainly late, not a slow one).
import { createVigie } from '/pkg/index.js';
import { serve } from '/pkg/worker/serve.js';

serve({
  listen: (handler) => self.addEventListener('message', (event) => handler(event.data)),
  post: (message) => self.postMessage(message),
}, async (options) => {
  const vigie = await createVigie(options);
  return new Proxy(vigie, {
    get(target, name) {
      if (name === 'sources') return () => new Promise(() => {});
      const value = target[name];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
});
