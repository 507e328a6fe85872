/**
 * Who looked at my data? `npm run inzage -- --bsn <bsn>`: every read and change of a person the
 * inzage trail holds, with the afnemer's OIN and name, the gemeente, the operation, the time and
 * the result, for an AVG request (inzageverzoek). Criteria, combined when several are given (at
 * least one of the first three):
 *
 *   --bsn <bsn>             the person (the trail holds the BSN's pseudonym: CVS_PSEUDONYM_KEY)
 *   --messageid <id>        one request, by its wsa:MessageID
 *   --oin <oin>             one afnemer
 *   --van <date or moment>  from (JJJJMMDD or JJJJ-MM-DD: that day in Dutch time; or an ISO 8601 moment with its zone)
 *   --tot <date or moment>  up to and including
 *   --format table|csv|json a table on a terminal (the default there), else CSV (RFC 4180); or JSON
 *
 * It reads the store the gateway does, chosen by the same environment (CVS_DATABASE, or
 * CVS_MSSQL_URL and the rest: store/open.ts), and the afnemers' names from where the gateway has
 * its afnemers: the file CVS_AFNEMERS when set (production), else the store (the sandbox's
 * dataset); an OIN neither knows shows without a name. The trail is read a slice at a time
 * (Store.zoekInzages), however long it is.
 *
 * Personal data goes to stdout only, which is what the tool is for; stderr says how many records
 * were found, or what went wrong, and never repeats a BSN or any other value given. Exits 0 when
 * the search ran (also when it found nothing), 1 when the store failed, 2 on a wrong invocation.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { AfnemersBestand, AfnemersFout } from '../auth/afnemers-bestand.js';
import { ConfigFout, kiestMssql, loadConfig, type Config } from '../config.js';
import { isValidBsn } from '../domain/bsn.js';
import { addDays, beginInNederland, isDatum } from '../domain/datum.js';
import { pseudoniem } from '../log/pseudoniem.js';
import { createLogger } from '../log/logger.js';
import { INZAGE_PLAK } from '../store/inzage-sql.js';
import { openStore } from '../store/open.js';
import type { InzageCriteria, InzageRegel, Store } from '../store/port.js';
import { Breedtes, csv, FORMATEN, json, tabel, type Formaat, type Regel, type Schrijver } from './inzage-formaat.js';
import { uitleg } from './uitleg.js';

const GEBRUIK = `usage: npm run inzage -- [--bsn <bsn>] [--messageid <id>] [--oin <oin>] [--van <date>] [--tot <date>] [--format table|csv|json]
  at least one of --bsn, --messageid, --oin; a date is JJJJMMDD or JJJJ-MM-DD (a day in Dutch time, --tot included)
  or an ISO 8601 moment with its zone (2026-12-07T10:00:00+01:00)
`;

/** A wrong invocation: the message (which never repeats a value given), and exit code 2. */
class Gebruik extends Error {}
/** An environment that names no store with a trail, or a wrong one: exit code 2 too. */
class Omgeving extends Error {}

/** The longest MessageID the trail holds (the column's width). */
const MESSAGE_ID_MAX = 255;

interface Opdracht {
  /** The person, whose pseudonym the search takes (CVS_PSEUDONYM_KEY). */
  readonly bsn?: string;
  /** The other criteria. */
  readonly criteria: Omit<InzageCriteria, 'bsnPseudoniem'>;
  readonly formaat: Formaat;
}

