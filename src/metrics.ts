/**
 * GET /metrics in Prometheus text format (prom-client), on the gateway's own port (README
 * "Metrics"). Per request the app hands over the record it logs (log/logger.ts); from it come one
 * counter increment and one or two histogram observations, nothing else:
 *
 *   cvs_requests_total{operation, outcome, code}   outcome verwerkt (code: the first AS melding, if any),
 *                                                  melding (code: the first FS melding), fault (code:
 *                                                  the fault code), afgebroken (the client went away)
 *   cvs_request_duration_seconds{operation}        from the first byte read to the answer
 *   cvs_store_duration_seconds{operation}          time spent in the store, for requests that used it
 *
 * plus prom-client's default metrics (event-loop lag, heap, resident memory, CPU, GC, handles).
 *
 * Every label value is ours: an operation name from the registry (anything else is `onbekend`), a
 * melding code of the catalogue, a fault code of soap/fault.ts. Nothing a caller wrote reaches a
 * label, so the number of series is bounded and no BSN, OIN or MessageID can appear.
 *
 * Under node:cluster (CVS_WORKERS > 1) every worker keeps its own registry; /metrics answered by any
 * worker asks the primary over IPC, which asks every listening worker for its registry (as JSON)
 * and adds them up with prom-client's AggregatorRegistry.aggregate (counters, histograms and memory
 * summed, event-loop lag averaged). Not prom-client's own clusterMetrics(): that asks every forked
 * worker, also one still starting that cannot answer yet, and then fails after 5 s.
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { RequestRecord } from './log/logger.js';

/** What the app needs: record a request, and give the exposition text. */
export interface Metrics {
  readonly contentType: string;
  /** One request, from the record its log line carries. Called once per request. */
  verzoek(record: RequestRecord): void;
  /** The metrics of the whole gateway (under a cluster: of every worker). */
  tekst(): Promise<string>;
}

/** The label of a request whose operation is not known (not yet dispatched, or not in the registry). */
export const ONBEKEND = 'onbekend';

/** A gateway answers in milliseconds; past 2.5 s something is wrong, whatever the exact figure. */
const DUUR_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** The store answers in tenths of a millisecond for a dossier read; a lock wait takes up to a second. */
const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const MELDING = /^(?:FS|AS)\d{3}$/;
const FAULT = /^\d{4}$/;

/** Outcome and code of a request, as labels. */
function uitkomst(record: RequestRecord): [outcome: string, code: string | undefined] {
  if (record.fault !== undefined) return ['fault', FAULT.test(record.fault) ? record.fault : ONBEKEND];
  if (record.verwerkt === undefined) return ['afgebroken', undefined];
  const meldingen = record.meldingen ?? [];
  const code = record.verwerkt ? meldingen[0] : meldingen.find((m) => m.startsWith('FS'));
  return [record.verwerkt ? 'verwerkt' : 'melding', code === undefined ? undefined : MELDING.test(code) ? code : ONBEKEND];
}

/** The metrics of this process. */
class ProcesMetrics {
  readonly registry = new Registry();
  private readonly verzoeken: Counter<'operation' | 'outcome' | 'code'>;
  private readonly duur: Histogram<'operation'>;
  private readonly storeDuur: Histogram<'operation'>;
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
    this.duur = new Histogram({
      name: 'cvs_request_duration_seconds',
      help: 'Time from reading a SOAP request to its answer, by operation',
      labelNames: ['operation'],
      buckets: DUUR_BUCKETS,
      registers,
    });
    this.storeDuur = new Histogram({
      name: 'cvs_store_duration_seconds',
      help: 'Time one SOAP request spent in the store, by operation',
      labelNames: ['operation'],
      buckets: STORE_BUCKETS,
      registers,
    });
  }

  verzoek(record: RequestRecord): void {
    const operation = record.operation !== undefined && this.bekend.has(record.operation) ? record.operation : ONBEKEND;
    const [outcome, code] = uitkomst(record);
    this.verzoeken.inc(code === undefined ? { operation, outcome } : { operation, outcome, code });
    if (record.durationMs !== undefined) this.duur.observe({ operation }, record.durationMs / 1000);
    if (record.storeMs !== undefined) this.storeDuur.observe({ operation }, record.storeMs / 1000);
  }
}

/** The metrics of a gateway that is one process: /metrics reads this process's registry. */
export function maakMetrics(operaties: readonly string[]): Metrics {
  const m = new ProcesMetrics(operaties);
  return { contentType: m.registry.contentType, verzoek: (r) => m.verzoek(r), tekst: () => m.registry.metrics() };
}

