/**
 * Starts the gateway: `npm start` is the sandbox (plain HTTP on loopback, the embedded store loaded
 * with the dataset); CVS_MODE=productie serves mTLS, CVS_MODE=proxy sits behind a TLS proxy.
 *
 * With CVS_WORKERS=1 the process serves itself. With more, it is the primary of a node:cluster
 * (cluster.ts): it does what must happen once (the store's schema, the sandbox's dataset, the jobs)
 * and forks the workers, each of which opens the store and serves the one port (`werker` below).
 *
 * /metrics, /health and /ready are on the operations listener when there is one (CVS_OPS_PORT; always
 * outside the sandbox: edge/ops.ts), served by this process or, under a cluster, by the primary.
 */
import cluster from 'node:cluster';
import { createApp } from './app.js';
import { AfnemersBestand } from './auth/afnemers-bestand.js';
import { startPrimary, werkerBerichten, type Herladen } from './cluster.js';
import { kiestMssql, loadConfig, SANDBOX_PSEUDONYM_KEY, type Config } from './config.js';
import { fixedClock, systemClock, type Clock } from './domain/datum.js';
import { laadDatasetBestand } from './dataset/laden.js';
import { draaiSignaalEngine } from './jobs/signaal-engine.js';
import { createLogger, errorForLog, logUitvoer } from './log/logger.js';
import { BUILD_INFO, maakMetrics, maakWorkerMetrics, type Metrics } from './metrics.js';
import { OPERATIONS } from './operations/index.js';
import { maakServer } from './server.js';
import { openStore } from './store/open.js';
import { Gereedheid } from './edge/gereedheid.js';
import { OinLimieten } from './edge/limits.js';
import { startOps } from './edge/ops.js';
import type { Store } from './store/port.js';
import type { Logger } from 'pino';
import type { Server } from 'node:http';