function leesOpdracht(argv: readonly string[]): Opdracht | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        bsn: { type: 'string' },
        messageid: { type: 'string' },
        oin: { type: 'string' },
        van: { type: 'string' },
        tot: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    // parseArgs names the argument it did not expect, which may be a BSN: say only what kind of mistake.
    const code = (err as { code?: string }).code;
    throw new Gebruik(
      code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? 'every value needs its option (--bsn, --messageid, --oin, --van, --tot, --format)'
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? 'an option lacks its value'
          : 'an option it does not know',
    );
  }
  if (values.help) return 'help';
  const { bsn, messageid, oin } = values;
  if (bsn === undefined && messageid === undefined && oin === undefined) throw new Gebruik('give at least one of --bsn, --messageid and --oin');
  if (bsn !== undefined && !isValidBsn(bsn)) throw new Gebruik('--bsn is not a BSN: nine digits that pass the elfproef');
  if (oin !== undefined && !/^\d{20}$/.test(oin)) throw new Gebruik('--oin is not an OIN: twenty digits');
  if (messageid !== undefined && (messageid === '' || messageid.length > MESSAGE_ID_MAX)) throw new Gebruik(`--messageid must be 1 to ${MESSAGE_ID_MAX} characters`);
  const vanaf = values.van === undefined ? undefined : moment(values.van, 'van');
  const tot = values.tot === undefined ? undefined : moment(values.tot, 'tot');
  if (vanaf !== undefined && tot !== undefined && vanaf >= tot) throw new Gebruik('--van is after --tot');
  const formaat = values.format ?? (process.stdout.isTTY ? 'table' : 'csv');
  if (!(FORMATEN as readonly string[]).includes(formaat)) throw new Gebruik('--format is table, csv or json');
  return {
    ...(bsn !== undefined ? { bsn } : {}),
    criteria: {
      ...(messageid !== undefined ? { messageId: messageid } : {}),
      ...(oin !== undefined ? { oin } : {}),
      ...(vanaf !== undefined ? { vanaf } : {}),
      ...(tot !== undefined ? { tot } : {}),
    },
    formaat: formaat as Formaat,
  };
}

const VROEGST = Date.UTC(1900, 0, 1) - 2 * 3_600_000;
const LAATST = Date.UTC(9999, 0, 1);
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The bound --van or --tot gives, as an ISO 8601 moment in UTC: a day from its beginning (--van)
 * or up to its end (--tot), in Dutch time; a moment as it is (--tot: that moment included).
 */
function moment(waarde: string, optie: 'van' | 'tot'): string {
  const dag = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(waarde);
  let t: number;
  if (dag) {
    const datum = `${dag[1]}${dag[2]}${dag[3]}`;
    if (!isDatum(datum)) throw new Gebruik(`--${optie} is not a real date`);
    // (Date.UTC would take the years 0 to 99 for 1900 to 1999.)
    if (Number(dag[1]) < 1900 || Number(dag[1]) > 9998) throw new Gebruik(`--${optie} lies outside the years 1900 to 9998`);
    t = Date.parse(beginInNederland(optie === 'van' ? datum : addDays(datum, 1)));
  } else {
    t = MOMENT.test(waarde) ? Date.parse(waarde) : NaN;
    if (Number.isNaN(t)) throw new Gebruik(`--${optie} is not a date (JJJJMMDD, JJJJ-MM-DD) or an ISO 8601 moment with its zone`);
    if (optie === 'tot') t += 1;
  }
  // Both stores hold these, and their ISO 8601 texts compare as the moments do.
  if (t < VROEGST || t > LAATST) throw new Gebruik(`--${optie} lies outside the years 1900 to 9998`);
  return new Date(t).toISOString();
}

/** Where the afnemers' names come from: where the gateway has its afnemers. */
type Namen = Pick<Store, 'afnemerNaam'>;

/** The records of the search with their afnemers' names, a slice at a time. */
async function* zoek(store: Store, criteria: InzageCriteria, namen: Namen): AsyncGenerator<Regel[]> {
  // One lookup per afnemer: the trail holds the OINs of afnemers, a short list.
  const bekend = new Map<string, string>();
  for (let na: InzageRegel | undefined; ; ) {
    const plak = await store.zoekInzages(criteria, na);
    const regels: Regel[] = [];
    for (const inzage of plak) {
      let afnemer = bekend.get(inzage.oin);
      if (afnemer === undefined) bekend.set(inzage.oin, (afnemer = (await namen.afnemerNaam(inzage.oin)) ?? ''));
      regels.push({ inzage, afnemer });
    }
    if (regels.length > 0) yield regels;
    if (plak.length < INZAGE_PLAK) return;
    na = plak[plak.length - 1];
  }
}

