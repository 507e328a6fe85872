/**
 * The field checks that every handeling shares: step 3 of docs/design.md "Order of checks", the FS
 * 999 family of
 * appendix 4.2 ("Veld is verplicht", "Formaatfout", "Datum is ongeldig", "Datum mag niet in
 * toekomst liggen", "Lengte is ongeldig"). Each handeling has its own rows and texts for these
 * (section f writes "<veldnaam> Datum ligt in toekomst", section i "Groep n, <veld>: ..."), so a
 * `Velden` is made per handeling and answers with that handeling's rows, filled with the element
 * name and, inside a repeating group, the group index.
 *
 * All checks of a request are reported together: a `Velden` collects the meldingen, and each check
 * returns the value it accepted, or undefined when the field is absent or failed. `faalde(veld)`
 * tells the state checks of step 4 which inputs to skip.
 */
import { isDatum, type Datum } from '../domain/datum.js';
import type { Grens } from '../domain/grenzen.js';
import { melding, type Handeling, type Melding, type MeldingKey } from '../meldingen/catalogus.js';

/** The rows a handeling needs for these checks; its catalogue section must have each one it uses. */
export type VeldMelding = 'verplicht' | 'formaatfout' | 'datumOngeldig' | 'datumInToekomst' | 'lengteOngeldig';

/** The handelingen whose catalogue section holds row `K`: a check that always may give `K` is only theirs. */
type MetRij<K extends VeldMelding> = { [X in Handeling]: K extends MeldingKey<X> ? X : never }[Handeling];

/**
 * `H` is the handeling (`new Velden('b')` is a `Velden<'b'>`): `fout` takes only a key of its
 * catalogue section, so a key that does not exist fails the type check instead of a request.
 */
export class Velden<H extends Handeling = Handeling> {
  private readonly gefaald = new Set<string>();

  constructor(
    readonly handeling: H,
    readonly meldingen: Melding[] = [],
    private readonly groep?: number,
  ) {}

  /** The same checks for repeating group `n` (1-based), collecting into the same list. */
  inGroep(n: number): Velden<H> {
    return new Velden(this.handeling, this.meldingen, n);
  }

  /** Adds the row `key` of this handeling about `veld` (and the group); `veld` counts as failed. */
  fout(key: MeldingKey<H>, veld: string): void {
    this.gefaald.add(veld);
    this.meldingen.push(melding(this.handeling, key, { veld, ...(this.groep === undefined ? {} : { groep: this.groep }) }));
  }

  /** `fout` for the shared rows of these checks, which the section of every handeling that uses them holds. */
  private veldFout(key: VeldMelding, veld: string): void {
    this.fout(key as MeldingKey<H>, veld);
  }

  faalde(veld: string): boolean {
    return this.gefaald.has(veld);
  }

  /** The trimmed value, or undefined when absent or empty ("Veld is verplicht" when `verplicht`). */
  aanwezig(veld: string, raw: string | undefined, verplicht = false): string | undefined {
    // The SOAP edge trimmed XML white space; any other character is part of the value.
    const value = raw;
    if (value) return value;
    if (verplicht) this.veldFout('verplicht', veld);
    return undefined;
  }

  /** A code of `lijst`; "Formaatfout" for any other value. */
  code<T extends string>(this: Velden<MetRij<'formaatfout'>>, veld: string, raw: string | undefined, lijst: readonly T[], verplicht = false): T | undefined {
    const value = this.aanwezig(veld, raw, verplicht);
    if (value === undefined) return undefined;
    if ((lijst as readonly string[]).includes(value)) return value as T;
    this.veldFout('formaatfout', veld);
    return undefined;
  }

  /** A whole number within `grens`; "Formaatfout" otherwise. */
  getal(this: Velden<MetRij<'formaatfout'>>, veld: string, raw: string | undefined, grens: Grens, verplicht = false): number | undefined {
    const value = this.aanwezig(veld, raw, verplicht);
    if (value === undefined) return undefined;
    const n = geheelGetal(value, grens);
    if (n === undefined) this.veldFout('formaatfout', veld);
    return n;
  }

  /**
   * A date JJJJMMDD: "Datum is ongeldig" when it is not a real date; with `today`, "in toekomst"
   * when it lies after today (today itself is allowed).
   */
  datum(this: Velden<MetRij<'datumOngeldig'>>, veld: string, raw: string | undefined, opties: { verplicht?: boolean; today?: Datum } = {}): Datum | undefined {
    const value = this.aanwezig(veld, raw, opties.verplicht);
    if (value === undefined) return undefined;
    if (!isDatum(value)) this.veldFout('datumOngeldig', veld);
    else if (opties.today !== undefined && value > opties.today) this.veldFout('datumInToekomst', veld);
    else return value;
    return undefined;
  }

  /** Free text of `grens.min`..`grens.max` characters; "Lengte is ongeldig" otherwise. */
  tekst(this: Velden<MetRij<'lengteOngeldig'>>, veld: string, raw: string | undefined, grens: Grens, verplicht = false): string | undefined {
    const value = this.aanwezig(veld, raw, verplicht);
    if (value === undefined) return undefined;
    const length = [...value].length;
    if (length >= grens.min && length <= grens.max) return value;
    this.veldFout('lengteOngeldig', veld);
    return undefined;
  }
}

/** The whole number written in `raw` (digits only) when it lies within `grens`. */
export function geheelGetal(raw: string, grens: Grens): number | undefined {
  if (!/^\d{1,9}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= grens.min && n <= grens.max ? n : undefined;
}
