/**
 * GET /metrics in Prometheus text format (prom-client), on the operations listener (edge/ops.ts)
 * or, in the sandbox without one, on the gateway's own port (docs/operations.md "Metrics"). Per
 * request the app hands over the record it logs (log/logger.ts); from it come one
 * counter increment and one or two histogram observations, nothing else:
 *
 *   cvs_requests_total{operation, outcome, code}   outcome verwerkt (code: the first AS melding, if any),
 *                                                  melding (code: the first FS melding), fault (code:
 *                                                  the fault code), afgebroken (the client went away)
 *   cvs_request_duration_seconds{operation}        from the first byte read to the answer
 *   cvs_store_duration_seconds{operation}          time spent in the store, for requests that used it
 *   cvs_limited_total{limit}                       requests refused by the limit per OIN (fault 0052):
 *                                                  limit rate or concurrent (edge/limits.ts)
 *
 * and one gauge the readiness check keeps (edge/gereedheid.ts):
 *
 *   cvs_ready                                      1 when the last readiness check passed, 0 when it
 *                                                  failed; under a cluster the lowest of the processes
 *
 * plus prom-client's default metrics (event-loop lag, heap, resident memory, CPU, GC, handles).
 * The series of faults 0051 (store unavailable) and 0099 (internal error) exist from the start, at 0
 * for every operation: Prometheus's increase() and rate() cannot see the first increment of a series
 * that appears with it, and the first 0099 after a start may well be the only one.
 *
 * Under a cluster the primary adds its own two, which a single process has no use for:
 *
 *   cvs_workers                                    workers that listen and can be asked (gauge)
 *   cvs_worker_restarts_total                      workers that died after they listened, and were replaced
 *
 * Every label value is ours: an operation name from the registry (anything else is `onbekend`), a
 * melding code of the catalogue, a fault code of soap/fault.ts. Nothing a caller wrote reaches a
 * label, so the number of series is bounded and no BSN, OIN or MessageID can appear.
 *
 * Under node:cluster (CVS_WORKERS > 1) every worker keeps its own registry; /metrics answered by any
 * worker asks the primary (ipc.ts), which asks every listening worker for its registry (as JSON)
 * and adds them up with prom-client's AggregatorRegistry.aggregate (counters, histograms and memory
 * summed, event-loop lag averaged), together with the primary's own registry. Not prom-client's own clusterMetrics(): that asks every forked
 * worker, also one still starting that cannot answer yet, and then fails after 5 s.
 */
import type { Worker } from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LIBXML2 } from './soap/libxml2.js';
import { beantwoord, vraag } from './ipc.js';
import type { RequestRecord } from './log/logger.js';

/** What the app needs: record a request, and give the exposition text. */
export interface Metrics {
  readonly contentType: string;
  /** One request, from the record its log line carries. Called once per request. */
  verzoek(record: RequestRecord): void;
  /** The metrics of the whole gateway (under a cluster: of every worker). */
  tekst(): Promise<string>;
  /** The outcome of a readiness check, for cvs_ready. */
  gereed(ok: boolean): void;
}

/** What the operator endpoints serve as /metrics: the exposition text and its content type. */
export type MetricsTekst = Pick<Metrics, 'contentType' | 'tekst'>;

/** The label of a request whose operation is not known (not yet dispatched, or not in the registry). */
export const ONBEKEND = 'onbekend';

/** A gateway answers in milliseconds; past 2.5 s something is wrong, whatever the exact figure. */
const DUUR_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** The store answers in tenths of a millisecond for a dossier read; a lock wait takes up to a second. */
const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const MELDING = /^(?:FS|AS)\d{3}$/;
const FAULT = /^\d{4}$/;
/** The faults the alerts watch from the first one on (ops/prometheus/alerts.yml): store unavailable, internal error. */
const BEWAAKTE_FAULTS = ['0051', '0099'] as const;

/** Outcome and code of a request, as labels. */
function uitkomst(record: RequestRecord): [outcome: string, code: string | undefined] {
  if (record.fault !== undefined) return ['fault', FAULT.test(record.fault) ? record.fault : ONBEKEND];
  if (record.verwerkt === undefined) return ['afgebroken', undefined];
  const meldingen = record.meldingen ?? [];
  const code = record.verwerkt ? meldingen[0] : meldingen.find((m) => m.startsWith('FS'));
  return [record.verwerkt ? 'verwerkt' : 'melding', code === undefined ? undefined : MELDING.test(code) ? code : ONBEKEND];
}

/** What this process runs, for the start-up log line and the build-info gauge. */
export const BUILD_INFO = { node: process.version, libxml2: LIBXML2.versie, libxml2_binding: LIBXML2.binding } as const;

/** The metrics of this process. */
class ProcesMetrics {
  readonly registry = new Registry();
  private readonly verzoeken: Counter<'operation' | 'outcome' | 'code'>;
  private readonly duur: Histogram<'operation'>;
  private readonly storeDuur: Histogram<'operation'>;
  private readonly begrensd: Counter<'limit'>;
  private readonly klaar: Gauge;
  private readonly bekend: ReadonlySet<string>;

