/**
 * One JSON line per request (pino), with the fields of DESIGN §7. Values that could identify a
 * citizen are never passed to the logger: the request record below has no field for them.
 */
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
 * nine or more digits, also with spaces, dashes or dots between them. Every value a caller chooses
 * (the MessageID above all) goes through this before it reaches a log line.
 */
export function mask(text: string): string {
  return text
    .replace(/[^\s@'"<>()]+@[^\s@'"<>()]+\.[a-z]{2,}/gi, '[e-mail]')
    .replace(/\+?\d(?:[ .-]?\d){8,}/g, '[number]');
}
