/**
 * Idempotency and writes across gateway instances (docs/design.md "Idempotency"): a repeated
 * MessageID gets the stored
 * answer and changes nothing, also when both copies arrive at once; stored answers expire; and two
 * gateway processes on one database file lose no update of one person.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';
import { addDays } from '../src/domain/datum.js';
import { call, type Call } from './support/client.js';
import { startSandbox, TODAY, type Sandbox } from './support/sandbox.js';
import { teksten } from './support/xml.js';

const BSN = '999970021';
/** A fresh MessageID without digit runs, so that the log (which masks those) shows it as it is. */
const nieuweMessageId = () => `urn:uuid:${randomUUID().replace(/\d/g, 'a')}`;
const zonderMessageId = (c: Call) => c.body.replace(/<wsa:MessageID>[^<]*<\/wsa:MessageID>/, '');

describe('idempotency', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.close());

  it('makes one change of two concurrent requests with one MessageID, and gives both the same answer', async () => {
    const messageId = nieuweMessageId();
    const wijzig = () =>
      call(sandbox.endpoint, 'WijzigenPip', [['Bsn', BSN], ['Pip', [['DatumDagtekeningPip', addDays(TODAY, -1)], ['Leerroute', 'Z'], ['Alfabetisering', 'A']]]], { messageId });
    const [a, b] = await Promise.all([wijzig(), wijzig()]);
    expect([a.status, b.status]).to.deep.equal([200, 200]);
    expect(a.text('//ib:Verwerkt')).to.equal('true');
    expect(zonderMessageId(a)).to.equal(zonderMessageId(b));
    const dossier = (await sandbox.store.dossier(BSN))!;
    expect(dossier.pip.map((v) => v.versie)).to.deep.equal([1, 2]);
    expect((await sandbox.store.mutaties(BSN)).map((m) => m.messageId)).to.deep.equal([messageId]);

    // The log says which answer was the stored one; it carries the MessageID, never the BSN.
    const regels = sandbox.logRegels().filter((l) => l.includes(messageId)).map((l) => JSON.parse(l));
    expect(regels.map((r) => r.herhaald === true).sort()).to.deep.equal([false, true]);
  });

  it('refuses the same MessageID with another request, and stores nothing of it', async () => {
    const messageId = nieuweMessageId();
    const eerste = await call(sandbox.endpoint, 'DoorgevenMap', [['Bsn', BSN], ['DatumEindgesprek', addDays(TODAY, -3)]], { messageId });
    expect(eerste.meldingen()).to.deep.equal([]);
    const voor = await sandbox.store.dossier(BSN);
    const ander = await call(sandbox.endpoint, 'DoorgevenMap', [['Bsn', BSN], ['DatumEindgesprek', addDays(TODAY, -2)]], { messageId });
    expect([ander.status, ander.text('//ib:Foutcode'), ander.text('//ib:Element')]).to.deep.equal([500, '0001', 'MessageID']);
    expect(await sandbox.store.dossier(BSN)).to.deep.equal(voor);
    // Another afnemer may use the same MessageID: the key is the OIN with it.
    const leverancier = await call(sandbox.endpoint, 'DoorgevenMap', [['Bsn', BSN], ['DatumEindgesprek', addDays(TODAY, -2)]], {
      messageId,
      oin: '00000003000000000001',
    });
    expect(leverancier.meldingen()).to.deep.equal([]);
  });

  it('removes stored answers after their time, after which a MessageID is new again', async () => {
    const messageId = nieuweMessageId();
    await call(sandbox.endpoint, 'DoorgevenPvt', [['Bsn', BSN], ['DatumOndertekening', addDays(TODAY, -3)]], { messageId });
    expect(await sandbox.store.ruimAntwoordenOp(new Date(Date.now() - 60_000).toISOString())).to.equal(0);
    expect(await sandbox.store.ruimAntwoordenOp(new Date(Date.now() + 1000).toISOString())).to.be.greaterThan(0);
    const opnieuw = await call(sandbox.endpoint, 'DoorgevenPvt', [['Bsn', BSN], ['DatumOndertekening', addDays(TODAY, -3)]], { messageId });
    expect(opnieuw.meldingen()).to.deep.equal(['FS640']);
  });
});

describe('two gateway processes on one database file', function () {
  this.timeout(60_000);
  let dir: string;
  const processen: ChildProcess[] = [];

  /** The gateway as `npm start` runs it, in a process group of its own; resolves with its endpoint. */
  function gateway(database: string): Promise<string> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      // 50 changes of one OIN at once test the store, not the limits per OIN: those are off.
      env: { ...process.env, CVS_PORT: '0', CVS_DATABASE: database, CVS_TODAY: TODAY, CVS_SIGNAAL_INTERVAL_MS: '0', CVS_OIN_RATE: '0', CVS_OIN_CONCURRENT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    processen.push(child);
    let out = '';
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /"endpoint":"([^"]+)"/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`gateway stopped with ${code}`)));
    });
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cvs-twee-'));
  });
  after(() => {
    for (const p of processen) {
      try {
        process.kill(-p.pid!, 'SIGTERM');
      } catch {
        // gone already
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('lands every processed change of 50 concurrent WijzigenPip for one person, with no fault', async () => {
    const database = join(dir, 'store.sqlite');
    const eerste = await gateway(database); // loads the dataset into the new file
    const tweede = await gateway(database); // finds it loaded
    const alfabetisering = ['A', 'AA', 'NVT'];
    const antwoorden = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(i % 2 ? eerste : tweede, 'WijzigenPip', [
          ['Bsn', BSN],
          [
            'Pip',
            [
              ['DatumDagtekeningPip', addDays(TODAY, -1)],
              ['Leerroute', 'Z'],
              ['Alfabetisering', alfabetisering[i % 3]!],
              ['ToestemmingNietVrijstellendeOpleiding', i % 4 < 2 ? 'J' : 'N'],
            ],
          ],
        ]),
      ),
    );
    expect(antwoorden.filter((a) => a.status !== 200).map((a) => a.text('//ib:Foutcode'))).to.deep.equal([]);
    const verwerkt = antwoorden.filter((a) => a.text('//ib:Verwerkt') === 'true');
    const geweigerd = antwoorden.filter((a) => a.text('//ib:Verwerkt') === 'false');
    // A refusal can only be FS 640: the request asked for the state another one had just made.
    expect([...new Set(geweigerd.flatMap((a) => a.meldingen()))]).to.satisfy((m: string[]) => m.every((x) => x === 'FS640'));
    expect(verwerkt.length).to.be.greaterThan(10);

    const historie = await call(eerste, 'OpvragenPipHistorie', [['Bsn', BSN]]);
    const versies = teksten(historie.doc, '//*[local-name()="PipVersie"]/*[local-name()="Versie"]').map(Number);
    expect(versies.length).to.equal(1 + verwerkt.length);
    expect([...versies].sort((a, b) => a - b)).to.deep.equal(versies.map((_, i) => i + 1));
  });
});
