/**
 * The JSON Schema of a dataset file (fixtures/dataset.json, or the file named by CVS_DATASET).
 * docs/integrators.md "Dataset format" documents it for integrators and operators.
 *
 * A date is JJJJMMDD or relative to the day the dataset is loaded: "vandaag", "vandaag-400",
 * "vandaag+14" (days), "vandaag-3j+2m" (years, months), so that a sandbox never goes stale.
 */
import { REDENEN_EINDE } from '../domain/dossier.js';
import { SIGNAALLIJST } from '../domain/signalen.js';
import { GRENZEN, type Grens } from '../domain/grenzen.js';

/** A date as the dataset writes it: JJJJMMDD, or relative to the day of loading. */
const DATUM = '([0-9]{8}|vandaag([+-][0-9]{1,5}[dmj]?)*)';
const datum = { type: 'string', pattern: `^${DATUM}$` } as const;
/** A date with a description of what it means. */
const datumMet = (description: string) => ({ ...datum, description }) as const;
const gemeente = { type: 'string', pattern: '^[0-9]{4}$' } as const;
const tekst = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
/** Text within one of DUO's field limits (domain/grenzen.ts). */
const binnen = (grens: Grens) => ({ type: 'string', minLength: grens.min, maxLength: grens.max }) as const;
const obj = (properties: Record<string, unknown>, required: string[] = []) =>
  ({ type: 'object', additionalProperties: false, properties, required }) as const;

