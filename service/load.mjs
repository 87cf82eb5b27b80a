#!/usr/bin/env node
// A bounded local load test of the CDS Hooks service (service/README.md, "Under load"):
//   node service/load.mjs [--duration 20] [--connections 8] [--bad-share 0.1]
// starts the service as its own process on 127.0.0.1 (a free port), warms it up, then for
// `duration` seconds keeps `connections` keep-alive connections busy with patient-view requests
// (the FR Core and US Core example records), a `bad-share` of them bad (malformed JSON, a wrong
// hook, missing prefetch, a body over the cap). It prints requests/s, latency percentiles of the
// good requests, and the service's resident memory (from /proc) before, during and after.
// Nothing leaves this machine. Exit 1 if a good request failed or a bad one got a 2xx.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PREFETCH } from './cds-service.mjs';
import { requestFromBundle } from './test/helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '8' },
    'bad-share': { type: 'string', default: '0.1' },
  },
});
const seconds = Math.min(Number(values.duration), 300);
const connections = Math.min(Number(values.connections), 256);
const badShare = Number(values['bad-share']);

function bundle(name) {
  for (const dir of ['tests/fhir', '../research-15/bundles']) {
    try {
      return JSON.parse(readFileSync(join(root, dir, name), 'utf8'));
    } catch {
      // the next place
    }
  }
  throw new Error(`no test bundle ${name} (tests/fhir/)`);
}

const good = ['frcore-examples.json', 'uscore-examples.json'].map((name) => JSON.stringify(requestFromBundle(bundle(name), PREFETCH)));
const valid = JSON.parse(good[0]);
const bad = [
  { body: '{"hook": "patient-view", "context": ', status: 400 },
  { body: JSON.stringify({ ...valid, hook: 'order-sign' }), status: 400 },
  { body: JSON.stringify({ ...valid, prefetch: {} }), status: 412 },
  { body: 'x'.repeat(6_000_000), status: 413 },
];

/** Resident and peak memory of a process, in MB (Linux /proc). */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const server = spawn(process.execPath, [join(here, 'server.mjs'), '--port', '0', '--as-of', '2026-12-05'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => {
    const found = String(chunk).match(/(http:\/\/127\.0\.0\.1:\d+)\/cds-services/);
    if (found) resolve(found[1]);
  });
  server.on('exit', (code) => reject(new Error(`the service stopped (${code})`)));
});
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const target = `${url}/cds-services/vigie-prevention`;

function post(body, keepAlive = true) {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = request(target, {
      method: 'POST',
      agent: keepAlive ? agent : false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    // A 413 comes before the whole body is sent; the write that follows then fails: the answer counts.
    req.on('response', () => req.off('error', failed));
    const failed = () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    req.on('error', failed);
    req.on('error', () => {});
    req.end(body);
  });
}

for (let i = 0; i < 200; i += 1) await post(good[i % good.length]);
const before = memory(server.pid);

const latencies = [];
let goodFailed = 0;
let badCount = 0;
let badAccepted = 0;
let sent = 0;
const samples = [];
const sampler = setInterval(() => samples.push(memory(server.pid).rss), 1_000);
const end = Date.now() + seconds * 1_000;
const started = process.hrtime.bigint();
async function worker(n) {
  let i = n;
  while (Date.now() < end) {
    i += 1;
    sent += 1;
    // Deterministic mix: every 1/badShare-th request is a bad one, in turn.
    if (badShare > 0 && sent % Math.round(1 / badShare) === 0) {
      const wrong = bad[badCount % bad.length];
      badCount += 1;
      // A body over the cap ends its connection: send it on a connection of its own.
      const answer = await post(wrong.body, wrong.status !== 413);
      if (answer.status !== wrong.status) badAccepted += 1;
      continue;
    }
    const answer = await post(good[i % good.length]);
    if (answer.status === 200) latencies.push(answer.ms);
    else goodFailed += 1;
  }
}
await Promise.all(Array.from({ length: connections }, (_, n) => worker(n)));
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
clearInterval(sampler);
await new Promise((resolve) => setTimeout(resolve, 500));
const afterRun = memory(server.pid);

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
const mb = (x) => `${x.toFixed(1)} MB`;
console.log(`Vigie CDS service, ${connections} keep-alive connections, ${elapsed.toFixed(1)} s, node ${process.version}`);
console.log(`requests: ${sent} (${latencies.length + goodFailed} patient-views, ${badCount} bad ones); ${(sent / elapsed).toFixed(0)} requests/s, ${(latencies.length / elapsed).toFixed(0)} patient-views/s`);
console.log(`patient-view latency: p50 ${pct(50).toFixed(2)} ms, p90 ${pct(90).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${latencies.at(-1)?.toFixed(2)} ms`);
console.log(`service memory: RSS ${mb(before.rss)} after warm-up, ${mb(Math.min(...samples))}–${mb(Math.max(...samples))} during, ${mb(afterRun.rss)} after; peak ${mb(afterRun.peak)}`);
// The trend: flat memory levels off instead of growing with the number of requests.
const every = Math.max(1, Math.round(samples.length / 10));
console.log(`RSS every ${every} s: ${samples.filter((_, i) => i % every === every - 1).map((x) => x.toFixed(0)).join(', ')} MB`);
console.log(`failures: ${goodFailed} patient-views not answered 200, ${badAccepted} bad requests not refused as expected`);
agent.destroy();
server.kill('SIGTERM');
process.exitCode = goodFailed === 0 && badAccepted === 0 && latencies.length > 0 ? 0 : 1;
