/** The shared field checks (rules/velden.ts): each handeling's own rows, the element name, the group. */
import { expect } from 'chai';
import { GRENZEN } from '../../src/domain/grenzen.js';
import { alleMeldingen } from '../../src/meldingen/catalogus.js';
import { Velden, type VeldMelding } from '../../src/rules/velden.js';

const TODAY = '20261129';
const teksten = (v: Velden) => v.meldingen.map((m) => `${m.nummer} ${m.tekst}${m.groep ? ` [${m.groep}]` : ''}`);

describe('field checks shared by the handelingen', () => {
  it('answers with the rows of the handeling, filled with the element name', () => {
    const b = new Velden('b');
    expect(b.datum('DatumDagtekeningPip', undefined, { verplicht: true, today: TODAY })).to.equal(undefined);
    expect(b.datum('DatumDagtekeningPip', '20260230', { today: TODAY })).to.equal(undefined);
    expect(b.datum('DatumDagtekeningPip', '20261130', { today: TODAY })).to.equal(undefined);
    expect(b.datum('DatumDagtekeningPip', TODAY, { today: TODAY })).to.equal(TODAY);
    expect(b.code('Leerroute', 'X', ['B', 'O', 'Z'])).to.equal(undefined);
    expect(teksten(b)).to.deep.equal([
      '999 DatumDagtekeningPip: Veld is verplicht',
      '999 DatumDagtekeningPip: Datum is ongeldig',
      '999 DatumDagtekeningPip: Datum mag niet in toekomst liggen',
      '999 Leerroute: Formaatfout',
    ]);
    expect(b.faalde('Leerroute')).to.equal(true);
    expect(b.faalde('Niveau')).to.equal(false);

    // Section f writes its date rows differently; the same check gives its text.
    const f = new Velden('f');
    f.datum('DatumEindgesprek', '20261201', { today: TODAY });
    expect(teksten(f)).to.deep.equal(['999 DatumEindgesprek Datum ligt in toekomst']);
  });

  it('numbers the repeating group, as appendix 4.2 i writes it', () => {
    const i = new Velden('i');
    const groep2 = i.inGroep(2);
    expect(groep2.tekst('Naam', 'x'.repeat(101), GRENZEN.contactNaam, true)).to.equal(undefined);
    expect(groep2.tekst('Email', undefined, GRENZEN.email, true)).to.equal(undefined);
    expect(groep2.tekst('Naam', 'Connie', GRENZEN.contactNaam, true)).to.equal('Connie');
    expect(teksten(i)).to.deep.equal(['999 Groep 2, Naam: Lengte is ongeldig [2]', '999 Groep 2, Email: Veld is verplicht [2]']);
    expect(i.meldingen[0]!.veld).to.equal('Naam');
  });

  it('reads whole numbers within DUO limits: a five-digit volgnummer is a volgnummer', () => {
    const v = new Velden('b');
    expect(v.getal('ContactVolgnummer', '12345', GRENZEN.contactVolgnummer)).to.equal(12345);
    expect(v.getal('ContactVolgnummer', '99999', GRENZEN.contactVolgnummer)).to.equal(99999);
    expect(v.getal('ContactVolgnummer', '100000', GRENZEN.contactVolgnummer)).to.equal(undefined);
    expect(v.getal('ContactVolgnummer', '0', GRENZEN.contactVolgnummer)).to.equal(undefined);
    expect(v.getal('GeschatteUrenResterend', '0', GRENZEN.uren)).to.equal(0);
    expect(v.getal('GeschatteUrenIntensiteit', '0', GRENZEN.urenIntensiteit)).to.equal(undefined);
    expect(v.getal('GeschatteUrenIntensiteit', '1e3', GRENZEN.urenIntensiteit)).to.equal(undefined);
    expect(v.getal('GeschatteUrenIntensiteit', '-1', GRENZEN.urenIntensiteit)).to.equal(undefined);
    expect(v.meldingen.map((m) => m.tekst)).to.deep.equal([
      'ContactVolgnummer: Formaatfout',
      'ContactVolgnummer: Formaatfout',
      'GeschatteUrenIntensiteit: Formaatfout',
      'GeschatteUrenIntensiteit: Formaatfout',
      'GeschatteUrenIntensiteit: Formaatfout',
    ]);
  });

  it('counts characters, not bytes, for a length', () => {
    const i = new Velden('i');
    expect(i.tekst('Naam', 'é'.repeat(100), GRENZEN.contactNaam)).to.equal('é'.repeat(100));
    expect(i.meldingen).to.deep.equal([]);
  });

  it('finds, for every row it may use, the handelingen that have it', () => {
    // A handeling builds its checks only from rows its section has; this lists which have which.
    const rows: VeldMelding[] = ['verplicht', 'formaatfout', 'datumOngeldig', 'datumInToekomst', 'lengteOngeldig'];
    const heeft = Object.fromEntries(rows.map((r) => [r, alleMeldingen().filter((m) => m.key === r).map((m) => m.handeling).join('')]));
    expect(heeft).to.deep.equal({ verplicht: 'bdhi', formaatfout: 'bdhij', datumOngeldig: 'bdfgh', datumInToekomst: 'bfgh', lengteOngeldig: 'i' });
  });
});
