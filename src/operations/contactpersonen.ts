/**
 * The contactpersonen of appendix 4.2 i (PIB 3.3): OpvoerenContactpersoon, WijzigenContactpersoon,
 * VerwijderenContactpersoon, OverdragenCaseload, OpvragenContactpersonen, KoppelenContactpersoon
 * and OntkoppelenContactpersoon. A gemeente only ever sees and changes its own contactpersonen: every
 * lookup is by the asking gemeente. The rules are in rules/contactpersonen.ts.
 */
import { melding, type Melding } from '../meldingen/catalogus.js';
import {
  contactpersonenRegels,
  koppelen,
  overdragenCaseload,
  verwijderenContactpersoon as verwijderenRegels,
  type ContactpersonenBesluit,
  type ContactpersoonInvoer,
} from '../rules/contactpersonen.js';
import { geheelGetal } from '../rules/velden.js';
import type { XmlContent } from '../soap/respond.js';
import { contactpersoon } from './contactpersoon-inhoud.js';
import { lijst, tekst, type XmlObject } from '../soap/xml-object.js';
import type { ContactpersoonMetCaseload, StoreTransaction } from '../store/port.js';
import { gemeenteMuteren, leesBsn, persoonMuteren, type BsnVerzoek, type Operation, type Wijziging } from './operation.js';

/** The gemeente's contactpersonen, each its Contactpersoon group beside its caseload. */
const contactpersonenInhoud = (lijst: readonly ContactpersoonMetCaseload[]): XmlContent => ({
  ContactpersoonRegistratie: lijst.map((c) => ({ Contactpersoon: contactpersoon(c), AantalGekoppeld: c.caseload })),
});

/** Writes what the rules decided and answers with the gemeente's contactpersonen as they now are. */
function voerUit(besluit: ContactpersonenBesluit, gemeente: string, datum: string): Wijziging {
  if (!besluit.versies && !besluit.overdracht) return { meldingen: besluit.meldingen };
  const eerste = besluit.versies?.[0]?.contactpersoon.volgnummer ?? besluit.overdracht!.van;
  return {
    meldingen: besluit.meldingen,
    schrijf: async (tx: StoreTransaction, _bsn: string, id: number) => {
      for (const { contactpersoon, verwijderd } of besluit.versies ?? []) await tx.voegContactpersoonVersieToe(contactpersoon, verwijderd, id);
      if (besluit.overdracht) {
        for (const bsn of await tx.caseloadVan(gemeente, besluit.overdracht.van)) await tx.koppel(bsn, gemeente, besluit.overdracht.naar, datum, id);
      }
    },
    bijConflict: melding('i', 'foutOpslaan', { waarden: [gemeente, String(eerste)] }),
    naSchrijven: async (tx) => ({ Contactpersonen: contactpersonenInhoud(await tx.contactpersonen(gemeente)) }),
  };
}

const leesGroep = (g: XmlObject): ContactpersoonInvoer => ({
  volgnummer: tekst(g, 'Volgnummer'),
  naam: tekst(g, 'Naam'),
  email: tekst(g, 'Email'),
  telefoonnummer: tekst(g, 'Telefoonnummer'),
  algemeen: tekst(g, 'AlgemeenContactpersoon'),
});
const leesGroepen = (body: XmlObject) => ({ groepen: lijst(body, 'Contactpersoon').map((n) => leesGroep(typeof n === 'string' ? {} : n)) });

export const opvoerenContactpersoon = gemeenteMuteren({
  naam: 'OpvoerenContactpersoon',
  handeling: 'i',
  documentatie:
    'Registreert een of meer contactpersonen van de gemeente, een groep per contactpersoon (PIB 3.3.2). DUO kent het volgnummer toe. Een nieuwe algemeen contactpersoon neemt de rol over van de vorige.',
  leesVerzoek: leesGroepen,
  beslis: async (v, tx, { caller: { gemeente }, today: datum }) =>
    voerUit(contactpersonenRegels(gemeente, v.groepen, await tx.contactpersonen(gemeente), false, await tx.volgendVolgnummer(gemeente)), gemeente, datum),
});

export const wijzigenContactpersoon = gemeenteMuteren({
  naam: 'WijzigenContactpersoon',
  handeling: 'i',
  documentatie: 'Wijzigt een of meer contactpersonen van de gemeente; elke groep bevat alle gegevens van één contactpersoon (PIB 3.3.3).',
  leesVerzoek: leesGroepen,
  beslis: async (v, tx, { caller: { gemeente }, today: datum }) => voerUit(contactpersonenRegels(gemeente, v.groepen, await tx.contactpersonen(gemeente), true, 0), gemeente, datum),
});

/** An empty element counts as left out. */
const leesOverdracht = (body: XmlObject) => ({ volgnummer: tekst(body, 'Volgnummer') || undefined, overdragenAan: tekst(body, 'OverdragenAan') || undefined });

export const verwijderenContactpersoon = gemeenteMuteren({
  naam: 'VerwijderenContactpersoon',
  handeling: 'i',
  documentatie:
    'Verwijdert een contactpersoon van de gemeente (PIB 3.3.4). Met een caseload alleen als OverdragenAan de contactpersoon noemt die de gekoppelde personen overneemt; beide gebeuren in één keer.',
  leesVerzoek: leesOverdracht,
  beslis: async (v, tx, { caller: { gemeente }, today: datum }) =>
    voerUit(verwijderenRegels(v.volgnummer, v.overdragenAan, await tx.contactpersonen(gemeente)), gemeente, datum),
});

