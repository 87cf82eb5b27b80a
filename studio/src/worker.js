// The studio's worker: the authoring module (the command line compiled to WebAssembly,
// docs/authoring.md) over files held in memory. The page talks to it with messages
// (studio/src/commands.js); the command line runs here so that typing never waits for it.
// Nothing leaves the browser: the module has no network access and the files are in memory.
import init, { runCli } from '../../pkg/dist/authoring/vigie_authoring.js';
import { MemoryFiles } from './memory-files.js';

const files = new MemoryFiles();
const decoder = new TextDecoder();
let ready = null;

function start(wasmUrl) {
  ready ??= init({ module_or_path: new URL(wasmUrl, self.location.href) });
  return ready;
}

/** Runs `vigie <args>`; progress (diff) is posted as it comes. */
function run(id, args, today, stdin) {
  files.written.clear();
  files.input = new TextEncoder().encode(stdin ?? '');
  const host = files.host({
    progress: (done, total) => self.postMessage({ id, progress: { done, total } }),
  });
  const ran = JSON.parse(runCli(JSON.stringify(args), host, today));
  const written = {};
  for (const [path, bytes] of files.written) written[path] = decoder.decode(bytes);
  return { ...ran, written };
}

self.addEventListener('message', async (event) => {
  const message = event.data;
  const { id } = message;
  try {
    switch (message.type) {
      case 'start':
        await start(message.wasm);
        self.postMessage({ id, done: true });
        break;
      case 'files':
        // Replaces the folders named, then sets the files given and makes the (empty) folders asked:
        // { clear: [folder…], files: {path: text}, remove: [path…], folders: [folder…] }.
        for (const folder of message.clear ?? []) files.removeFolder(folder);
        for (const [path, text] of Object.entries(message.files ?? {})) files.set(path, text);
        for (const path of message.remove ?? []) files.remove(path);
        for (const folder of message.folders ?? []) files.host().mkdir(folder);
        self.postMessage({ id, done: true });
        break;
      case 'run':
        await start(message.wasm);
        self.postMessage({ id, done: run(id, message.args, message.today, message.stdin) });
        break;
      case 'folder': {
        const found = {};
        for (const [path, bytes] of Object.entries(files.below(message.folder))) {
          found[path] = decoder.decode(bytes);
        }
        self.postMessage({ id, done: found });
        break;
      }
      default:
        throw new Error(`unknown message ${message.type}`);
    }
  } catch (err) {
    self.postMessage({ id, failed: String(err?.message ?? err) });
  }
});
