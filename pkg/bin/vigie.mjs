#!/usr/bin/env node
// `npx vigie …`: the native command line, run by the authoring wasm module (dist/authoring/,
// docs/authoring.md) on this machine's files. It prints the same bytes as `target/release/vigie`;
// only Node is needed, no Rust. Nothing is sent anywhere: the module reads and writes through the
// host below, which is Node's `fs` (paths relative to the current folder, `-` for stdin).
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { initSync, runCli } from '../dist/authoring/vigie_authoring.js';

// The texts the native command prints for a system error (Linux `strerror`, as Rust's
// `io::Error` words it), so that an error reads the same from both.
const STRERROR = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  EIO: 'Input/output error',
  EACCES: 'Permission denied',
  EBUSY: 'Device or resource busy',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  EMFILE: 'Too many open files',
  EFBIG: 'File too large',
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  ENAMETOOLONG: 'File name too long',
  ELOOP: 'Too many levels of symbolic links',
};

/** What the module throws back for a failed call: the native command's words for it. */
function systemError(err) {
  const words = STRERROR[err?.code];
  if (words !== undefined && typeof err.errno === 'number') {
    return `${words} (os error ${Math.abs(err.errno)})`;
  }
  return String(err?.message ?? err);
}

function kindWord(stats) {
  if (stats.isSymbolicLink()) return 'link';
  if (stats.isDirectory()) return 'dir';
  if (stats.isFile()) return `file:${stats.size}`;
  return 'other';
}

function direntLetter(entry) {
  if (entry.isSymbolicLink()) return 'l';
  if (entry.isDirectory()) return 'd';
  if (entry.isFile()) return 'f';
  return 'o';
}

/** Reads at most `limit` + 1 bytes from an open file (one more, to tell that it is larger). */
function readCapped(fd, limit) {
  const cap = limit + 1;
  const chunks = [];
  let total = 0;
  while (total < cap) {
    const buffer = Buffer.alloc(Math.min(65536, cap - total));
    let n;
    try {
      n = fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (err) {
      // A non-blocking stdin (a terminal, some pipes) has no data yet: wait for it.
      if (err.code === 'EAGAIN') continue;
      throw err;
    }
    if (n === 0) break;
    chunks.push(buffer.subarray(0, n));
    total += n;
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/** Calls `f`, throwing the native words of a system error. */
function native(f) {
  try {
    return f();
  } catch (err) {
    throw systemError(err);
  }
}

/** Node's files, stdin and clock, as the module asks for them (src/wasm.rs, `AuthoringHost`). No
 * `progress`: a host may add `progress(done, total)` to hear how far `diff` is (the studio does). */
export const nodeHost = {
  kind: (path) => native(() => kindWord(fs.lstatSync(path))),
  followed: (path) => {
    try {
      return kindWord(fs.statSync(path));
    } catch {
      return '';
    }
  },
  list: (path) =>
    native(() =>
      fs
        .readdirSync(path, { withFileTypes: true })
        .map((entry) => direntLetter(entry) + entry.name)
        .join('\0'),
    ),
  read: (path, limit) =>
    native(() => {
      const fd = fs.openSync(path, 'r');
      try {
        return readCapped(fd, limit);
      } finally {
        fs.closeSync(fd);
      }
    }),
  realpath: (path) => native(() => fs.realpathSync.native(path)),
  write: (path, bytes) => native(() => fs.writeFileSync(path, bytes)),
  mkdir: (path) => native(() => fs.mkdirSync(path, { recursive: true })),
  stdin: (limit) => native(() => readCapped(0, limit)),
  seconds: () => performance.now() / 1000,
};

/** Today in the local time zone, as the native command reads it (`YYYY-MM-DD`). */
export function localToday(now = new Date()) {
  const pad = (n, width) => String(n).padStart(width, '0');
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
}

let ready = false;

/**
 * Runs `vigie <args>` in the authoring module: `{ stdout, stderr, code }`.
 * @param {string[]} args the arguments, without the program's name
 * @param {{ host?: object, today?: string }} [options]
 */
export function run(args, { host = nodeHost, today = localToday() } = {}) {
  if (!ready) {
    initSync({
      module: fs.readFileSync(new URL('../dist/authoring/vigie_authoring_bg.wasm', import.meta.url)),
    });
    ready = true;
  }
  return JSON.parse(runCli(JSON.stringify(args), host, today));
}

function main() {
  // A closed pipe (`npx vigie diff … | head`) ends quietly, as the native command does.
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  let ran;
  try {
    ran = run(process.argv.slice(2));
  } catch (err) {
    // A trap: the module's panic hook has said why on the console. Exit as a Rust panic does.
    process.stderr.write(`vigie: the authoring module stopped: ${err?.message ?? err}\n`);
    process.exitCode = 101;
    return;
  }
  if (ran.stdout) process.stdout.write(ran.stdout);
  if (ran.stderr) process.stderr.write(ran.stderr);
  process.exitCode = ran.code;
}

// Run as a command (`npx vigie`, `node pkg/bin/vigie.mjs`); imported (tests), only exports.
const invoked = process.argv[1] && fs.realpathSync(process.argv[1]);
if (invoked === fs.realpathSync(new URL(import.meta.url))) main();
