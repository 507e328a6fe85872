/**
 * Per caller OIN: a rate limit (token bucket: `rate` requests per second sustained, `burst` at
 * once) and a bound on its requests in flight (`concurrent`). The pipeline asks as soon as it knows
 * the OIN, before the afnemers table, the XSD or the store: a refused request costs no store work
 * and leaves nothing behind (no stored answer, no inzage record). The refusal is fault 0052 with a
 * Retry-After header (soap/fault.ts).
 *
 * Per process: under node:cluster each worker keeps its own table, so a caller whose connections
 * land on n workers may reach n times the setting. Not divided by n: a client on one keep-alive
 * connection meets one worker only, and would get a fraction of its rate.
 *
 * Bounded memory: at most MAX_OINS entries, the least recently seen one going first. In the
 * sandbox the OIN is the caller's to choose, so a table without a bound would grow with every
 * made-up OIN; one pushed out starts again with a full bucket, which only ever favours its owner.
 */
import type { OinLimietInstelling } from '../config.js';

/** Entries of the table at most: about 100 bytes each. */
export const MAX_OINS = 10_000;

export type Limiet = 'rate' | 'concurrent';

export type Toegang =
  | { readonly toegelaten: true; /** Gives the request's place back (once; again does nothing). */ vrij(): void }
  | { readonly toegelaten: false; readonly limiet: Limiet; /** Whole seconds after which a new request may pass. */ readonly retryAfterS: number };

interface Emmer {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  bijgewerkt: number;
  inVlucht: number;
}

export class OinLimieten {
  private readonly tabel = new Map<string, Emmer>();

  constructor(
    private readonly instelling: OinLimietInstelling,
    private readonly nu: () => number = () => performance.now(),
    private readonly maxOins = MAX_OINS,
  ) {}

  /** Off when neither limit is set (CVS_OIN_RATE=0 and CVS_OIN_CONCURRENT=0). */
  static van(instelling: OinLimietInstelling): OinLimieten | undefined {
    return instelling.rate === 0 && instelling.concurrent === 0 ? undefined : new OinLimieten(instelling);
  }

  /** How many OINs the table holds now. */
  get omvang(): number {
    return this.tabel.size;
  }

  /** May a request of `oin` start now? When it may, its place in flight is taken until `vrij`. */
  neem(oin: string): Toegang {
    const { rate, burst, concurrent } = this.instelling;
    const nu = this.nu();
    const emmer = this.emmer(oin, nu);
    if (concurrent > 0 && emmer.inVlucht >= concurrent) return { toegelaten: false, limiet: 'concurrent', retryAfterS: 1 };
    if (rate > 0) {
      emmer.tokens = Math.min(burst, emmer.tokens + ((nu - emmer.bijgewerkt) / 1000) * rate);
      emmer.bijgewerkt = nu;
      if (emmer.tokens < 1) return { toegelaten: false, limiet: 'rate', retryAfterS: Math.max(1, Math.ceil((1 - emmer.tokens) / rate)) };
      emmer.tokens -= 1;
    }
    emmer.inVlucht++;
    let gedaan = false;
    return {
      toegelaten: true,
      vrij: () => {
        if (gedaan) return;
        gedaan = true;
        emmer.inVlucht--;
      },
    };
  }

  /** The OIN's entry, now the most recently seen; a new one with a full bucket. */
  private emmer(oin: string, nu: number): Emmer {
    let emmer = this.tabel.get(oin);
    if (emmer) this.tabel.delete(oin);
    else {
      emmer = { tokens: this.instelling.burst, bijgewerkt: nu, inVlucht: 0 };
      // A Map iterates in insertion order: the first key is the least recently seen.
      if (this.tabel.size >= this.maxOins) this.tabel.delete(this.tabel.keys().next().value!);
    }
    this.tabel.set(oin, emmer);
    return emmer;
  }
}
