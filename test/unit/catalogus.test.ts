import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ROOT } from '../../src/config.js';
import { alleMeldingen, bijlage42, melding, vul } from '../../src/meldingen/catalogus.js';

interface Row {
  code: string;
  melding: string;
  controle: string;
}
const appendix = JSON.parse(readFileSync(`${ROOT}test/reference/meldingen-bijlage-4.2.json`, 'utf8')) as Record<
  string,
  { title: string; meldingen: Row[] }
>;

describe('melding catalogue', () => {
  it('holds every row of appendix 4.2 a-j, in order, with its exact number and text', () => {
    let rows = 0;
    for (const [h, section] of Object.entries(appendix)) {
      const ours = alleMeldingen().filter((m) => m.handeling === h && !m.def.toevoeging);
      expect(ours.map((m) => `${m.def.soort}${m.def.nummer}|${m.def.tekst}|${m.def.controle}`), h).to.deep.equal(
        section.meldingen.map((r) => `${r.code}|${r.melding}|${r.controle}`),
      );
      expect(bijlage42[h as keyof typeof bijlage42].titel).to.equal(section.title);
      rows += ours.length;
    }
    expect(rows).to.equal(119);
  });

  it('marks every addition as an FS 999', () => {
    for (const { def } of alleMeldingen().filter((m) => m.def.toevoeging)) {
      expect(`${def.soort}${def.nummer}`).to.equal('FS999');
    }
  });

  it('fills the placeholders: the element name, the group and the values', () => {
    expect(melding('b', 'formaatfout', { veld: 'Leerroute' })).to.deep.equal({
      soort: 'FS',
      nummer: 999,
      tekst: 'Leerroute: Formaatfout',
      veld: 'Leerroute',
    });
    expect(melding('b', 'urenNietToegestaan', { veld: 'GeschatteUrenIntensiteit' }).tekst).to.equal(
      'GeschatteUrenIntensiteit: Mag alleen worden opgegeven indien persoon asielgerechtigd is en leerroute B1 heeft.',
    );
    expect(melding('d', 'datumOngeldig', { veld: 'DatumStartOpleiding', groep: 2 })).to.deep.equal({
      soort: 'FS',
      nummer: 999,
      tekst: 'Groep 2, DatumStartOpleiding: Datum is ongeldig',
      groep: 2,
      veld: 'DatumStartOpleiding',
    });
    expect(melding('e', 'geenAanbodInstelling', { groep: 1, waarden: ['0014', 'BOW0001'] }).tekst).to.equal(
      'Groep 1, Geen aanbod voor zakenpartner 0014 en instelling BOW0001',
    );
    expect(vul(bijlage42.j.meldingen.geenSignalen).tekst).to.equal('Geen signalen gevonden.');
  });
});
