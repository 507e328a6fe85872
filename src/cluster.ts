/**
 * One process per core (CVS_WORKERS > 1) under node:cluster, on one port (docs/operations.md
 * "One process per core").
 *
 * The primary has opened the store (creating or migrating its schema), loaded the sandbox's
 * dataset and started the jobs (main.ts): all of that happens once, here. It then forks the workers;
 * each opens the store itself (SQLite: the one file, in WAL mode; or SQL Server) and serves. The
 * primary serves no request. It
 *
 * - forks one worker, and the others once that one listens (a start that fails, fails once);
 * - logs `cvs-koppeling listening` once every worker listens;
 * - replaces a worker that dies (logged with its id, pid, exit code and signal, nothing else); a
 *   worker that dies before it ever listened cannot start, and restarting it would loop: the
 *   gateway stops, with exit code 1;
 * - on SIGHUP asks every worker to read the afnemers file again, and logs one line once all have;
 * - on SIGTERM or SIGINT stops the workers (each finishes its requests in progress and closes its
 *   store), closes its own store and exits 0; a worker still there after 10 s is killed;
 * - answers the workers' questions for /metrics with the metrics of all listening workers and its own
 *   (metrics.ts): how many workers listen, how many were replaced;
 * - serves the operations listener (CVS_OPS_PORT; always outside the sandbox: edge/ops.ts) itself:
 *   those metrics, /health, and /ready checked on its own connection to the store.
 *
 * The messages between primary and workers carry no request data.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { beantwoord, vraag } from './ipc.js';
import { errorForLog } from './log/logger.js';
import { BUILD_INFO, maakPrimaryMetrics } from './metrics.js';
import type { Store } from './store/port.js';
import { Gereedheid } from './edge/gereedheid.js';
import { startOps } from './edge/ops.js';

/** The outcome of reading the afnemers file again: how many afnemers, or why the table in use stays. */
export type Herladen = { readonly afnemers: number } | { readonly fout: ReturnType<typeof errorForLog> };

/** What the primary asks its workers (ipc.ts). */
const HERLAAD = 'herlaad';
const STOP = 'stop';
/** How long the primary waits for the workers: to stop, or to have read the afnemers file. */
const WACHTTIJD_MS = 10_000;

export interface PrimaryDeps {
  readonly config: Config;
  /** The store the primary opened: for the jobs, closed last. */
  readonly store: Store;
  readonly logger: Logger;
  readonly stopJobs: () => void;
}

export function startPrimary(deps: PrimaryDeps): void {
  const { config, logger } = deps;
  /** The workers that have listened. */
  const luisterend = new Set<number>();
  /** The workers that listen and can be asked something (a worker still starting cannot answer yet). */
  const bereikbaar = () => [...luisterend].flatMap((id) => cluster.workers?.[id] ?? []).filter((w) => w.isConnected());
  const metrics = config.metrics ? maakPrimaryMetrics(bereikbaar) : undefined;
  const ops = config.ops ? startOps(config.ops, { gereedheid: new Gereedheid(deps.store, logger), logger, ...(metrics ? { metrics } : {}) }) : undefined;
  let aangekondigd = false;
  let restGeforkt = false;
  let stoppend = false;

  cluster.on('listening', (worker, address) => {
    luisterend.add(worker.id);
    // The first one listens: the port can be had, the others follow together.
    if (!restGeforkt) {
      restGeforkt = true;
      for (let i = 1; i < config.workers; i++) cluster.fork();
    }
    if (aangekondigd || luisterend.size < config.workers) return;
    aangekondigd = true;
    const scheme = config.modus === 'productie' ? 'https' : 'http';
    logger.info(
      { endpoint: `${scheme}://${config.host}:${address.port}${config.endpointPath}`, modus: config.modus, workers: config.workers, pid: process.pid, ...BUILD_INFO },
      'cvs-koppeling listening',
    );
  });

  cluster.on('exit', (worker, code, signal) => {
    const luisterde = luisterend.delete(worker.id);
    if (stoppend) return;
    const wie = { worker: worker.id, pid: worker.process.pid, code, signal };
    if (!luisterde) {
      logger.error(wie, 'a worker stopped before it listened: the gateway stops');
      process.stderr.write('cvs-koppeling cannot start: a worker stopped before it listened (its message is above)\n');
      void stop(1);
      return;
    }
    logger.warn(wie, 'worker died; starting a new one');
    metrics?.herstart();
    cluster.fork();
  });

  // The afnemers file: every worker reads it again, and one line says how that went.
  process.on('SIGHUP', () => {
    if (stoppend || !config.afnemers) return;
    // A worker still starting reads the file as it is when it starts.
    const workers = bereikbaar();
    if (workers.length === 0) return;
    void Promise.allSettled(workers.map((w) => vraag<Herladen | undefined>(w, HERLAAD, WACHTTIJD_MS))).then((antwoorden) => {
      const beantwoord = antwoorden.filter((a) => a.status === 'fulfilled');
      // A worker without an afnemers file answers nothing (the sandbox).
      const uitkomsten = beantwoord.flatMap((a) => (a.value ? [a.value] : []));
      const fout = uitkomsten.find((u): u is Extract<Herladen, { fout: unknown }> => 'fout' in u);
      const geweigerd = uitkomsten.filter((u) => 'fout' in u).length;
      const aantallen = [...new Set(uitkomsten.flatMap((u) => ('afnemers' in u ? [u.afnemers] : [])))];
      const aantal = uitkomsten.length;
      if (fout) logger.error({ workers: aantal, geweigerd, err: fout.fout }, 'afnemers file refused; the table in use stays');
      else if (beantwoord.length < workers.length) logger.error({ workers: beantwoord.length, verwacht: workers.length }, 'not every worker answered the afnemers reload');
      else logger.info({ workers: aantal, afnemers: aantallen.length === 1 ? aantallen[0] : aantallen }, 'afnemers reloaded');
    });
  });

  const stop = async (exitCode: number) => {
    if (stoppend) return;
    stoppend = true;
    deps.stopJobs();
    ops?.close();
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    const weg = Promise.all(workers.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve())))));
    for (const w of workers) {
      // A worker that lost its channel cannot be asked (and ignores SIGTERM).
      if (w.isConnected()) vraag(w, STOP, WACHTTIJD_MS).catch(() => undefined);
      else w.process.kill('SIGKILL');
    }
    const teLaat = setTimeout(() => {
      for (const w of workers) if (!w.isDead()) w.process.kill('SIGKILL');
    }, WACHTTIJD_MS);
    await weg;
    clearTimeout(teLaat);
    await deps.store.close().catch(() => undefined);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  // One worker first: a port or a store it cannot have stops the start once, not once per worker.
  cluster.fork();
}

/** In a worker: what the primary may ask of it. */
export function werkerBerichten(handlers: { herlaad(): Herladen | undefined; stop(): void }): void {
  beantwoord({ [HERLAAD]: handlers.herlaad, [STOP]: handlers.stop });
}
