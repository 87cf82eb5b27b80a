// A slow network between the browser and a local server, for bench/page.mjs: a TCP proxy on
// 127.0.0.1 that delays every chunk by half the round trip in each direction and shares a fixed
// bandwidth per direction among all open connections (round robin, so one large download does not
// hold back the others, as on a real link).
//
// Why not Chromium's own emulation (CDP `Network.emulateNetworkConditions`): measured with Chromium
// 156, it throttles the page's requests but those of the dedicated worker (which fetches the 3 MB
// wasm) only in some runs (1 or 2 of 4, whichever the flags), so the same page load took 1.1 s or
// 4.5 s. A proxy slows every request alike: the page's, its worker's and its service worker's.
import { createServer, connect } from 'node:net';

/** One direction of the link: `bytesPerSecond` shared by every connection, after `delayMs`. */
class Link {
  #bytesPerMs;
  #delayMs;
  #queues = new Map(); // destination socket → Buffers ready to go, in order
  #last = 0;
  #timer = null;

  constructor(bytesPerSecond, delayMs) {
    this.#bytesPerMs = bytesPerSecond / 1000;
    this.#delayMs = delayMs;
  }

  /** Sends `chunk` to `socket` over the link; `done()` once it (and all before it) arrived. */
  send(socket, chunk, done = () => {}) {
    setTimeout(() => {
      if (!this.#queues.has(socket)) this.#queues.set(socket, []);
      this.#queues.get(socket).push({ chunk, done });
      if (this.#timer === null) {
        this.#last = performance.now();
        this.#timer = setTimeout(() => this.#pump(), 1);
      }
    }, this.#delayMs);
  }

  /** Marks the end of `socket`'s data: `done()` runs after everything queued for it arrived. */
  end(socket, done) {
    this.send(socket, Buffer.alloc(0), done);
  }

  #pump() {
    const now = performance.now();
    let budget = Math.floor((now - this.#last) * this.#bytesPerMs);
    this.#last = now;
    // Round robin in slices, so every open connection moves at once.
    const slice = 1460;
    while (budget > 0 && this.#queues.size > 0) {
      for (const [socket, queue] of this.#queues) {
        if (budget <= 0) break;
        const head = queue[0];
        const n = Math.min(slice, budget, head.chunk.length);
        if (n > 0 && !socket.destroyed) socket.write(head.chunk.subarray(0, n));
        head.chunk = head.chunk.subarray(n);
        budget -= Math.max(n, 1);
        if (head.chunk.length === 0) {
          queue.shift();
          head.done();
          if (queue.length === 0) this.#queues.delete(socket);
        }
      }
    }
    this.#timer = this.#queues.size > 0 ? setTimeout(() => this.#pump(), 2) : null;
  }
}

/**
 * Starts a proxy to `upstreamPort` on 127.0.0.1 with `latencyMs` round trip and `bitsPerSecond` each
 * way; resolves to the net.Server (its port: `server.address().port`).
 */
export function slowNetwork(upstreamPort, { latencyMs = 40, bitsPerSecond = 10_000_000 } = {}) {
  const down = new Link(bitsPerSecond / 8, latencyMs / 2);
  const up = new Link(bitsPerSecond / 8, latencyMs / 2);
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => up.send(upstream, chunk));
    upstream.on('data', (chunk) => down.send(client, chunk));
    client.on('end', () => up.end(upstream, () => upstream.end()));
    // What the server sent before it closed still travels the link before the browser sees the end.
    upstream.on('end', () => down.end(client, () => client.end()));
    upstream.on('close', () => {
      sockets.delete(upstream);
      down.end(client, () => client.destroy());
    });
    upstream.on('error', () => {});
    client.on('error', () => upstream.destroy());
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
  });
  // Closing the proxy also drops the connections the browser keeps alive.
  const close = server.close.bind(server);
  server.close = (callback) => {
    for (const socket of sockets) socket.destroy();
    return close(callback);
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
