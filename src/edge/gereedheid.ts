/**
 * Readiness: can this process serve a request now? A request needs the store to read and to take a
 * write (a read writes its inzage record too), so the check is the store's `ping`, which does both
 * the way requests do (SQLite: an inzage record written and removed in a committed transaction,
 * SQL Server: one written in a transaction rolled back; see the adapters). A read-only or full
 * database fails it, as it fails every request.
 *
 * The outcome is GET /ready's answer and the gauge cvs_ready, checked on every GET /ready and every
 * INTERVAL_MS (only while metrics are on: the gauge is its only reader then). Checks never overlap:
 * a GET /ready during a check waits for that check's outcome.
 */
import type { Logger } from 'pino';
import { errorForLog } from '../log/logger.js';
import type { Store } from '../store/port.js';

/** How often the gauge is brought up to date between two GET /ready. */
export const INTERVAL_MS = 10_000;

export class Gereedheid {
  private bezig: Promise<boolean> | undefined;
  /** The outcome of the last check; undefined before the first. */
  private laatst: boolean | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Pick<Store, 'ping'>,
    private readonly logger: Logger,
    private readonly gauge?: (ok: boolean) => void,
  ) {}

  /** Checks now (or waits for the check under way): true when the store reads and takes a write. */
  controleer(): Promise<boolean> {
    this.bezig ??= this.store
      .ping()
      .then(
        () => true,
        (err: unknown) => {
          // Once per change of state, not every ten seconds.
          if (this.laatst !== false) this.logger.error({ err: errorForLog(err) }, 'not ready: the store does not take a write');
          return false;
        },
      )
      .then((ok) => {
        if (ok && this.laatst === false) this.logger.info('ready again');
        this.laatst = ok;
        this.gauge?.(ok);
        this.bezig = undefined;
        return ok;
      });
    return this.bezig;
  }

  /** Checks now and then every `intervalMs`, without keeping the process alive. */
  start(intervalMs = INTERVAL_MS): void {
    void this.controleer();
    this.timer = setInterval(() => void this.controleer(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