export const datasetSchema = obj(
  {
    $schema: { type: 'string' },
    beschrijving: { type: 'string' },
    afnemers: {
      type: 'array',
      items: obj(
        {
          oin: { type: 'string', pattern: '^[0-9]{20}$' },
          naam: tekst(200),
          gemeenten: {
            type: 'array',
            minItems: 1,
            items: obj({ gemeente, rol: { enum: ['raadplegen', 'muteren'] } }, ['gemeente', 'rol']),
          },
        },
        ['oin', 'naam', 'gemeenten'],
      ),
    },
    instellingen: {
      type: 'array',
      items: obj({ code: binnen(GRENZEN.instellingsnummer), naam: binnen(GRENZEN.instellingNaam), soort: { enum: ['BOW', 'TSI'] } }, ['code', 'naam', 'soort']),
    },
    contactpersonen: {
      type: 'array',
      items: obj(
        {
          gemeente,
          volgnummer: { type: 'integer', minimum: GRENZEN.contactVolgnummer.min, maximum: GRENZEN.contactVolgnummer.max },
          naam: binnen(GRENZEN.contactNaam),
          email: binnen(GRENZEN.email),
          telefoonnummer: binnen(GRENZEN.telefoon),
          algemeen: { type: 'boolean' },
        },
        ['gemeente', 'volgnummer', 'naam', 'email'],
      ),
    },
    personen: {
      type: 'array',
      items: obj(
        {
          label: tekst(100),
          toelichting: { type: 'string' },
          bsn: { type: 'string', pattern: '^[0-9]{9}$' },
          voornamen: tekst(200),
          achternaam: tekst(200),
          geboortedatum: datum,
          wet: { enum: ['WI2007', 'WI2013', 'WI2021'] },
          woongemeente: gemeente,
          woontInAzc: { type: 'boolean' },
          coaGemeente: gemeente,
          overlijdensdatum: datum,
          doelgroep: { enum: ['Asielstatushouder', 'Gezinsmigrant en overige migrant'] },
          verblijfsdoelGewijzigd: obj({ omschrijving: tekst(300), datum }, ['omschrijving', 'datum']),
          inburgeringsplicht: obj({ datumStart: datum, datumEinde: datum, redenEinde: { enum: REDENEN_EINDE } }, ['datumStart']),
          datumStartTermijnPip: datum,
          pvtPlichtVoldaan: { type: 'boolean' },
          verhuizing: obj({ van: gemeente, naar: gemeente, datum }, ['van', 'naar', 'datum']),
          termijnWijziging: obj({ datumEinde: datum, reden: tekst(200), datum }, ['datumEinde', 'reden', 'datum']),
          leerbaarheidstoets: obj({
            examennummer: binnen(GRENZEN.examennummer),
            gemeente,
            datumAanmelding: datum,
            datumStartPeriode: datum,
            datumEindePeriode: datum,
            datumToetsafname: datum,
            maximumScore: tekst(10),
            behaaldeScore: tekst(10),
            benodigdeScore: tekst(10),
            resultaat: { enum: ['J', 'N', 'O'] },
            ontheven: { type: 'boolean' },
          }),
          pip: {
            type: 'array',
            items: obj(
              {
                nieuwPip: { type: 'boolean' },
                gemeente,
                datumDagtekening: datum,
                datumDagtekeningInitieel: datum,
                datumRegistratie: datum,
                leerroute: { enum: ['B', 'O', 'Z'] },
                niveau: { enum: ['A2', 'B1'] },
                alfabetisering: { enum: ['A', 'AA', 'NVT'] },
                geschatteUren: { type: 'integer', minimum: GRENZEN.urenIntensiteit.min, maximum: GRENZEN.urenIntensiteit.max },
                geschatteUrenResterend: { type: 'integer', minimum: GRENZEN.uren.min, maximum: GRENZEN.uren.max },
                toestemming: { type: 'boolean' },
                contactVolgnummer: { type: 'integer', minimum: GRENZEN.contactVolgnummer.min, maximum: GRENZEN.contactVolgnummer.max },
                ingetrokken: { type: 'boolean' },
              },
              ['gemeente', 'datumDagtekening', 'datumRegistratie', 'leerroute'],
            ),
          },
          aanbod: {
            type: 'array',
            items: obj(
              {
                instelling: binnen(GRENZEN.instellingsnummer),
                gemeente,
                datumInschrijving: datum,
                datumStartOpleiding: datum,
                datumEindeOpleiding: datum,
                alfabetisering: { enum: ['A', 'AA', 'NVT'] },
                ingetrokken: { type: 'boolean' },
              },
              ['instelling', 'gemeente', 'datumInschrijving'],
            ),
          },
          map: { type: 'array', items: obj({ gemeente, datumEindgesprek: datum }, ['gemeente']) },
          pvt: { type: 'array', items: obj({ gemeente, datumOndertekening: datum }, ['gemeente']) },
          uren: {
            type: 'array',
            items: obj(
              {
                typeUren: { enum: ['2', '3', '4', '6', '8', '9'] },
                instelling: binnen(GRENZEN.instellingsnummer),
                datumTot: datum,
                aantalUren: { type: 'integer', minimum: GRENZEN.uren.min, maximum: GRENZEN.uren.max },
                gemeente,
              },
              ['typeUren', 'datumTot', 'aantalUren', 'gemeente'],
            ),
          },
          contactpersoon: {
            type: 'array',
            description: 'The contactpersoon each gemeente linked to the person (PIB 3.3.5), one per gemeente.',
            items: obj(
              {
                gemeente,
                volgnummer: { type: 'integer', minimum: GRENZEN.contactVolgnummer.min, maximum: GRENZEN.contactVolgnummer.max },
                datumKoppeling: datumMet(
                  'The day the link was made, not after the day of loading: the caseload shows it as DatumKoppeling. Without it the link has no date (the PIB shows "Onbekend").',
                ),
              },
              ['gemeente', 'volgnummer'],
            ),
          },
          signalen: {
            type: 'array',
            description: "The person's signalen in the signaallijst of each gemeente (PIB 3.2), beside the ones the signaal engine raises.",
            items: obj(
              {
                gemeente,
                code: { enum: Object.keys(SIGNAALLIJST) },
                datum,
                status: { enum: ['N', 'B', 'A'] },
                datumStatus: datumMet(
                  'The day the status was set, not before datum nor after the day of loading. Retention (PIB 3.2) removes a signaal with status A once this day is a week old; without it such a signaal is kept until a gemeente sets its status again.',
                ),
                aanleiding: {
                  type: 'string',
                  pattern: `^((verhuizing|start)-${DATUM}|pip-[1-9][0-9]{0,3})$`,
                  description:
                    'The occasion the signaal was raised for, as the signaal engine names it: "verhuizing-<date>" (SS120, SS121, SS122: the date of the move, as in verhuizing.datum), "start-<date>" (SS126: the start of the window to give a PIP, or of the settlement in the gemeente), "pip-<n>" (SS102, SS127: the PIP entry n, counted from 1, that starts the PIP). A date as elsewhere (JJJJMMDD or vandaag-25). The engine raises a signaal once per person, gemeente, code and occasion: with the occasion named, it does not raise its own beside this one. At most one signaal per gemeente, code and occasion.',
                },
              },
              ['gemeente', 'code', 'datum', 'status'],
            ),
          },
          examens: {
            type: 'array',
            items: obj(
              {
                onderdeel: { enum: ['KNM', 'LEZEN', 'LUISTEREN', 'SCHRIJVEN', 'SPREKEN'] },
                niveau: { enum: ['A1', 'A2', 'B1', 'B2'] },
                datumExamen: datum,
                gratisPogingenOver: { type: 'integer', minimum: 0, maximum: 2 },
                status: {
                  enum: [
                    'Nog te doen',
                    'Gepland',
                    'Resultaat nog niet bekend',
                    'Geslaagd',
                    'Niet geslaagd',
                    'Geen resultaat, verwijtbaar',
                    'Geen resultaat, niet verwijtbaar',
                  ],
                },
              },
              ['onderdeel', 'niveau', 'gratisPogingenOver', 'status'],
            ),
          },
          aanvragen: {
            type: 'array',
            items: obj(
              {
                typeVerzoek: { enum: ['Ontheffing', 'Vrijstelling', 'Verlenging'] },
                toelichting: tekst(200),
                status: { enum: ['Toegekend', 'Afgewezen'] },
                datumOntvangst: datum,
                datumBesluit: datum,
              },
              ['typeVerzoek', 'toelichting', 'status', 'datumOntvangst'],
            ),
          },
        },
        ['label', 'bsn', 'achternaam', 'geboortedatum', 'wet'],
      ),
    },
  },
  ['afnemers', 'instellingen', 'personen'],
);
