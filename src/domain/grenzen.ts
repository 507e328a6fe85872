/**
 * DUO's field limits (the OpenAPI files of DUO's REST successor, the public GitHub
 * repository duonl/gemeente-m2m-inburgering). The XSD guards only generous lengths (docs/design.md
 * "The contract"); these exact limits are
 * checked by the rules and answered with the meldingen of appendix 4.2 ("Formaatfout", "Lengte is
 * ongeldig", FS 650). The dataset schema holds its data to the same limits.
 */
export interface Grens {
  readonly min: number;
  readonly max: number;
}

export const GRENZEN = {
  /** Contactpersoon.openapi.yml: volgnummer 1-99999, assigned per gemeente. */
  contactVolgnummer: { min: 1, max: 99_999 },
  /** GevolgdeUren.openapi.yml: uren deelname. PIP.openapi.yml: geschatte uren resterend. */
  uren: { min: 0, max: 9_999 },
  /** PIP.openapi.yml: geschatte uren intensiteit. */
  urenIntensiteit: { min: 1, max: 9_999 },
  /** Contactpersoon.openapi.yml, lengths in characters. */
  contactNaam: { min: 1, max: 100 },
  email: { min: 4, max: 241 },
  telefoon: { min: 3, max: 22 },
  /** Inburgeringsaanbod.openapi.yml: the instellingsnummer (BRIN-like) and its naam. */
  instellingsnummer: { min: 1, max: 10 },
  instellingNaam: { min: 1, max: 128 },
  /** Leerbaarheidstoets.openapi.yml. */
  examennummer: { min: 1, max: 12 },
} as const satisfies Record<string, Grens>;
