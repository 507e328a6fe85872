/**
 * Contactpersonen end to end, where a fixture cannot show it: a write the store refuses answers
 * "Fout opslaan contact" and stores nothing; concurrent requests get distinct volgnummers; a
 * removed volgnummer is never given again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { call } from './support/client.js';
import { startSandbox, type Sandbox } from './support/sandbox.js';
import { teksten } from './support/xml.js';

const groep = (naam: string, email: string) => `<ib:Contactpersoon><ib:Naam>${naam}</ib:Naam><ib:Email>${email}</ib:Email></ib:Contactpersoon>`;

describe('contactpersonen', () => {
  let sandbox: Sandbox;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cvs-contact-'));
    sandbox = await startSandbox({ CVS_DATABASE: join(dir, 'store.sqlite') });
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers "Fout opslaan contact" when the store refuses the write, and stores nothing', async () => {
    // Another writer's constraint, as the database enforces it: a trigger that refuses one address.
    const db = new Database(sandbox.config.database);
    db.exec(`CREATE TRIGGER weiger BEFORE INSERT ON contactpersoon_versie WHEN NEW.email = 'weiger@groningen.test'
             BEGIN SELECT RAISE(ABORT, 'geweigerd'); END`);
    db.close();
    const voor = await sandbox.store.contactpersonen('0014');
    const antwoord = await call(sandbox.endpoint, 'OpvoerenContactpersoon', groep('Wim Weiger', 'weiger@groningen.test'));
    expect(antwoord.status).to.equal(200);
    expect(antwoord.text('//ib:Tekst')).to.equal(`Fout opslaan contact voor gemeente 0014 en volgnummer ${voor.length + 1}.`);
    expect(antwoord.text('//ib:Verwerkt')).to.equal('false');
    expect(await sandbox.store.contactpersonen('0014')).to.deep.equal(voor);
  });

  it('gives concurrent requests distinct volgnummers, and never gives a removed one again', async () => {
    const [a, b] = await Promise.all([
      call(sandbox.endpoint, 'OpvoerenContactpersoon', groep('Anna Een', 'anna@groningen.test')),
      call(sandbox.endpoint, 'OpvoerenContactpersoon', groep('Bart Twee', 'bart@groningen.test')),
    ]);
    expect([a.meldingen(), b.meldingen()]).to.deep.equal([[], []]);
    const lijst = await sandbox.store.contactpersonen('0014');
    const anna = lijst.find((c) => c.naam === 'Anna Een')!;
    const bart = lijst.find((c) => c.naam === 'Bart Twee')!;
    expect(new Set([anna.volgnummer, bart.volgnummer]).size).to.equal(2);

    const hoogste = Math.max(anna.volgnummer, bart.volgnummer);
    const weg = await call(sandbox.endpoint, 'VerwijderenContactpersoon', [['Volgnummer', String(hoogste)]]);
    expect(weg.meldingen()).to.deep.equal([]);
    await call(sandbox.endpoint, 'OpvoerenContactpersoon', groep('Cor Drie', 'cor@groningen.test'));
    const cor = (await sandbox.store.contactpersonen('0014')).find((c) => c.naam === 'Cor Drie')!;
    expect(cor.volgnummer).to.equal(hoogste + 1);
  });

  it('keeps the gemeenten apart: another gemeente sees none of them and changes none', async () => {
    const lijst = await call(sandbox.endpoint, 'OpvragenContactpersonen', '', { gemeente: '0363', oin: '00000001000000000363' });
    const emails = teksten(lijst.doc, '//*[local-name()="Email"]');
    expect(emails.every((e) => e.endsWith('amsterdam.test'))).to.equal(true);
    // A volgnummer that 0014 has and 0363 does not.
    const vanAmsterdam = new Set((await sandbox.store.contactpersonen('0363')).map((c) => c.volgnummer));
    let voor = await sandbox.store.contactpersonen('0014');
    for (let i = 0; voor.every((c) => vanAmsterdam.has(c.volgnummer)); i++) {
      await call(sandbox.endpoint, 'OpvoerenContactpersoon', groep(`Extra ${i}`, `extra${i}@groningen.test`));
      voor = await sandbox.store.contactpersonen('0014');
    }
    const volgnummer = voor.find((c) => !vanAmsterdam.has(c.volgnummer))!.volgnummer;
    const wijzig = await call(
      sandbox.endpoint,
      'WijzigenContactpersoon',
      `<ib:Contactpersoon><ib:Volgnummer>${volgnummer}</ib:Volgnummer><ib:Naam>Overgenomen</ib:Naam><ib:Email>x@amsterdam.test</ib:Email></ib:Contactpersoon>`,
      { gemeente: '0363', oin: '00000001000000000363' },
    );
    expect(wijzig.meldingen()).to.deep.equal(['FS999']);
    expect(await sandbox.store.contactpersonen('0014')).to.deep.equal(voor);
  });
});
