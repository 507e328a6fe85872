/**
 * The afnemers table of production: a JSON file (CVS_AFNEMERS) in the format of the dataset's
 * "afnemers" (OIN, naam, gemeenten with their role), validated at start like the dataset and read
 * again on SIGHUP. A file that fails validation is refused with the entry named, and on a reload
 * the table in use stays as it was.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { plaats, uitleg } from '../dataset/laden.js';
import { datasetSchema } from '../dataset/schema.js';
import type { Rol } from '../domain/caller.js';
import type { Afnemer } from '../store/port.js';
import type { AfnemerBron } from './caller.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['afnemers'],
  properties: { $schema: { type: 'string' }, afnemers: datasetSchema.properties.afnemers },
} as const;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

export class AfnemersFout extends Error {
  override readonly name = 'AfnemersFout';
}

/** The afnemers of a file: each OIN's rights, and its name. */
interface Tabel {
  readonly rechten: ReadonlyMap<string, Afnemer>;
  readonly namen: ReadonlyMap<string, string>;
}

export class AfnemersBestand implements AfnemerBron {
  private tabel: Tabel;

  constructor(private readonly pad: string) {
    this.tabel = lees(pad);
  }

  async afnemer(oin: string): Promise<Afnemer | undefined> {
    return this.tabel.rechten.get(oin);
  }

  /** The afnemer's name as the file gives it (as Store.afnemerNaam does the dataset's). */
  async afnemerNaam(oin: string): Promise<string | undefined> {
    return this.tabel.namen.get(oin);
  }

  /** Reads the file again; on an error the table in use stays, and the error says why. */
  herlaad(): number {
    this.tabel = lees(this.pad);
    return this.tabel.rechten.size;
  }
}

function lees(pad: string): Tabel {
  let json: any;
  try {
    json = JSON.parse(readFileSync(pad, 'utf8'));
  } catch (err) {
    throw new AfnemersFout(`${pad} cannot be read as JSON: ${(err as Error).message}`);
  }
  if (!validate(json)) {
    const lines = (validate.errors ?? []).slice(0, 10).map((e) => `  ${plaats(json, e.instancePath)}: ${uitleg(e)}`);
    throw new AfnemersFout(`${pad} is not a valid afnemers file:\n${lines.join('\n')}`);
  }
  const rechten = new Map<string, Afnemer>();
  const namen = new Map<string, string>();
  for (const [i, a] of (json.afnemers as Array<{ oin: string; naam: string; gemeenten: Array<{ gemeente: string; rol: Rol }> }>).entries()) {
    if (rechten.has(a.oin)) throw new AfnemersFout(`${pad}: afnemers[${i}] repeats an OIN of an earlier entry`);
    rechten.set(a.oin, new Map(a.gemeenten.map((g) => [g.gemeente, g.rol])));
    namen.set(a.oin, a.naam);
  }
  return { rechten, namen };
}
