/**
 * What every interop client (node-soap, zeep, JAX-WS and PHP's SoapClient, each built from the
 * served WSDL) does: every operation of the registry, with the gemeente as the first element of the
 * Body, and what each answer must say. The arguments and answers are plain objects named after the
 * elements (a repeated element is an array); each stack's driver maps them to and from its own
 * generated types. The test holds the operations called here to the registry.
 */
import { expect } from 'chai';
import { addDays } from '../../src/domain/datum.js';
import { expectVolledigOverzicht } from '../support/overzicht.js';
import { TODAY } from '../support/sandbox.js';

export type Aanroep = [operation: string, args: Record<string, unknown>, check: (answer: any) => void];

/**
 * What each stack's documented example (test/interop/<stack>/voorbeeld.*, quoted by
 * docs/integrators.md) prints: the PIP of 999901333 read and sent back unchanged is FS 640, and a
 * gemeente the OIN may not act for is a typed fault, printed as the stack reads it.
 */
export const voorbeeldUitvoer = (fout: string): string =>
  ['Verwerkt: false', 'FS 640 Alle velden hebben dezelfde waarde als de actuele waarden', fout, ''].join('\n');

/** A PIP's life on one person (`bsn`, an asielstatushouder of 0014 without a PIP), after a read of 999901333, with its aanbod. */
export function scenario(bsn: string): Aanroep[] {
  const g = (args: Record<string, unknown>) => ({ Gemeentecode: '0014', ...args });
  return [
    ['OpvragenPersoon', g({ Bsn: '999901333' }), expectVolledigOverzicht],
    [
      'OpvoerenPip',
      g({ Bsn: bsn, Pip: { DatumDagtekeningPip: addDays(TODAY, -3), Leerroute: 'Z', Alfabetisering: 'A', ToestemmingNietVrijstellendeOpleiding: 'J' } }),
      (a) => {
        expect(a.Verwerkt).to.equal(true);
        expect(a.PipRegistratie.Pip).to.include({ Leerroute: 'Z', DatumDagtekeningPip: addDays(TODAY, -3), DatumDagtekeningInitielePip: addDays(TODAY, -3) });
        expect(a.PipRegistratie.Pip).to.include({ ToestemmingNietVrijstellendeOpleiding: 'J' });
        expect(a.PipRegistratie).to.include({ DatumRegistratie: TODAY, Gemeente: '0014', Definitief: false });
      },
    ],
    [
      'OpvragenPersoon',
      g({ Bsn: bsn }),
      (a) => {
        expect(a.Persoon.PipRegistratie.Pip).to.include({ Leerroute: 'Z', Alfabetisering: 'A' });
        expect(a.Persoon.PipRegistratie.Gemeente).to.equal('0014');
      },
    ],
    [
      'WijzigenPip',
      g({ Bsn: bsn, Pip: { DatumDagtekeningPip: addDays(TODAY, -1), Leerroute: 'Z', Niveau: 'A2', Alfabetisering: 'NVT', ContactVolgnummer: '1' } }),
      (a) => {
        expect(a.Verwerkt).to.equal(true);
        expect(a.Meldingen.Melding.map((m: { Soort: string; Nummer: number; Veld: string }) => [m.Soort, m.Nummer, m.Veld])).to.deep.equal([['AS', 605, 'Niveau']]);
        expect(a.PipRegistratie.Pip).to.include({ Niveau: 'A2', ContactVolgnummer: '1', ToestemmingNietVrijstellendeOpleiding: 'N' });
      },
    ],
    [
      'OpvragenPipHistorie',
      g({ Bsn: bsn }),
      (a) =>
        expect(a.PipHistorie.PipVersie.map((v: { Versie: number; Pip: { Niveau?: string } }) => [v.Versie, v.Pip.Niveau ?? null])).to.deep.equal([
          [2, 'A2'],
          [1, null],
        ]),
    ],
    ...aanbod(bsn, g),
    ...traject(g({ Bsn: bsn })),
    ...contactpersonen(bsn, g),
    ...signalen(g),
    ['IntrekkenPip', g({ Bsn: bsn }), (a) => expect([a.Verwerkt, a.Meldingen?.Melding ?? []]).to.deep.equal([true, []])],
    ['OpvragenPipHistorie', g({ Bsn: bsn }), (a) => expect(a.PipHistorie.PipVersie.map((v: { Ingetrokken: boolean }) => v.Ingetrokken)).to.deep.equal([true, true])],
  ];
}