const VRAAG = 'cvs:metrics';
const ANTWOORD = 'cvs:metrics-antwoord';
const VERZAMEL = 'cvs:metrics-verzamel';
const VERZAMELD = 'cvs:metrics-verzameld';
/** How long a worker waits for the primary's answer; longer than the primary waits for the workers. */
const WACHTTIJD_MS = 10_000;
/** How long the primary waits for every worker's metrics. */
const VERZAMELTIJD_MS = 5_000;

type Bericht =
  | { readonly type: typeof VRAAG; readonly id: number }
  | { readonly type: typeof ANTWOORD; readonly id: number; readonly tekst?: string; readonly fout?: string }
  | { readonly type: typeof VERZAMEL; readonly id: number }
  | { readonly type: typeof VERZAMELD; readonly id: number; readonly metrics?: MetricJson; readonly fout?: string };

type MetricJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * The metrics of a cluster worker: it records its own requests, gives them (as JSON) when the
 * primary gathers, and for /metrics asks the primary for the whole gateway's text.
 */
export function maakWorkerMetrics(operaties: readonly string[]): Metrics {
  const m = new ProcesMetrics(operaties);
  let volgende = 0;
  const open = new Map<number, { resolve: (tekst: string) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }>();
  const stuur = (bericht: Bericht) => process.send!(bericht);
  process.on('message', (bericht: Partial<Bericht>) => {
    if (typeof bericht?.id !== 'number') return;
    const id = bericht.id;
    if (bericht.type === VERZAMEL) {
      m.registry.getMetricsAsJSON().then(
        (metrics) => stuur({ type: VERZAMELD, id, metrics }),
        (err: Error) => stuur({ type: VERZAMELD, id, fout: err.message }),
      );
      return;
    }
    if (bericht.type !== ANTWOORD) return;
    const wacht = open.get(id);
    if (!wacht) return;
    open.delete(id);
    clearTimeout(wacht.timer);
    if (typeof bericht.tekst === 'string') wacht.resolve(bericht.tekst);
    else wacht.reject(new Error(`the primary could not gather the workers' metrics: ${bericht.fout ?? 'no answer'}`));
  });
  return {
    contentType: m.registry.contentType,
    verzoek: (r) => m.verzoek(r),
    tekst: () =>
      new Promise<string>((resolve, reject) => {
        const id = volgende++;
        const timer = setTimeout(() => {
          open.delete(id);
          reject(new Error('the primary did not send the metrics in time'));
        }, WACHTTIJD_MS);
        open.set(id, { resolve, reject, timer });
        stuur({ type: VRAAG, id });
      }),
  };
}

/**
 * In the primary: answers a worker's question for /metrics with the metrics of every worker that
 * `workers` gives (those that listen: a worker still starting has no metrics yet), aggregated by
 * prom-client's AggregatorRegistry.
 */
export function beantwoordMetricsVragen(workers: () => readonly Worker[]): void {
  let volgende = 0;
  const verzamelingen = new Map<number, { wacht: number; readonly metrics: MetricJson[]; readonly klaar: (fout?: string) => void }>();
  cluster.on('message', (worker, bericht: Partial<Bericht>) => {
    if (typeof bericht?.id !== 'number') return;
    if (bericht.type === VERZAMELD) {
      const v = verzamelingen.get(bericht.id);
      if (!v) return;
      if (bericht.metrics) v.metrics.push(bericht.metrics);
      if (bericht.fout !== undefined || --v.wacht === 0) v.klaar(bericht.fout);
      return;
    }
    if (bericht.type !== VRAAG) return;
    const vraag = bericht.id;
    const antwoord = (a: { tekst: string } | { fout: string }) => {
      if (worker.isConnected()) worker.send({ type: ANTWOORD, id: vraag, ...a } satisfies Bericht);
    };
    const gevraagd = workers();
    const id = volgende++;
    const metrics: MetricJson[] = [];
    const klaar = (fout?: string) => {
      if (!verzamelingen.delete(id)) return;
      clearTimeout(timer);
      if (fout !== undefined) return antwoord({ fout });
      AggregatorRegistry.aggregate(metrics)
        .metrics()
        .then(
          (tekst) => antwoord({ tekst }),
          (err: Error) => antwoord({ fout: err.message }),
        );
    };
    const timer = setTimeout(() => klaar('not every worker answered in time'), VERZAMELTIJD_MS);
    verzamelingen.set(id, { wacht: gevraagd.length, metrics, klaar });
    for (const w of gevraagd) w.send({ type: VERZAMEL, id } satisfies Bericht);
    if (gevraagd.length === 0) klaar();
  });
}
