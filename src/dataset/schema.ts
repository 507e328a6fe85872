/**
 * The JSON Schema of a dataset file (fixtures/dataset.json, or the file named by CVS_DATASET).
 * README "Dataset format" documents it for integrators and operators.
 *
 * A date is JJJJMMDD or relative to the day the dataset is loaded: "vandaag", "vandaag-400",
 * "vandaag+14" (days), "vandaag-3j+2m" (years, months), so that a sandbox never goes stale.
 */
import { REDENEN_EINDE } from '../domain/dossier.js';
import { SIGNAALLIJST } from '../domain/signalen.js';
import { GRENZEN, type Grens } from '../domain/grenzen.js';

const datum = { type: 'string', pattern: '^([0-9]{8}|vandaag([+-][0-9]{1,5}[dmj]?)*)$' } as const;
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
            items: obj({ gemeente, volgnummer: { type: 'integer', minimum: GRENZEN.contactVolgnummer.min, maximum: GRENZEN.contactVolgnummer.max } }, ['gemeente', 'volgnummer']),
          },
          signalen: {
            type: 'array',
            items: obj(
              { gemeente, code: { enum: Object.keys(SIGNAALLIJST) }, datum, status: { enum: ['N', 'B', 'A'] } },
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
