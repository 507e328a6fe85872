/**
 * Plain HTTP helpers of the bench: single requests on their own connection (so that no idle
 * keep-alive socket holds a target open), and an open-loop client that sends at evenly spaced
 * moments, whatever the server's pace.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'node:http';

export interface Reply {
  readonly status: number;
  readonly body: string;
}

export function post(url: string, headers: Record<string, string>, body: string): Promise<Reply> {
  return send(url, 'POST', headers, body);
}

export function get(url: string): Promise<Reply> {
  return send(url, 'GET', {}, undefined);
}

function send(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer within 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

export interface OpenLoopResult {
  readonly rate: number;
  readonly durationS: number;
  readonly sent: number;
  readonly completed: number;
  /** Responses with another status than expected. */
  readonly unexpected: number;
  readonly errors: number;
  /** Per second, completed responses. */
  readonly achievedRate: number;
  /** Latency from the moment a request was due (not sent): a late send counts as waiting. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Sends `rate` requests per second for `durationS`, evenly spaced: request i is due at i/rate
 * seconds. At most `connections` are open; a request due while all are busy waits, and its
 * latency is counted from when it was due (no coordinated omission).
 */
export async function openLoop(o: {
  url: string;
  headers: Record<string, string>;
  body: () => string;
  expectStatus: number;
  rate: number;
  durationS: number;
  connections: number;
}): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const total = Math.round(o.rate * o.durationS);
  const latencies: number[] = [];
  let sent = 0;
  let unexpected = 0;
  let errors = 0;
  const start = performance.now();
  const target = new URL(o.url);
  await new Promise<void>((done) => {
    let pending = 0;
    const finish = () => {
      if (sent === total && pending === 0) done();
    };
    const one = (due: number) => {
      pending++;
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: o.headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (res.statusCode !== o.expectStatus) unexpected++;
            pending--;
            finish();
          });
        },
      );
      req.on('error', () => {
        errors++;
        pending--;
        finish();
      });
      req.end(o.body());
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / o.rate <= now) one(start + (sent++ * 1000) / o.rate);
      if (sent < total) setTimeout(tick, Math.max(0, start + (sent * 1000) / o.rate - performance.now()));
      else finish();
    };
    tick();
  });
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rate: o.rate,
    durationS: o.durationS,
    sent,
    completed: latencies.length,
    unexpected,
    errors,
    achievedRate: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}

/** What the evenly spaced client of a process of its own is given: the request's template, and the BSNs it takes in turn (freshBodies). */
export interface OpenLoopSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  bsns?: readonly string[];
  expectStatus: number;
  rate: number;
  durationS: number;
  connections: number;
}

/** `openLoop` in a forked process of its own (open-loop-proces.ts), each request with a fresh MessageID. */
export function openLoopApart(spec: OpenLoopSpec): Promise<OpenLoopResult> {
  const child = fork(fileURLToPath(new URL('./open-loop-proces.ts', import.meta.url)), { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (r) => resolve(r as OpenLoopResult));
    child.once('exit', (code) => reject(new Error(`the evenly spaced client ended with ${String(code)} before it answered`)));
    child.send(spec);
  });
}

/** The p-quantile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
