/** What any client must read from the documented overview of 999901333 (fixtures/OpvragenPersoon/01). */
import { expect } from 'chai';
import { addDays } from '../../src/domain/datum.js';
import { TODAY } from './sandbox.js';

export function expectVolledigOverzicht(answer: any): void {
  expect(answer.Verwerkt).to.equal(true);
  expect(answer.Meldingen?.Melding ?? []).to.deep.equal([]);
  const p = answer.Persoon;
  expect(p.Personalia.Bsn).to.equal('999901333');
  expect(p.Personalia.Achternaam).to.equal('Testpersoon-Volledig');
  expect(p.Inburgeringsplicht.Doelgroep).to.equal('Asielstatushouder');
  expect(p.Inburgeringsplicht.DatumStartInburgeringsplicht).to.equal(addDays(TODAY, -700));
  expect(p.PipRegistratie.Pip.Leerroute).to.equal('B');
  expect(p.PipRegistratie.Pip.GeschatteUrenIntensiteit).to.equal('700');
  expect(p.PipRegistratie.Definitief).to.equal(true);
  expect(p.Inburgeringsaanbod.AanbodRegistratie).to.have.length(2);
  expect(p.DeelgenomenUren.TotaalUren).to.equal(357);
  expect(p.Signalen.Totaal).to.equal(4);
  expect(p.Contactpersoon.Naam).to.equal('Connie Contact');
  expect(p.Examens.Examen.map((e: { Onderdeel: string }) => e.Onderdeel)).to.deep.equal(['KNM', 'LEZEN', 'LUISTEREN', 'SCHRIJVEN', 'SPREKEN']);
}
