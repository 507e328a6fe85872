/**
 * One JSON line per request (pino), with the fields of docs/design.md "Logs and metrics". Values
 * that could identify a
 * citizen are never passed to the logger: the request record below has no field for them.
 */
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

export interface RequestRecord {
  messageId?: string;
  operation?: string;
  oin?: string;
  gemeente?: string;
  bsnPseudoniem?: string;
  verwerkt?: boolean;
  /** The answer was the stored one of an earlier request with the same MessageID. */
  herhaald?: boolean;
  meldingen?: string[];
  fault?: string;
  /** The request was refused by the limit per OIN (edge/limits.ts): `rate` or `concurrent`. */
  limited?: 'rate' | 'concurrent';
  httpStatus?: number;
  durationMs?: number;
  storeMs?: number;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'cvs-koppeling' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/**
 * Where `npm start` writes its lines (CVS_LOG_FORMAT): JSON lines for a collector (`json`), or
 * the same lines made readable by pino-pretty (`pretty`), one per line with the time, level,
 * message and fields. Unset: pretty when stdout is a terminal, JSON otherwise. The fields are the
 * same either way, so pretty output carries no more than the JSON does.
 */
export function logUitvoer(format: 'json' | 'pretty' | undefined): DestinationStream | undefined {
  if ((format ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'json') return undefined;
  // Loaded only for a terminal: a collector's gateway never needs it.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  return pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', singleLine: true, ignore: 'service,pid,hostname', sync: true });
}

/**
 * An internal error, as a log line may carry it: its type, and its message and stack with anything
 * shaped like a BSN, an e-mail address or a phone number masked. Internal messages should never
 * hold such values; this makes sure a careless one cannot leak them.
 */
export function errorForLog(err: unknown): { type: string; message: string; stack?: string } {
  const e = err instanceof Error ? err : new Error(String(err));
  return { type: e.name, message: mask(e.message), ...(e.stack ? { stack: mask(e.stack) } : {}) };
}

/**
 * `text` with anything shaped like an e-mail address, a BSN or a phone number masked: every run of
 * nine or more digits, also with spaces, dashes, dots, underscores or slashes between them
 * (`999-901-333`, `999_901_333`, `9999/01333`). Internal messages should never quote a value a
 * caller chose; a MessageID is logged by its own rule (pseudoniem.ts: messageIdVoorLog).
 */
export function mask(text: string): string {
  return text
    .replace(/[^\s@'"<>()]+@[^\s@'"<>()]+\.[a-z]{2,}/gi, '[e-mail]')
    .replace(/\+?\d(?:[ ._/-]?\d){8,}/g, '[number]');
}