/** Two aanbiedingen given in one request, read, one changed, one withdrawn, and the historie (appendix 4.2 d and e). */
function aanbod(bsn: string, g: (args: Record<string, unknown>) => Record<string, unknown>): Aanroep[] {
  const inschrijving = addDays(TODAY, -1);
  const groep = (instelling: string, start?: string) => ({
    Instelling: instelling,
    DatumInschrijving: inschrijving,
    ...(start ? { DatumStartOpleiding: start } : {}),
    Alfabetisering: 'NVT',
  });
  const instellingen = (a: any) =>
    (a.Inburgeringsaanbod?.AanbodRegistratie ?? []).map((x: { Aanbod: { Instelling: string; DatumStartOpleiding?: string | null } }) => [
      x.Aanbod.Instelling,
      x.Aanbod.DatumStartOpleiding ?? null,
    ]);
  return [
    [
      'OpvragenInstellingen',
      g({ Leerroute: 'B' }),
      (a) =>
        expect(a.Instellingen.ErkendeInstelling).to.deep.equal([
          { Instelling: 'BOW0001', Naam: 'Taalschool Noord', KeurmerkBow: true, KeurmerkTaalschakel: false },
          { Instelling: 'BOW0002', Naam: 'Taalcentrum Stad', KeurmerkBow: true, KeurmerkTaalschakel: false },
        ]),
    ],
    [
      'OpvoerenAanbod',
      g({ Bsn: bsn, Aanbod: [groep('BOW0001'), groep('BOW0002', TODAY)] }),
      (a) => {
        expect(a.Verwerkt).to.equal(true);
        expect(instellingen(a)).to.deep.equal([['BOW0001', null], ['BOW0002', TODAY]]);
      },
    ],
    ['OpvragenPersoon', g({ Bsn: bsn }), (a) => expect(a.Persoon.Inburgeringsaanbod.AanbodRegistratie.map((x: { Gemeente: string }) => x.Gemeente)).to.deep.equal(['0014', '0014'])],
    [
      'WijzigenAanbod',
      g({ Bsn: bsn, Aanbod: [groep('BOW0001', addDays(TODAY, 7))] }),
      (a) => expect(instellingen(a)).to.deep.equal([['BOW0001', addDays(TODAY, 7)], ['BOW0002', TODAY]]),
    ],
    ['IntrekkenAanbod', g({ Bsn: bsn, Cursusinstellingen: { Instelling: ['BOW0002'] } }), (a) => expect(instellingen(a)).to.deep.equal([['BOW0001', addDays(TODAY, 7)]])],
    [
      'OpvragenAanbodHistorie',
      g({ Bsn: bsn }),
      (a) =>
        expect(a.AanbodHistorie.AanbodVersie.map((v: { Versie: number; Aanbod: { Instelling: string }; Ingetrokken: boolean }) => [v.Versie, v.Aanbod.Instelling, v.Ingetrokken])).to.deep.equal([
          [4, 'BOW0002', true],
          [3, 'BOW0001', false],
          [2, 'BOW0002', false],
          [1, 'BOW0001', false],
        ]),
    ],
  ];
}

/** MAP and PVT registered and removed, and participatie-uren (appendix 4.2 f, g and h). */
function traject(bsn: Record<string, unknown>): Aanroep[] {
  const gisteren = addDays(TODAY, -1);
  const melding = (a: any) => a.Meldingen?.Melding ?? [];
  return [
    [
      'DoorgevenMap',
      { ...bsn, DatumEindgesprek: gisteren },
      (a) => {
        expect([a.Verwerkt, melding(a)]).to.deep.equal([true, []]);
        expect(a.MapAfronding).to.include({ VanToepassing: true, DatumEindgesprek: gisteren, Gemeente: '0014' });
      },
    ],
    ['DoorgevenPvt', { ...bsn, DatumOndertekening: gisteren }, (a) => expect(a.PvtAfronding).to.include({ DatumOndertekening: gisteren, Gemeente: '0014' })],
    ['VerwijderenPvt', bsn, (a) => expect([a.Verwerkt, a.PvtAfronding?.DatumOndertekening ?? null]).to.deep.equal([true, null])],
    ['VerwijderenMap', bsn, (a) => expect([a.Verwerkt, a.MapAfronding.VanToepassing, a.MapAfronding.DatumEindgesprek ?? null]).to.deep.equal([true, true, null])],
    [
      'DoorgevenUren',
      { ...bsn, Uren: { TypeUren: '2', DatumTot: gisteren, UrenDeelname: '12' } },
      (a) => {
        expect(a.Verwerkt).to.equal(true);
        expect(a.DeelgenomenUren.TotaalUren).to.equal(12);
        expect(
          a.DeelgenomenUren.UrenRegistratie.map((u: { Uren: { TypeUren: string; UrenDeelname: string }; Gemeente: string }) => [u.Uren.TypeUren, u.Uren.UrenDeelname, u.Gemeente]),
        ).to.deep.equal([['2', '12', '0014']]);
      },
    ],
  ];
}

