import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ROOT } from '../../src/config.js';
import { DatasetFout, laadDatasetBestand, leesDataset } from '../../src/dataset/laden.js';

const TODAY = '20261129';
const fixtures = () => JSON.parse(readFileSync(`${ROOT}fixtures/dataset.json`, 'utf8'));

function fout(json: unknown): string {
  try {
    leesDataset(json, TODAY, 'test.json');
  } catch (err) {
    expect(err).to.be.instanceOf(DatasetFout);
    return (err as Error).message;
  }
  throw new Error('expected the dataset to be refused');
}

describe('dataset', () => {
  it('loads the fixtures with dates relative to today', () => {
    const ds = laadDatasetBestand(`${ROOT}fixtures/dataset.json`, TODAY);
    expect(ds.dossiers).to.have.length(fixtures().personen.length);
    const volledig = ds.dossiers.find((d) => d.dossier.persoon.bsn === '999901333')!.dossier;
    expect(volledig.persoon.datumStartPlicht).to.equal('20241229');
    expect(volledig.pip.map((v) => [v.versie, v.initieel, v.datumDagtekeningInitieel])).to.deep.equal([
      [1, true, '20250227'],
      [2, false, '20250227'],
    ]);
    expect(ds.afnemers).to.deep.include({ oin: '00000003000000000001', gemeente: '0034', rol: 'raadplegen', naam: 'CVS-leverancier (test), namens Groningen en Almere' });
  });

  it('names a bad entry by its place and label, never by its BSN or name', () => {
    const json = fixtures();
    json.personen[2].geboortedatum = '1970-01-01';
    json.personen[4].kleur = 'blauw';
    const message = fout(json);
    expect(message).to.include('personen[2] "overleden" /geboortedatum');
    expect(message).to.include('personen[4] "niet-inburgeringsplichtig": unknown field "kleur"');
    expect(message).not.to.include(json.personen[2].bsn);
    expect(message).not.to.include(json.personen[2].achternaam);
  });

  it('refuses a BSN that fails the elfproef, a BSN used twice and an unreal date', () => {
    const json = fixtures();
    json.personen[0].bsn = '999901334';
    json.personen[1].bsn = json.personen[2].bsn;
    json.personen[3].geboortedatum = '20230229';
    const message = fout(json);
    expect(message).to.include('personen[0] "asielstatushouder-b1-route": bsn fails the elfproef');
    expect(message).to.include('personen[2] "overleden": bsn is used by an earlier entry');
    expect(message).to.include('personen[3] "wet-inburgering-2013" geboortedatum: not a real date');
    expect(message).not.to.match(/\d{9}/);
  });

  it('holds every code list to its codes: a typo in a reden einde stops the start instead of reading as withdrawn', () => {
    const json = fixtures();
    const i = json.personen.findIndex((p: { label: string }) => p.label === 'plicht-ingetrokken');
    json.personen[i].inburgeringsplicht.redenEinde = 'Vertrek uit Nederland';
    const message = fout(json);
    expect(message).to.include(`personen[${i}] "plicht-ingetrokken" /inburgeringsplicht/redenEinde: must be one of Volledige ontheffing,`);
  });

  it("holds contactpersonen to DUO's limits: volgnummer 1-99999, e-mail 4-241 characters", () => {
    const json = fixtures();
    json.contactpersonen[0].volgnummer = 12345;
    json.personen[0].contactpersoon[0].volgnummer = 12345;
    expect(() => leesDataset(json, TODAY, 'test.json')).not.to.throw();
    json.contactpersonen[0].volgnummer = 100000;
    json.contactpersonen[1].email = 'a@b';
    const message = fout(json);
    expect(message).to.include('contactpersonen[0] /volgnummer: must be <= 99999');
    expect(message).to.include('contactpersonen[1] /email: must NOT have fewer than 4 characters');
  });

  it('refuses references to unknown instellingen and contactpersonen', () => {
    const json = fixtures();
    json.personen[0].aanbod[0].instelling = 'ONBEKEND';
    json.personen[0].contactpersoon[0].volgnummer = 99;
    const message = fout(json);
    expect(message).to.include('aanbod[0]: unknown instelling');
    expect(message).to.include('contactpersoon[0]: unknown contactpersoon');
  });

  it("resolves a link's datumKoppeling, a signaal's datumStatus and the date in its aanleiding against today", () => {
    const json = fixtures();
    const p = json.personen[0];
    p.contactpersoon[0].datumKoppeling = 'vandaag-398';
    p.signalen = [
      { gemeente: '0014', code: 'SS122', datum: 'vandaag-40', status: 'A', datumStatus: 'vandaag-3', aanleiding: 'verhuizing-vandaag-40' },
      { gemeente: '0014', code: 'SS126', datum: '20261001', status: 'B', aanleiding: 'start-20260721' },
      { gemeente: '0014', code: 'SS102', datum: 'vandaag-620', status: 'N', datumStatus: 'vandaag-620', aanleiding: 'pip-1' },
      { gemeente: '0014', code: 'SS139', datum: 'vandaag-690', status: 'A' },
    ];
    const ds = leesDataset(json, TODAY, 'test.json');
    const { dossier, koppelingen } = ds.dossiers[0]!;
    expect(koppelingen).to.deep.equal([{ gemeente: '0014', volgnummer: 1, datumKoppeling: '20251027' }]);
    expect(dossier.signalen.map((s) => [s.datum, s.datumStatus, s.aanleiding])).to.deep.equal([
      ['20261020', '20261126', 'verhuizing-20261020'],
      ['20261001', undefined, 'start-20260721'],
      ['20250319', '20250319', 'pip-1'],
      ['20250108', undefined, undefined],
    ]);
    expect(dossier.signalen[3]).to.deep.equal({ id: 4, gemeente: '0014', code: 'SS139', datum: '20250108', status: 'A' });
  });

  it('refuses a datumKoppeling or datumStatus after today, a datumStatus before its signaal, an unknown aanleiding and a repeated one', () => {
    const json = fixtures();
    const p = json.personen[0];
    p.contactpersoon[0].datumKoppeling = 'vandaag+1';
    p.signalen = [
      { gemeente: '0014', code: 'SS139', datum: 'vandaag-10', status: 'A', datumStatus: 'vandaag-11' },
      { gemeente: '0014', code: 'SS102', datum: 'vandaag-10', status: 'A', datumStatus: 'vandaag+1' },
      { gemeente: '0014', code: 'SS102', datum: 'vandaag-10', status: 'N', aanleiding: 'pip-2' },
      { gemeente: '0014', code: 'SS122', datum: 'vandaag-10', status: 'N', aanleiding: 'verhuizing-vandaag-10' },
      { gemeente: '0014', code: 'SS122', datum: 'vandaag-9', status: 'B', aanleiding: 'verhuizing-20261119' },
      { gemeente: '0014', code: 'SS121', datum: 'vandaag-9', status: 'B', aanleiding: 'verhuizing-20230229' },
    ];
    const message = fout(json);
    expect(message).to.include('personen[0] "asielstatushouder-b1-route" contactpersoon[0]: datumKoppeling lies after today');
    expect(message).to.include('signalen[0]: datumStatus lies before datum');
    expect(message).to.include('signalen[1]: datumStatus lies after today');
    expect(message).to.include('signalen[2].aanleiding: pip[1] is not an entry that starts a PIP');
    expect(message).to.include('signalen[4]: gemeente, code and aanleiding used by an earlier signaal');
    expect(message).to.include('signalen[5].aanleiding: not a real date');
    expect(message).not.to.include('signalen[3]');

    const vorm = fixtures();
    vorm.personen[0].signalen[0].aanleiding = 'verhuisd-20261119';
    expect(fout(vorm)).to.include('personen[0] "asielstatushouder-b1-route" /signalen/0/aanleiding: must match pattern');
  });

  it('says so when the file cannot be read or is not JSON', () => {
    expect(() => laadDatasetBestand('/nonexistent/dataset.json', TODAY)).to.throw(DatasetFout, /cannot be read/);
    expect(() => laadDatasetBestand(`${ROOT}wsdl/CvsKoppeling_Wi2021_v1.wsdl`, TODAY)).to.throw(DatasetFout, /not valid JSON/);
  });
});
