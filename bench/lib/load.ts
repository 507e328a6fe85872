/**
 * One load run with autocannon (programmatic API): closed loop, `connections` connections each
 * sending its next request when the previous answer is in. Latencies are recorded from
 * autocannon's per-response event in floating milliseconds (its own histogram keeps whole
 * milliseconds, too coarse for a p50 of 1-2 ms).
 */
import autocannon from 'autocannon';
import { percentile } from './http.js';

export interface LoadSpec {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** A fixed body, or a function giving each request its own (a fresh wsa:MessageID). */
  readonly body: string | (() => string);
  readonly expectStatus: number;
}

export interface LoadResult {
  readonly durationS: number;
  readonly completed: number;
  /** Responses with the expected status, per second: the figure that counts as speed. */
  readonly reqPerSec: number;
  readonly unexpected: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Record<string, number>;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function load(
  spec: LoadSpec,
  o: { connections: number; durationS?: number; amount?: number; overallRate?: number; recordLatencies?: boolean; onResponse?: () => void },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const record = o.recordLatencies ?? true;
  const makeBody = spec.body;
  const options: autocannon.Options = {
    url: spec.url,
    connections: o.connections,
    method: 'POST',
    headers: spec.headers,
    timeout: 30,
    ...(o.amount ? { amount: o.amount } : { duration: o.durationS ?? 10 }),
    ...(o.overallRate ? { overallRate: o.overallRate } : {}),
    ...(typeof makeBody === 'string'
      ? { body: makeBody }
      : { requests: [{ method: 'POST', headers: spec.headers, setupRequest: (req: autocannon.Request) => ({ ...req, body: makeBody() }) }] }),
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (err, result) => {
      if (err) return reject(err);
      latencies.sort((a, b) => a - b);
      const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
      const completed = Object.values(statusCodes).reduce((a, b) => a + b, 0);
      const expected = statusCodes[String(spec.expectStatus)] ?? 0;
      resolve({
        durationS: result.duration,
        completed,
        reqPerSec: expected / result.duration,
        unexpected: completed - expected,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes,
        p50: record ? percentile(latencies, 0.5) : result.latency.p50,
        p99: record ? percentile(latencies, 0.99) : result.latency.p99,
        max: record ? (latencies[latencies.length - 1] ?? 0) : result.latency.max,
      });
    });
    if (record) instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => void latencies.push(responseTime));
    const onResponse = o.onResponse;
    if (onResponse) instance.on('response', () => onResponse());
  });
}