/** A contactpersoon given, changed, linked to the person, unlinked, handed a caseload and removed (appendix 4.2 i). */
function contactpersonen(bsn: string, g: (args: Record<string, unknown>) => Record<string, unknown>): Aanroep[] {
  const namen = (a: any) =>
    (a.Contactpersonen?.ContactpersoonRegistratie ?? []).map((r: { Contactpersoon: { Volgnummer: string; Naam: string; AlgemeenContactpersoon: string } }) => [
      r.Contactpersoon.Volgnummer,
      r.Contactpersoon.Naam,
      r.Contactpersoon.AlgemeenContactpersoon,
    ]);
  const nieuw = { Naam: 'Ilse Interop', Email: 'i.interop@groningen.test', Telefoonnummer: '050-7777777', AlgemeenContactpersoon: 'N' };
  return [
    ['OpvoerenContactpersoon', g({ Contactpersoon: [nieuw] }), (a) => expect(namen(a)).to.deep.equal([['1', 'Connie Contact', 'J'], ['2', 'Karel Klantmanager', 'N'], ['3', 'Ilse Interop', 'N']])],
    [
      'WijzigenContactpersoon',
      g({ Contactpersoon: [{ Volgnummer: '3', ...nieuw, AlgemeenContactpersoon: 'J' }] }),
      (a) => expect(namen(a)).to.deep.include.members([['1', 'Connie Contact', 'N'], ['3', 'Ilse Interop', 'J']]),
    ],
    ['KoppelenContactpersoon', g({ Bsn: bsn, Volgnummer: '3' }), (a) => expect(a.Contactpersoon).to.include({ Volgnummer: '3', Naam: 'Ilse Interop', AlgemeenContactpersoon: 'J' })],
    [
      'OpvragenContactpersonen',
      g({ Volgnummer: '3' }),
      (a) => {
        expect(a.Caseload).to.include({ Volgnummer: '3', Totaal: 1, Pagina: '1', PaginaGrootte: '10' });
        expect(a.Caseload.Koppeling.map((k: { Bsn: string; DatumKoppeling: string }) => [k.Bsn, k.DatumKoppeling])).to.deep.equal([[bsn, TODAY]]);
      },
    ],
    ['OntkoppelenContactpersoon', g({ Bsn: bsn }), (a) => expect([a.Verwerkt, a.Contactpersoon ?? null]).to.deep.equal([true, null])],
    [
      'OverdragenCaseload',
      g({ Volgnummer: '2', OverdragenAan: '3' }),
      (a) => expect(a.Contactpersonen.ContactpersoonRegistratie.find((r: { Contactpersoon: { Volgnummer: string } }) => r.Contactpersoon.Volgnummer === '2').AantalGekoppeld).to.equal(0),
    ],
    ['VerwijderenContactpersoon', g({ Volgnummer: '3', OverdragenAan: '1' }), (a) => expect(namen(a).map((c: unknown[]) => c[0])).to.deep.equal(['1', '2'])],
  ];
}

/** The gemeente's signalen searched and one set to In behandeling (appendix 4.2 j). */
function signalen(g: (args: Record<string, unknown>) => Record<string, unknown>): Aanroep[] {
  const ids = (a: any) => (a.Signalen?.Signaal ?? a.GewijzigdeSignalen?.Signaal ?? []).map((s: { Id: number; Status: string; Code: string }) => [Number(s.Id), s.Status, s.Code]);
  return [
    [
      'OpvragenSignalen',
      g({ Bsn: '999901370' }),
      (a) => {
        expect(a.Signalen).to.include({ Totaal: 1, Pagina: '1', PaginaGrootte: '20' });
        expect(ids(a)).to.deep.equal([[5, 'N', 'SS139']]);
      },
    ],
    ['WijzigenStatusSignalen', g({ SignaalStatus: [{ Id: '5', Status: 'B' }] }), (a) => expect(ids(a)).to.deep.equal([[5, 'B', 'SS139']])],
    ['OpvragenSignalen', g({ Code: 'SS190' }), (a) => expect([a.Verwerkt, a.Meldingen.Melding.map((m: { Nummer: number }) => m.Nummer)]).to.deep.equal([true, [607]])],
  ];
}
