/**
 * The WAL checkpoint, in a thread of its own.
 *
 * At a checkpoint SQLite copies the pages of committed transactions from the WAL back into the
 * database file. By default the commit that takes the WAL past 1,000 pages runs it itself, on the
 * event loop, copying every page the transactions since then touched. The inzage trail's index by
 * pseudonym puts each read's record on a page of its own, so under load these checkpoints held
 * the loop for a tenth of its time, and more as the trail grows.
 *
 * Here a worker thread with a connection of its own runs a PASSIVE checkpoint five times a second.
 * It waits for no lock and takes none that a reader or writer waits for, and copies only what
 * every reader is done with; it syncs the database file (synchronous FULL) before the WAL may be
 * reused. The serving connection keeps a checkpoint of its own at a larger WAL
 * (`VANGNET_PAGINAS`): it then copies only what the thread has not yet copied, after which the
 * WAL starts from its beginning again, and it bounds the WAL when the thread falls behind. A
 * thread that ends by itself gives the connection SQLite's ordinary checkpoint back.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Between two checkpoints of the thread. */
const PERIODE_MS = 200;
/** The serving connection's own checkpoint while the thread runs, in pages of the WAL (SQLite's default: 1,000). */
export const VANGNET_PAGINAS = 10_000;

// The thread's code: plain JavaScript, evaluated, so that it runs the same from src/ under tsx and
// from dist/; better-sqlite3 is resolved here and handed over by path.
// better-sqlite3's SqliteError reaches the other thread without its message: it leaves as an Error.
const CODE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const gewoon = (f) => {
  try {
    return f();
  } catch (e) {
    throw new Error((e && e.code ? e.code + ': ' : '') + (e && e.message));
  }
};
const db = gewoon(() => new Database(workerData.filename, { fileMustExist: true }));
db.pragma('busy_timeout = 0');
db.pragma('synchronous = FULL');
const timer = setInterval(() => gewoon(() => db.pragma('wal_checkpoint(PASSIVE)')), workerData.periodeMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private readonly einde: Promise<void>;
  private gestopt = false;

  /** `gefaald` is called when the thread ends other than by `stop()`: it failed or was ended. */
  constructor(filename: string, gefaald: (e: Error) => void) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(CODE, { eval: true, workerData: { filename, module, periodeMs: PERIODE_MS } });
    // A process that is done does not wait for its checkpoints.
    this.worker.unref();
    let fout: Error | undefined;
    this.worker.once('error', (e) => (fout = e));
    this.einde = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        if (!this.gestopt) gefaald(fout ?? new Error(`the checkpoint thread ended (exit code ${String(code)})`));
        resolve();
      }),
    );
  }

  /** Ends the thread once its checkpoint in progress, if any, is done, and its connection is closed. */
  async stop(): Promise<void> {
    this.gestopt = true;
    // Held until it is done: a process that waits for nothing else would otherwise end here.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.einde;
  }

}