const OPERATIE_NAMEN = OPERATIONS.map((op) => op.naam);

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (cluster.isWorker) return werker(config);
  const logger = createLogger(config.logLevel, logUitvoer(config.logFormat));
  const clock = klok(config);
  if (config.pseudonymKey === SANDBOX_PSEUDONYM_KEY) {
    logger.warn('CVS_PSEUDONYM_KEY is not set: using the sandbox key, which is not fit for production');
  }
  // Opening the store creates or migrates its schema; under a cluster this happens here, once.
  const store = await openStore(config, process.env, logger);
  // Only the sandbox loads the dataset; a production store is filled by ISI's import.
  if (config.modus === 'sandbox' && (await store.isEmpty())) {
    const dataset = laadDatasetBestand(config.dataset, clock());
    await store.importeer(dataset);
    logger.info({ personen: dataset.dossiers.length, afnemers: dataset.afnemers.length }, 'dataset loaded');
  }
  const stopJobs = await startJobs(config, store, clock, logger);
  if (config.workers > 1) {
    startPrimary({ config, store, logger, stopJobs });
    return;
  }

  // One process: it serves itself.
  const afnemers = config.afnemers ? new AfnemersBestand(config.afnemers) : undefined;
  herlaadOpSighup(afnemers, logger);
  const metrics = config.metrics ? maakMetrics(OPERATIE_NAMEN) : undefined;
  const gereedheid = gereedheidVan(store, logger, metrics);
  const ops = config.ops ? startOps(config.ops, { gereedheid, logger, ...(metrics ? { metrics } : {}) }) : undefined;
  const server = serve(config, store, clock, logger, afnemers, metrics, gereedheid);
  server.once('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const scheme = config.modus === 'productie' ? 'https' : 'http';
    logger.info({ endpoint: `${scheme}://${config.host}:${port}${config.endpointPath}`, modus: config.modus, ...BUILD_INFO }, 'cvs-koppeling listening');
  });
  const stop = () => {
    gereedheid.stop();
    ops?.close();
    server.close(() => void store.close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * A worker of the cluster: opens the store the primary prepared and serves. The primary stops it
 * (an IPC message, see cluster.ts); SIGTERM and SIGINT sent to the whole process group are left to
 * the primary, so that a shutdown is never taken for a worker that died.
 */
async function werker(config: Config): Promise<void> {
  const id = cluster.worker!.id;
  const logger = createLogger(config.logLevel, logUitvoer(config.logFormat)).child({ worker: id });
  const clock = klok(config);
  // The primary applied the SQL Server migrations (CVS_MSSQL_MIGRATE); a worker only checks them.
  const env = kiestMssql(process.env) ? { ...process.env, CVS_MSSQL_MIGRATE: 'false' } : process.env;
  const store = await openStore(config, env, logger);
  const afnemers = config.afnemers ? new AfnemersBestand(config.afnemers) : undefined;
  // A SIGHUP sent to the whole process group reaches the worker itself; the primary's comes as a question.
  herlaadOpSighup(afnemers, logger);
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  const metrics = config.metrics ? maakWorkerMetrics(OPERATIE_NAMEN) : undefined;
  // Each worker checks its own connection to the store; cvs_ready is the lowest of them.
  const gereedheid = gereedheidVan(store, logger, metrics);
  const server = serve(config, store, clock, logger, afnemers, metrics, gereedheid);
  server.once('listening', () => logger.info({ pid: process.pid }, 'worker started'));
  let gestopt = false;
  werkerBerichten({
    herlaad: () => herlaad(afnemers),
    stop: () => {
      if (gestopt) return;
      gestopt = true;
      gereedheid.stop();
      server.close(() => void store.close().then(() => process.exit(0)));
    },
  });
}

/**
 * The jobs: the signaal engine, and the clean-ups of stored answers and of the inzage trail. Run
 * once now, then on their interval; a run still busy when the next is due lets that one pass.
 */
async function startJobs(config: Config, store: Store, clock: Clock, logger: Logger): Promise<() => void> {
  let bezig = false;
  const jobs = async () => {
    if (bezig) {
      logger.warn('the jobs of the previous interval are still running: this run is skipped');
      return;
    }
    bezig = true;
    try {
      const begin = performance.now();
      const engine = await draaiSignaalEngine(store, clock());
      logger.info({ ...engine, ms: Math.round(performance.now() - begin) }, 'signaal engine');
      const tot = new Date(Date.now() - config.antwoordBewaardagen * 86_400_000).toISOString();
      logger.info({ verwijderd: await store.ruimAntwoordenOp(tot) }, 'stored answers cleaned');
      const inzageTot = new Date(Date.now() - config.inzageBewaardagen * 86_400_000).toISOString();
      logger.info({ verwijderd: await store.ruimInzagesOp(inzageTot) }, 'inzage trail cleaned');
    } catch (err) {
      logger.error({ err: errorForLog(err) }, 'job failed');
    } finally {
      bezig = false;
    }
  };
  await jobs();
  const timer = config.signaalIntervalMs > 0 ? setInterval(() => void jobs(), config.signaalIntervalMs) : undefined;
  timer?.unref();
  return () => clearInterval(timer);
}

/** The readiness check of this process's store; with metrics on, repeated to keep cvs_ready current. */
function gereedheidVan(store: Store, logger: Logger, metrics: Metrics | undefined): Gereedheid {
  const gereedheid = new Gereedheid(store, logger, metrics?.gereed);
  if (metrics) gereedheid.start();
  return gereedheid;
}

function serve(
  config: Config,
  store: Store,
  clock: Clock,
  logger: Logger,
  afnemers: AfnemersBestand | undefined,
  metrics: Metrics | undefined,
  gereedheid: Gereedheid,
): Server {
  // Per process: under a cluster each worker limits on its own (edge/limits.ts says why).
  const limieten = OinLimieten.van(config.oinLimieten);
  const app = createApp({ config, store, clock, logger, gereedheid, ...(afnemers ? { afnemers } : {}), ...(metrics ? { metrics } : {}), ...(limieten ? { limieten } : {}) });
  const server = maakServer(config, app);
  // A port that cannot be had stops the start (under a cluster the primary then stops too).
  const kanNiet = (err: Error) => {
    process.stderr.write(`cvs-koppeling cannot start: ${err.message}\n`);
    process.exit(1);
  };
  server.once('error', kanNiet);
  server.once('listening', () => server.off('error', kanNiet));
  server.listen(config.port, config.host);
  return server;
}

function klok(config: Config): Clock {
  return config.today ? fixedClock(config.today) : systemClock();
}

/** A SIGHUP to this process reads the afnemers file again (under a cluster the primary's comes as a question: cluster.ts). */
function herlaadOpSighup(afnemers: AfnemersBestand | undefined, logger: Logger): void {
  process.on('SIGHUP', () => {
    const uitkomst = herlaad(afnemers);
    if (uitkomst) logHerladen(logger, uitkomst);
  });
}

/** Outside the sandbox the afnemers come from their own file, read again on SIGHUP; the sandbox has none. */
function herlaad(afnemers: AfnemersBestand | undefined): Herladen | undefined {
  if (!afnemers) return undefined;
  try {
    return { afnemers: afnemers.herlaad() };
  } catch (err) {
    return { fout: errorForLog(err) };
  }
}

function logHerladen(logger: Logger, uitkomst: Herladen): void {
  if ('afnemers' in uitkomst) logger.info({ afnemers: uitkomst.afnemers }, 'afnemers reloaded');
  else logger.error({ err: uitkomst.fout }, 'afnemers file refused; the table in use stays');
}

main().catch((err: unknown) => {
  process.stderr.write(`cvs-koppeling cannot start: ${(err as Error).message}\n`);
  process.exit(1);
});