export const overdragenCaseloadOperatie = gemeenteMuteren({
  naam: 'OverdragenCaseload',
  handeling: 'i',
  documentatie: 'Koppelt alle personen van een contactpersoon aan een andere contactpersoon van de gemeente (PIB 3.3.6).',
  leesVerzoek: leesOverdracht,
  beslis: async (v, tx, { caller: { gemeente }, today: datum }) => voerUit(overdragenCaseload(v.volgnummer, v.overdragenAan, await tx.contactpersonen(gemeente)), gemeente, datum),
});

interface OpvragenVerzoek {
  readonly volgnummer?: string;
  readonly historie?: string;
  readonly pagina?: string;
  readonly paginaGrootte?: string;
}

export const opvragenContactpersonen: Operation<OpvragenVerzoek> = {
  naam: 'OpvragenContactpersonen',
  handeling: 'i',
  documentatie:
    'De contactpersonen van de gemeente met het aantal gekoppelde personen (PIB 3.3.1); met Volgnummer ook de caseload van die contactpersoon, per pagina, met Historie J ook de ingetrokken koppelingen.',
  muteert: false,
  leesVerzoek: (body) => ({
    volgnummer: tekst(body, 'Volgnummer') || undefined,
    historie: tekst(body, 'Historie'),
    pagina: tekst(body, 'Pagina'),
    paginaGrootte: tekst(body, 'PaginaGrootte'),
  }),
  bsn: () => undefined,
  async verwerk(v, ctx) {
    const gemeente = ctx.caller.gemeente;
    const meldingen: Melding[] = [];
    const formaatfout = (veld: string) => meldingen.push(melding('i', 'formaatfoutVeld', { veld }));
    const historie = v.historie || 'N';
    if (historie !== 'J' && historie !== 'N') formaatfout('Historie');
    const pagina = v.pagina ? geheelGetal(v.pagina, { min: 1, max: 99_999 }) : 1;
    if (pagina === undefined) formaatfout('Pagina');
    const grootte = v.paginaGrootte ? geheelGetal(v.paginaGrootte, { min: 1, max: 100 }) : 10;
    if (grootte === undefined) formaatfout('PaginaGrootte');
    const alle = await ctx.store.contactpersonen(gemeente);
    let caseload: XmlContent | undefined;
    if (v.volgnummer !== undefined) {
      const n = geheelGetal(v.volgnummer, { min: 1, max: 99_999 });
      const c = alle.find((x) => x.volgnummer === n);
      if (!c) meldingen.push(melding('i', 'onbekend', { veld: 'Volgnummer' }));
      else if (pagina !== undefined && grootte !== undefined) {
        const koppelingen = await ctx.store.caseload(gemeente, c.volgnummer, historie === 'J');
        caseload = {
          Volgnummer: c.volgnummer,
          Totaal: koppelingen.length,
          Pagina: pagina,
          PaginaGrootte: grootte,
          Koppeling: koppelingen.slice((pagina - 1) * grootte, pagina * grootte).map((k) => ({
            Bsn: k.bsn,
            Achternaam: k.achternaam,
            DatumKoppeling: k.datumKoppeling,
            DatumIngetrokken: k.datumIngetrokken,
          })),
        };
      }
    }
    if (meldingen.length > 0) return { meldingen };
    return { meldingen: [], inhoud: { Contactpersonen: contactpersonenInhoud(alle), Caseload: caseload } };
  },
};

interface KoppelVerzoek extends BsnVerzoek {
  readonly volgnummer?: string;
}

function koppelOperatie(naam: string, documentatie: string, ontkoppelen: boolean) {
  return persoonMuteren<KoppelVerzoek>({
    naam,
    handeling: 'i',
    documentatie,
    leesVerzoek: (body) => ({ ...leesBsn(body), volgnummer: tekst(body, 'Volgnummer') }),
    async beslis(v, dossier, tx, ctx) {
      const bestaande = await tx.contactpersonen(ctx.caller.gemeente);
      const { meldingen, koppeling } = koppelen(v.bsn, v.volgnummer, ontkoppelen, dossier, ctx.caller, ctx.today, bestaande);
      if (!koppeling) return { meldingen };
      const c = bestaande.find((b) => b.volgnummer === koppeling.volgnummer);
      return {
        meldingen,
        schrijf: (tx, bsn, id) => tx.koppel(bsn, ctx.caller.gemeente, koppeling.volgnummer, ctx.today, id),
        ...(c ? { inhoud: { Contactpersoon: contactpersoon(c) } } : {}),
      };
    },
  });
}

export const koppelenContactpersoon = koppelOperatie(
  'KoppelenContactpersoon',
  'Koppelt een contactpersoon van de gemeente aan een persoon (PIB 3.3.5); een eerdere koppeling van de gemeente wordt vervangen. De persoon moet voor de gemeente relevant zijn: de controles van bijlage 4.2 a (FS 603, 642, 636, 617, AS 602, FS 655).',
  false,
);
export const ontkoppelenContactpersoon = koppelOperatie(
  'OntkoppelenContactpersoon',
  'Verwijdert de koppeling van de persoon met de contactpersoon van de gemeente (PIB 3.3.5); de contactpersoon blijft bestaan. De controles van bijlage 4.2 a.',
  true,
);
