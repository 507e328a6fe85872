/**
 * Dates in the contract, the store and the rules are JJJJMMDD strings: they sort and compare as
 * text. Arithmetic goes through UTC so that no local clock or DST shift can move a day.
 */

export type Datum = string;

const PATTERN = /^(\d{4})(\d{2})(\d{2})$/;

/** True when `value` is a real calendar date written as JJJJMMDD. */
export function isDatum(value: string): boolean {
  const m = PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtc(datum: Datum): Date {
  const m = PATTERN.exec(datum);
  if (!m) throw new Error('not a JJJJMMDD date');
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fromUtc(date: Date): Datum {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}${m}${d}`;
}

export function addDays(datum: Datum, days: number): Datum {
  const date = toUtc(datum);
  date.setUTCDate(date.getUTCDate() + days);
  return fromUtc(date);
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day. */
export function addMonths(datum: Datum, months: number): Datum {
  const date = toUtc(datum);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  date.setUTCDate(Math.min(day, daysInMonth(date.getUTCFullYear(), date.getUTCMonth() + 1)));
  return fromUtc(date);
}

export function addYears(datum: Datum, years: number): Datum {
  return addMonths(datum, years * 12);
}

/** One formatter for the process: creating one costs about 40 times as much as using it. */
const AMSTERDAM = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in the Netherlands, as JJJJMMDD. */
export function todayInNetherlands(now: Date = new Date()): Datum {
  return AMSTERDAM.format(now).replaceAll('-', '');
}

/**
 * The same, computed once per minute: the Dutch offset from UTC is whole hours, so the day
 * changes only on a minute boundary.
 */
function todayCached(): () => Datum {
  let minuut = NaN;
  let vandaag = '';
  return () => {
    const nu = Date.now();
    const m = Math.floor(nu / 60_000);
    if (m !== minuut) {
      vandaag = todayInNetherlands(new Date(nu));
      minuut = m;
    }
    return vandaag;
  };
}

/** A clock gives "today"; rules receive its answer, they never read the system clock. */
export type Clock = () => Datum;

export function systemClock(): Clock {
  return todayCached();
}

export function fixedClock(today: Datum): Clock {
  if (!isDatum(today)) throw new Error('a fixed clock needs a JJJJMMDD date');
  return () => today;
}

const RELATIVE = /^vandaag((?:[+-]\d{1,5}[dmj]?)*)$/;
const TERM = /([+-])(\d{1,5})([dmj]?)/g;

/**
 * Resolves a date as written in datasets and fixtures: an absolute JJJJMMDD date, or a date
 * relative to today: `vandaag`, followed by terms applied left to right, each a signed number of
 * days (`-400`, `+14`, or `-400d`), months (`+3m`) or years (`+3j`). `vandaag-499+3j-1` is three
 * years after the day 499 days ago, less one day. Returns undefined for anything else.
 */
export function resolveDatum(value: string, today: Datum): Datum | undefined {
  if (isDatum(value)) return value;
  const m = RELATIVE.exec(value);
  if (!m) return undefined;
  let datum = today;
  for (const [, sign, amount, unit] of m[1]!.matchAll(TERM)) {
    const n = sign === '-' ? -Number(amount) : Number(amount);
    datum = unit === 'm' ? addMonths(datum, n) : unit === 'j' ? addYears(datum, n) : addDays(datum, n);
  }
  return datum;
}

/** Replaces every `{{vandaag…}}` token in a text by the date it stands for. */
export function expandDateTokens(text: string, today: Datum): string {
  return text.replace(/\{\{(vandaag[^}]*)\}\}/g, (_all, expr: string) => {
    const resolved = resolveDatum(expr, today);
    if (!resolved) throw new Error(`bad date token ${expr}`);
    return resolved;
  });
}

/** The moment a day begins in the Netherlands, as an ISO 8601 moment in UTC (`Date.toISOString`). */
export function beginInNederland(datum: Datum): string {
  const utc = toUtc(datum).getTime();
  // The Dutch offset at UTC midnight is the offset at Dutch midnight: the clocks change at 02:00 or 03:00.
  return new Date(utc - offsetInNederland(utc)).toISOString();
}

const AMSTERDAM_TIJD = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An ISO 8601 moment as the Dutch clock showed it: `JJJJ-MM-DD UU:MM:SS`. */
export function tijdInNederland(moment: string): string {
  return AMSTERDAM_TIJD.format(new Date(moment));
}

/** The Dutch offset from UTC at `utc` (milliseconds since the epoch), in milliseconds. */
function offsetInNederland(utc: number): number {
  const lokaal = AMSTERDAM_TIJD.format(new Date(utc));
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(lokaal)!;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - Math.floor(utc / 1000) * 1000;
}
