/**
 * Starts the gateway: `npm start` is the sandbox (plain HTTP on loopback, the embedded store loaded
 * with the dataset); CVS_MODE=productie serves mTLS, CVS_MODE=proxy sits behind a TLS proxy.
 */
import { createApp } from './app.js';
import { ConfigFout, loadConfig, SANDBOX_PSEUDONYM_KEY } from './config.js';
import { fixedClock, systemClock } from './domain/datum.js';
import { DatasetFout, laadDatasetBestand } from './dataset/laden.js';
import { createLogger, errorForLog } from './log/logger.js';
import { draaiSignaalEngine } from './jobs/signaal-engine.js';
import { AfnemersBestand, AfnemersFout } from './auth/afnemers-bestand.js';
import { maakServer } from './server.js';
import { openStore } from './store/open.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const clock = config.today ? fixedClock(config.today) : systemClock();
  if (config.pseudonymKey === SANDBOX_PSEUDONYM_KEY) {
    logger.warn('CVS_PSEUDONYM_KEY is not set: using the sandbox key, which is not fit for production');
  }
  const store = await openStore(config, process.env);
  // Only the sandbox loads the dataset; a production store is filled by ISI's import.
  if (config.modus === 'sandbox' && (await store.isEmpty())) {
    const dataset = laadDatasetBestand(config.dataset, clock());
    await store.importeer(dataset);
    logger.info({ personen: dataset.dossiers.length, afnemers: dataset.afnemers.length }, 'dataset loaded');
  }
  // The jobs: the signaal engine, and the clean-up of answers kept for repeated MessageIDs.
  const signalen = async () => {
    try {
      logger.info(await draaiSignaalEngine(store, clock()), 'signaal engine');
      const tot = new Date(Date.now() - config.antwoordBewaardagen * 86_400_000).toISOString();
      logger.info({ verwijderd: await store.ruimAntwoordenOp(tot) }, 'stored answers cleaned');
      const inzageTot = new Date(Date.now() - config.inzageBewaardagen * 86_400_000).toISOString();
      logger.info({ verwijderd: await store.ruimInzagesOp(inzageTot) }, 'inzage trail cleaned');
    } catch (err) {
      logger.error({ err: errorForLog(err) }, 'job failed');
    }
  };
  await signalen();
  const timer = config.signaalIntervalMs > 0 ? setInterval(() => void signalen(), config.signaalIntervalMs) : undefined;
  timer?.unref();
  // Outside the sandbox the afnemers come from their own file, read again on SIGHUP.
  const afnemers = config.afnemers ? new AfnemersBestand(config.afnemers) : undefined;
  process.on('SIGHUP', () => {
    try {
      if (afnemers) logger.info({ afnemers: afnemers.herlaad() }, 'afnemers reloaded');
    } catch (err) {
      logger.error({ err: errorForLog(err) }, 'afnemers file refused; the table in use stays');
    }
  });
  const app = createApp({ config, store, clock, logger, ...(afnemers ? { afnemers } : {}) });
  const server = maakServer(config, app);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const scheme = config.modus === 'productie' ? 'https' : 'http';
    logger.info({ endpoint: `${scheme}://${config.host}:${port}${config.endpointPath}`, modus: config.modus }, 'cvs-koppeling listening');
  });
  const stop = () => {
    server.close(() => void store.close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof DatasetFout || err instanceof ConfigFout || err instanceof AfnemersFout) {
    process.stderr.write(`cvs-koppeling cannot start: ${err.message}\n`);
  } else {
    process.stderr.write(`cvs-koppeling cannot start: ${(err as Error).message}\n`);
  }
  process.exit(1);
});