  constructor(operaties: readonly string[]) {
    this.bekend = new Set(operaties);
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.verzoeken = new Counter({
      name: 'cvs_requests_total',
      help: 'SOAP requests answered, by operation and outcome: verwerkt, melding (code: the first FS melding), fault (code: the fault code), afgebroken',
      labelNames: ['operation', 'outcome', 'code'],
      registers,
    });
    for (const operation of [...operaties, ONBEKEND]) {
      for (const code of BEWAAKTE_FAULTS) this.verzoeken.inc({ operation, outcome: 'fault', code }, 0);
    }
    this.duur = new Histogram({
      name: 'cvs_request_duration_seconds',
      help: 'Time from reading a SOAP request to its answer, by operation',
      labelNames: ['operation'],
      buckets: DUUR_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'cvs_build_info',
      help: 'What the gateway runs on: Node.js, the libxml2 that parses the requests and its binding; always 1',
      labelNames: Object.keys(BUILD_INFO) as Array<keyof typeof BUILD_INFO>,
      aggregator: 'first',
      registers,
    }).set(BUILD_INFO, 1);
    this.storeDuur = new Histogram({
      name: 'cvs_store_duration_seconds',
      help: 'Time one SOAP request spent in the store, by operation',
      labelNames: ['operation'],
      buckets: STORE_BUCKETS,
      registers,
    });
    this.begrensd = new Counter({
      name: 'cvs_limited_total',
      help: 'SOAP requests refused by the limit per caller OIN (fault 0052), by limit: rate or concurrent',
      labelNames: ['limit'],
      registers,
    });
    // Both series from the start, so that a rate() over them needs no first refusal.
    for (const limit of ['rate', 'concurrent']) this.begrensd.inc({ limit }, 0);
    this.klaar = new Gauge({
      name: 'cvs_ready',
      help: 'Whether the last readiness check passed (the store reads and takes a write): 1 or 0; under a cluster the lowest of the processes',
      aggregator: 'min',
      registers,
    });
  }

  gereed(ok: boolean): void {
    this.klaar.set(ok ? 1 : 0);
  }

  verzoek(record: RequestRecord): void {
    const operation = record.operation !== undefined && this.bekend.has(record.operation) ? record.operation : ONBEKEND;
    const [outcome, code] = uitkomst(record);
    this.verzoeken.inc(code === undefined ? { operation, outcome } : { operation, outcome, code });
    if (record.durationMs !== undefined) this.duur.observe({ operation }, record.durationMs / 1000);
    if (record.storeMs !== undefined) this.storeDuur.observe({ operation }, record.storeMs / 1000);
    if (record.limited !== undefined) this.begrensd.inc({ limit: record.limited });
  }
}

/** The metrics of a gateway that is one process: /metrics reads this process's registry. */
export function maakMetrics(operaties: readonly string[]): Metrics {
  const m = new ProcesMetrics(operaties);
  return { contentType: m.registry.contentType, verzoek: (r) => m.verzoek(r), tekst: () => m.registry.metrics(), gereed: (ok) => m.gereed(ok) };
}

/** What a worker asks the primary, and the primary each worker (ipc.ts). */
const GATEWAY = 'metrics';
const WORKER = 'metrics-json';
/** How long a worker waits for the primary's answer; longer than the primary waits for the workers. */
const WACHTTIJD_MS = 10_000;
/** How long the primary waits for every worker's metrics. */
const VERZAMELTIJD_MS = 5_000;

type MetricJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * The metrics of a cluster worker: it records its own requests, gives them (as JSON) when the
 * primary gathers, and for /metrics asks the primary for the whole gateway's text.
 */
export function maakWorkerMetrics(operaties: readonly string[]): Metrics {
  const m = new ProcesMetrics(operaties);
  beantwoord({ [WORKER]: () => m.registry.getMetricsAsJSON() });
  return {
    contentType: m.registry.contentType,
    verzoek: (r) => m.verzoek(r),
    tekst: () => vraag<string>(process, GATEWAY, WACHTTIJD_MS),
    gereed: (ok) => m.gereed(ok),
  };
}

/** What the primary counts itself (cluster.ts). */
export interface PrimaryMetrics extends MetricsTekst {
  /** A worker that had listened died and a new one is forked. */
  herstart(): void;
}

/**
 * In the primary: answers a worker's question for /metrics with the metrics of every worker that
 * `workers` gives (those that listen: a worker still starting has no metrics yet), aggregated by
 * prom-client's AggregatorRegistry together with the primary's own: how many workers listen (the
 * length of `workers`) and how many were replaced. A worker that does not answer makes it an error,
 * not a partial sum.
 */
export function maakPrimaryMetrics(workers: () => readonly Worker[]): PrimaryMetrics {
  const registry = new Registry();
  new Gauge({
    name: 'cvs_workers',
    help: 'Cluster workers that listen and can be asked for their metrics (CVS_WORKERS > 1 only)',
    registers: [registry],
    collect() {
      this.set(workers().length);
    },
  });
  const herstarts = new Counter({
    name: 'cvs_worker_restarts_total',
    help: 'Cluster workers that died after they listened and were replaced by a new one (CVS_WORKERS > 1 only)',
    registers: [registry],
  });
  const tekst = async () => {
    const metrics = await Promise.all([registry.getMetricsAsJSON(), ...workers().map((w) => vraag<MetricJson>(w, WORKER, VERZAMELTIJD_MS))]);
    return AggregatorRegistry.aggregate(metrics).metrics();
  };
  beantwoord({ [GATEWAY]: tekst });
  return { contentType: registry.contentType, tekst, herstart: () => herstarts.inc() };
}
