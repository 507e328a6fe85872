/**
 * What both interop clients (node-soap and zeep, each built from the served WSDL) do: every
 * operation of the registry, with the gemeente as the first element of the Body, and what each
 * answer must say. The test holds the operations called here to the registry.
 */
import { expect } from 'chai';
import { addDays } from '../../src/domain/datum.js';
import { expectVolledigOverzicht } from '../support/overzicht.js';
import { TODAY } from '../support/sandbox.js';

export type Aanroep = [operation: string, args: Record<string, string>, check: (answer: any) => void];

/** A PIP's life on one person (`bsn`, without a PIP, a gezinsmigrant of 0014), after a read of 999901333. */
export function scenario(bsn: string): Aanroep[] {
  const g = (args: Record<string, string>) => ({ Gemeentecode: '0014', ...args });
  return [
    ['OpvragenPersoon', g({ Bsn: '999901333' }), expectVolledigOverzicht],
    [
      'OpvoerenPip',
      g({ Bsn: bsn, DatumDagtekeningPip: addDays(TODAY, -3), Leerroute: 'Z', Alfabetisering: 'A', ToestemmingNietVrijstellendeOpleiding: 'J' }),
      (a) => {
        expect(a.Verwerkt).to.equal(true);
        expect(a.Pip).to.include({ Leerroute: 'Z', DatumDagtekeningPip: addDays(TODAY, -3), DatumDagtekeningInitielePip: addDays(TODAY, -3) });
        expect(a.Pip).to.include({ ToestemmingNietVrijstellendeOpleiding: 'J', DatumRegistratie: TODAY, Gemeente: '0014', Definitief: false });
      },
    ],
    ['OpvragenPersoon', g({ Bsn: bsn }), (a) => expect(a.Persoon.Pip).to.include({ Leerroute: 'Z', Alfabetisering: 'A', Gemeente: '0014' })],
    [
      'WijzigenPip',
      g({ Bsn: bsn, DatumDagtekeningPip: addDays(TODAY, -1), Leerroute: 'Z', Niveau: 'A2', Alfabetisering: 'NVT', ContactVolgnummer: '1' }),
      (a) => {
        expect(a.Verwerkt).to.equal(true);
        expect(a.Meldingen.Melding.map((m: { Soort: string; Nummer: number; Veld: string }) => [m.Soort, m.Nummer, m.Veld])).to.deep.equal([['AS', 605, 'Niveau']]);
        expect(a.Pip).to.include({ Niveau: 'A2', ContactVolgnummer: 1, ToestemmingNietVrijstellendeOpleiding: 'N' });
      },
    ],
    [
      'OpvragenPipHistorie',
      g({ Bsn: bsn }),
      (a) => expect(a.PipHistorie.PipVersie.map((v: { Versie: number; Niveau?: string }) => [v.Versie, v.Niveau ?? null])).to.deep.equal([[2, 'A2'], [1, null]]),
    ],
    ['IntrekkenPip', g({ Bsn: bsn }), (a) => expect([a.Verwerkt, a.Meldingen?.Melding ?? []]).to.deep.equal([true, []])],
    ['OpvragenPipHistorie', g({ Bsn: bsn }), (a) => expect(a.PipHistorie.PipVersie.map((v: { Ingetrokken: boolean }) => v.Ingetrokken)).to.deep.equal([true, true])],
  ];
}