/** stdout closed early (`| head`): the search stops, and that is no failure. */
let gesloten = false;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') gesloten = true;
  else throw err;
});

async function schrijf(tekst: string): Promise<void> {
  if (gesloten || tekst === '') return;
  if (!process.stdout.write(tekst)) {
    await new Promise<void>((resolve) => {
      const verder = () => {
        process.stdout.off('drain', verder).off('error', verder);
        resolve();
      };
      process.stdout.on('drain', verder).on('error', verder);
    });
  }
}

async function schrijfAlles(store: Store, criteria: InzageCriteria, namen: Namen, formaat: Formaat): Promise<number> {
  let schrijver: Schrijver;
  if (formaat === 'table') {
    // The widths first, measured over the same search: the table keeps no records either.
    const breedtes = new Breedtes();
    for await (const regels of zoek(store, criteria, namen)) breedtes.meet(regels);
    schrijver = tabel(breedtes);
  } else {
    schrijver = formaat === 'csv' ? csv() : json();
  }
  let aantal = 0;
  await schrijf(schrijver.begin());
  for await (const regels of zoek(store, criteria, namen)) {
    if (gesloten) return aantal;
    aantal += regels.length;
    await schrijf(schrijver.regels(regels));
  }
  await schrijf(schrijver.einde());
  return aantal;
}

/** The gateway's configuration, and a check that it names a store that holds a trail. */
function leesConfig(env: NodeJS.ProcessEnv): Config {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigFout) throw new Omgeving(err.message);
    throw err;
  }
  if (!kiestMssql(env)) {
    if (config.database === ':memory:') {
      throw new Omgeving("set CVS_DATABASE to the gateway's store file, or CVS_MSSQL_URL (or CVS_MSSQL_SERVER and the rest) to its SQL Server");
    }
    if (!existsSync(config.database)) throw new Omgeving(`CVS_DATABASE: there is no file ${config.database}`);
  }
  return config;
}

async function main(): Promise<number> {
  let opdracht: Opdracht;
  let config: Config;
  let bestand: AfnemersBestand | undefined;
  try {
    const gelezen = leesOpdracht(process.argv.slice(2));
    if (gelezen === 'help') {
      process.stdout.write(GEBRUIK);
      return 0;
    }
    opdracht = gelezen;
    config = leesConfig(process.env);
    if (config.afnemers) bestand = new AfnemersBestand(config.afnemers);
  } catch (err) {
    if (!(err instanceof Gebruik || err instanceof Omgeving || err instanceof AfnemersFout)) throw err;
    process.stderr.write(`inzage: ${err.message}\n${err instanceof Gebruik ? GEBRUIK : ''}`);
    return 2;
  }
  const { bsn } = opdracht;
  const criteria: InzageCriteria = { ...opdracht.criteria, ...(bsn !== undefined ? { bsnPseudoniem: pseudoniem(bsn, config.pseudonymKey) } : {}) };

  let store: Store;
  try {
    store = await openStore(config, process.env, createLogger('error', pino.destination({ dest: 2, sync: true })));
  } catch (err) {
    process.stderr.write(`inzage: the store cannot be opened: ${uitleg(err)}\n`);
    return 1;
  }
  try {
    const aantal = await schrijfAlles(store, criteria, bestand ?? store, opdracht.formaat);
    if (!gesloten) process.stderr.write(`inzage: ${aantal} ${aantal === 1 ? 'record' : 'records'}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`inzage: the search failed: ${uitleg(err)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
