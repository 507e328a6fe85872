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
  meldingen?: string[];
  fault?: string;
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
