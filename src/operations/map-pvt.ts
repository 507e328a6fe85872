/**
 * DoorgevenMap and VerwijderenMap (appendix 4.2 f, PIB 3.6.8), DoorgevenPvt and VerwijderenPvt
 * (4.2 g, PIB 3.6.9). The rules are in rules/afronding.ts; each operation loads, asks them and
 * appends the new registration (a removal is a registration without a date) in one transaction.
 */
import { doorgevenAfronding, MAP, PVT, verwijderenAfronding, type Afronding, type AfrondingVerzoek } from '../rules/afronding.js';
import { tekst } from '../soap/xml-object.js';
import { persoonMuteren } from './operation.js';
import { mapInhoud, pvtInhoud } from './traject-inhoud.js';

function afrondingOperatie(naam: string, documentatie: string, soort: Afronding, verwijderen: boolean) {
  const regels = verwijderen ? verwijderenAfronding(soort) : doorgevenAfronding(soort);
  const tabel = soort === MAP ? 'map' : 'pvt';
  return persoonMuteren<AfrondingVerzoek>({
    naam,
    handeling: soort.handeling,
    documentatie,
    leesVerzoek: (body) => ({ bsn: tekst(body, 'Bsn'), ...(verwijderen ? {} : { datum: tekst(body, soort.veld) ?? '' }) }),
    async beslis(v, dossier, _tx, ctx) {
      const { meldingen, versie } = regels(v, dossier, ctx.caller, ctx.today);
      if (!versie) return { meldingen };
      const na = { ...dossier!, [tabel]: [...dossier![tabel], versie] };
      return {
        meldingen,
        schrijf: (tx, bsn, id) => tx.voegAfrondingVersieToe(tabel, bsn, versie, id),
        inhoud: tabel === 'map' ? { MapAfronding: mapInhoud(na) } : { PvtAfronding: pvtInhoud(na) },
      };
    },
  });
}

export const doorgevenMap = afrondingOperatie(
  'DoorgevenMap',
  'Registreert of wijzigt de afronding van de Module Arbeidsmarkt en Participatie met de datum van het eindgesprek (PIB 3.6.8.1 en 3.6.8.2). Alleen de gemeente die de MAP registreerde kan haar wijzigen; MAP is geen onderdeel van de Onderwijsroute.',
  MAP,
  false,
);
export const verwijderenMap = afrondingOperatie(
  'VerwijderenMap',
  'Verwijdert de registratie van de afronding van de MAP (PIB 3.6.8.3); alleen de gemeente die haar registreerde, na een verhuizing tot 4 weken na het PIP van de nieuwe gemeente.',
  MAP,
  true,
);
export const doorgevenPvt = afrondingOperatie(
  'DoorgevenPvt',
  'Registreert of wijzigt de afronding van het Participatieverklaringstraject met de datum van ondertekening van de participatieverklaring (PIB 3.6.9.1 en 3.6.9.2). Alleen de gemeente die het PVT registreerde kan het wijzigen.',
  PVT,
  false,
);
export const verwijderenPvt = afrondingOperatie(
  'VerwijderenPvt',
  'Verwijdert de registratie van de afronding van het PVT (PIB 3.6.9.3); alleen de gemeente die haar registreerde, na een verhuizing tot 4 weken na het PIP van de nieuwe gemeente.',
  PVT,
  true,
);
