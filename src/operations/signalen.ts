/**
 * OpvragenSignalen and WijzigenStatusSignalen, appendix 4.2 j (PIB 3.2): the signalen of the
 * asking gemeente only. The rules are in rules/signalen.ts.
 */
import { SIGNAALLIJST, type SignaalRegel } from '../domain/signalen.js';
import { controleerZoekvraag, gevondenMeldingen, wijzigStatussen, type SignalenZoekvraag, type StatusWijziging } from '../rules/signalen.js';
import type { XmlContent } from '../soap/respond.js';
import { lijst, tekst, tekstVan } from '../soap/xml-object.js';
import { gemeenteMuteren, type Operation } from './operation.js';

function signaalInhoud(s: SignaalRegel): XmlContent {
  return {
    Id: s.id,
    Status: s.status,
    Bsn: s.bsn,
    Achternaam: s.achternaam,
    Doelgroep: s.doelgroep,
    Code: s.code,
    Omschrijving: SIGNAALLIJST[s.code] ?? s.code,
    Datum: s.datum,
    // The Contactpersoon group, with only what the signalenlijst shows of it.
    Contactpersoon: s.contactpersoon && { Volgnummer: s.contactpersoon.volgnummer, Naam: s.contactpersoon.naam },
  };
}

export const opvragenSignalen: Operation<SignalenZoekvraag> = {
  naam: 'OpvragenSignalen',
  handeling: 'j',
  documentatie:
    'De signalen van de gemeente die aan alle opgegeven criteria voldoen (PIB 3.2.1): BSN, contactpersoon, doelgroep, datum van en tot en met, code, status. Gesorteerd op datum, per pagina (Pagina en PaginaGrootte), met het totaal en het aantal nog niet afgehandelde signalen.',
  muteert: false,
  leesVerzoek: (body) => ({
    bsn: tekst(body, 'Bsn'),
    contactpersoon: tekst(body, 'ContactVolgnummer'),
    doelgroep: tekst(body, 'Doelgroep'),
    datumVan: tekst(body, 'DatumVan'),
    datumTot: tekst(body, 'DatumTot'),
    code: tekst(body, 'Code'),
    status: lijst(body, 'Status').map((n) => tekstVan(n) ?? ''),
    pagina: tekst(body, 'Pagina'),
    paginaGrootte: tekst(body, 'PaginaGrootte'),
  }),
  bsn: (v) => v.bsn,
  async verwerk(v, ctx) {
    const { meldingen, filter } = controleerZoekvraag(v);
    if (!filter) return { meldingen };
    const gevonden = await ctx.store.zoekSignalen(ctx.caller.gemeente, filter);
    return {
      meldingen: [...meldingen, ...gevondenMeldingen(gevonden)],
      inhoud: {
        Signalen: {
          Totaal: gevonden.totaal,
          NietAfgehandeld: gevonden.nietAfgehandeld,
          Pagina: filter.pagina,
          PaginaGrootte: filter.paginaGrootte,
          Signaal: gevonden.signalen.map(signaalInhoud),
        },
      },
    };
  },
};

export const wijzigenStatusSignalen = gemeenteMuteren<{ groepen: StatusWijziging[] }>({
  naam: 'WijzigenStatusSignalen',
  handeling: 'j',
  documentatie:
    'Zet de status van een of meer signalen van de gemeente op In behandeling (B) of Afgehandeld (A), een groep per signaal (PIB 3.2.2). Afgehandelde signalen verdwijnen na een week.',
  leesVerzoek: (body) => ({
    groepen: lijst(body, 'SignaalStatus').map((n) => (typeof n === 'string' ? {} : { id: tekst(n, 'Id'), status: tekst(n, 'Status') })),
  }),
  async beslis(v, tx, ctx) {
    const ids = v.groepen.map((g) => Number(g.id)).filter((n) => Number.isSafeInteger(n));
    const { meldingen, wijzigingen } = wijzigStatussen(v.groepen, await tx.signalenVan(ctx.caller.gemeente, ids));
    if (!wijzigingen) return { meldingen };
    return {
      meldingen,
      schrijf: async (tx, _bsn, id) => {
        for (const w of wijzigingen) await tx.zetSignaalStatus(w.signaal.id, w.status, ctx.today, id);
      },
      naSchrijven: async (tx) => ({ GewijzigdeSignalen: { Signaal: (await tx.signalenVan(ctx.caller.gemeente, ids)).map(signaalInhoud) } }),
    };
  },
});
