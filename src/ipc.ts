/**
 * Questions between the primary and its workers under node:cluster (cluster.ts), either way: the
 * primary asks a worker to read the afnemers file again, to stop, or for its metrics; a worker asks
 * the primary for the metrics of the whole gateway (metrics.ts). One protocol serves them all.
 *
 * A question names a subject; whoever was given that subject (`beantwoord`) answers it. Several
 * parts of one process may each answer their own subjects. The messages carry no request data.
 */
import cluster, { type Worker } from 'node:cluster';

const VRAAG = 'cvs:vraag';
const ANTWOORD = 'cvs:antwoord';

type Bericht =
  | { readonly type: typeof VRAAG; readonly id: number; readonly onderwerp: string }
  | { readonly type: typeof ANTWOORD; readonly id: number; readonly antwoord?: unknown; readonly fout?: string };

/** Who can be asked: a worker (from the primary), or the primary (`process`, from a worker). */
type Gesprekspartner = Worker | NodeJS.Process;

function stuur(aan: Gesprekspartner, bericht: Bericht): void {
  if (aan === process) {
    if (process.connected) process.send!(bericht);
  } else if ((aan as Worker).isConnected()) (aan as Worker).send(bericht);
}

let volgende = 0;
const open = new Map<number, { resolve(antwoord: unknown): void; reject(err: Error): void; timer: NodeJS.Timeout }>();
let luistert = false;

function ontvang(bericht: Partial<Bericht>): void {
  if (bericht?.type !== ANTWOORD || typeof bericht.id !== 'number') return;
  const wacht = open.get(bericht.id);
  if (!wacht) return;
  open.delete(bericht.id);
  clearTimeout(wacht.timer);
  if (bericht.fout !== undefined) wacht.reject(new Error(bericht.fout));
  else wacht.resolve(bericht.antwoord);
}

/** Asks `aan` about `onderwerp`; rejects when no answer comes within `wachttijdMs` or the answer is an error. */
export function vraag<T>(aan: Gesprekspartner, onderwerp: string, wachttijdMs: number): Promise<T> {
  if (!luistert) {
    luistert = true;
    if (cluster.isPrimary) cluster.on('message', (_worker, bericht: Partial<Bericht>) => ontvang(bericht));
    else process.on('message', (bericht: Partial<Bericht>) => ontvang(bericht));
  }
  return new Promise<T>((resolve, reject) => {
    const id = volgende++;
    const timer = setTimeout(() => {
      open.delete(id);
      reject(new Error(`no answer about ${onderwerp} in time`));
    }, wachttijdMs);
    open.set(id, { resolve: resolve as (antwoord: unknown) => void, reject, timer });
    stuur(aan, { type: VRAAG, id, onderwerp });
  });
}

/**
 * Answers the questions about these subjects, in the primary (from any worker) or in a worker (from
 * the primary). A handler's error goes back as the answer's error.
 */
export function beantwoord(onderwerpen: Readonly<Record<string, () => unknown>>): void {
  const antwoord = (van: Gesprekspartner, bericht: Partial<Bericht>) => {
    if (bericht?.type !== VRAAG || typeof bericht.id !== 'number' || !Object.hasOwn(onderwerpen, bericht.onderwerp ?? '')) return;
    const id = bericht.id;
    Promise.resolve()
      .then(() => onderwerpen[bericht.onderwerp!]!())
      .then(
        (a) => stuur(van, { type: ANTWOORD, id, ...(a === undefined ? {} : { antwoord: a }) }),
        (err: Error) => stuur(van, { type: ANTWOORD, id, fout: err.message }),
      );
  };
  if (cluster.isPrimary) cluster.on('message', (worker, bericht: Partial<Bericht>) => antwoord(worker, bericht));
  else process.on('message', (bericht: Partial<Bericht>) => antwoord(process, bericht));
}
