/**
 * Outside the sandbox, without TLS in the test: behind a TLS-terminating proxy (CVS_MODE=proxy) the
 * OIN comes from the proxy's header, and only from the proxy's address; the afnemers come from their
 * own file, read again on a reload that keeps the table in use when the new file is wrong; and the
 * configuration refuses a mode without what it needs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { AfnemersBestand, AfnemersFout } from '../src/auth/afnemers-bestand.js';
import { ConfigFout, loadConfig } from '../src/config.js';
import { fixedClock } from '../src/domain/datum.js';
import { laadDatasetBestand } from '../src/dataset/laden.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { call } from './support/client.js';
import { TODAY } from './support/sandbox.js';

const GRONINGEN = '00000001000000000014';
const AMSTERDAM = '00000001000000000363';
const PROXY = { CVS_MODE: 'proxy', CVS_PROXY_OIN_HEADER: 'X-Client-Oin', CVS_PUBLIC_URL: 'https://cvs.example.nl/cvs-koppeling/wi2021_v1' };
const afnemer = (oin: string, gemeente: string, rol = 'muteren') => ({ oin, naam: `Afnemer ${gemeente}`, gemeenten: [{ gemeente, rol }] });

describe('production behind a TLS proxy, with the afnemers file', function () {
  this.timeout(20_000);
  let dir: string;
  let bestand: string;
  const servers: Server[] = [];
  let store: SqliteStore;

  /** A gateway in proxy mode trusting the proxy at `adressen`. */
  async function start(adressen: string): Promise<{ endpoint: string; afnemers: AfnemersBestand }> {
    // Listening first: the public URL (required outside the sandbox) names the port.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cvs-koppeling/wi2021_v1`;
    const config = loadConfig({ ...PROXY, CVS_PROXY_ADRESSEN: adressen, CVS_AFNEMERS: bestand, CVS_PUBLIC_URL: endpoint });
    const afnemers = new AfnemersBestand(bestand);
    const app = createApp({ config, store, clock: fixedClock(TODAY), logger: pino({ level: 'silent' }), afnemers });
    server.on('request', app.callback());
    return { endpoint, afnemers };
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cvs-afnemers-'));
    bestand = join(dir, 'afnemers.json');
    writeFileSync(bestand, JSON.stringify({ afnemers: [afnemer(GRONINGEN, '0014')] }));
    store = new SqliteStore();
    await store.importeer(laadDatasetBestand(loadConfig({}).dataset, TODAY));
  });
  after(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the OIN from the proxy header, from the proxy address only, and ignores X-OIN', async () => {
    const vertrouwd = await start('10.0.0.7, 127.0.0.1');
    const goed = await call(vertrouwd.endpoint, 'OpvragenPersoon', [['Bsn', '999901333']], { oin: AMSTERDAM, headers: { 'X-Client-Oin': GRONINGEN } });
    expect([goed.status, goed.text('//ib:Verwerkt')]).to.deep.equal([200, 'true']);
    // X-OIN alone is the sandbox's way: here it counts for nothing.
    const alleenXOin = await call(vertrouwd.endpoint, 'OpvragenPersoon', [['Bsn', '999901333']], { oin: GRONINGEN });
    expect([alleenXOin.status, alleenXOin.text('//ib:Foutcode')]).to.deep.equal([500, '0002']);

    const anderAdres = await start('10.0.0.7');
    const vreemd = await call(anderAdres.endpoint, 'OpvragenPersoon', [['Bsn', '999901333']], { headers: { 'X-Client-Oin': GRONINGEN } });
    expect([vreemd.status, vreemd.text('//ib:Foutcode')]).to.deep.equal([500, '0002']);
  });

  it('states CVS_PUBLIC_URL as the WSDL address, whatever Host header the caller sends', async () => {
    const { endpoint } = await start('127.0.0.1');
    // fetch() would not send a Host header of its own.
    const [status, wsdl] = await new Promise<[number, string]>((resolve, reject) =>
      get(`${endpoint}?wsdl`, { headers: { Host: 'aanvaller.example' } }, (res) => {
        let tekst = '';
        res.on('data', (d: Buffer) => (tekst += d.toString()));
        res.on('end', () => resolve([res.statusCode ?? 0, tekst]));
      }).on('error', reject),
    );
    expect(status).to.equal(200);
    expect(wsdl).to.include(`location="${endpoint}"`);
    expect(wsdl).not.to.include('aanvaller.example');
  });

  it('serves no /metrics, /health or /ready on the SOAP listener: those are the operations listener\'s', async () => {
    const { endpoint } = await start('127.0.0.1');
    const origin = new URL(endpoint).origin;
    for (const pad of ['/metrics', '/health', '/ready']) expect((await fetch(`${origin}${pad}`)).status, pad).to.equal(404);
    expect(loadConfig({ ...PROXY, CVS_AFNEMERS: bestand, CVS_PROXY_ADRESSEN: '127.0.0.1' }).ops).to.deep.equal({ host: '127.0.0.1', port: 9090 });
  });

  it('reads the afnemers file again on a reload, and keeps the table in use when the new file is wrong', async () => {
    const { endpoint, afnemers } = await start('127.0.0.1');
    const amsterdam = () => call(endpoint, 'OpvragenPersoon', [['Bsn', '999901333']], { gemeente: '0363', headers: { 'X-Client-Oin': AMSTERDAM } });
    expect((await amsterdam()).text('//ib:Foutcode')).to.equal('0002');

    writeFileSync(bestand, JSON.stringify({ afnemers: [afnemer(GRONINGEN, '0014'), afnemer(AMSTERDAM, '0363', 'raadplegen')] }));
    expect(afnemers.herlaad()).to.equal(2);
    const na = await amsterdam();
    expect(na.status).to.equal(200);
    // raadplegen: a change is refused.
    const wijzigen = await call(endpoint, 'WijzigenPip', [['Bsn', '999901333']], { gemeente: '0363', headers: { 'X-Client-Oin': AMSTERDAM } });
    expect([wijzigen.status, wijzigen.text('//ib:Foutcode')]).to.deep.equal([500, '0002']);

    writeFileSync(bestand, JSON.stringify({ afnemers: [{ oin: '123', gemeenten: [] }] }));
    expect(() => afnemers.herlaad()).to.throw(AfnemersFout, /afnemers\[0\]/);
    expect((await amsterdam()).status).to.equal(200);
    writeFileSync(bestand, JSON.stringify({ afnemers: [afnemer(AMSTERDAM, '0363'), afnemer(AMSTERDAM, '0014')] }));
    expect(() => afnemers.herlaad()).to.throw(AfnemersFout, /afnemers\[1\] repeats an OIN/);
    writeFileSync(bestand, '{"afnemers": [');
    expect(() => afnemers.herlaad()).to.throw(AfnemersFout, /cannot be read as JSON/);
    expect((await amsterdam()).status).to.equal(200);
  });

  it('refuses to start a mode without what it needs', () => {
    const fout = (env: NodeJS.ProcessEnv) => () => loadConfig(env);
    expect(fout({ CVS_MODE: 'test' })).to.throw(ConfigFout, /sandbox, productie or proxy/);
    expect(fout({ CVS_MODE: 'productie', CVS_TLS_CERT: 'c', CVS_TLS_KEY: 'k', CVS_TLS_CA: 'ca' })).to.throw(ConfigFout, /CVS_AFNEMERS/);
    expect(fout({ CVS_MODE: 'productie', CVS_AFNEMERS: 'a.json' })).to.throw(ConfigFout, /CVS_TLS_CERT, CVS_TLS_KEY and CVS_TLS_CA/);
    expect(fout({ CVS_MODE: 'proxy', CVS_AFNEMERS: 'a.json' })).to.throw(ConfigFout, /CVS_PROXY_ADRESSEN and CVS_PROXY_OIN_HEADER/);
    // The WSDL's address never from the Host header outside the sandbox.
    const productie = { CVS_MODE: 'productie', CVS_AFNEMERS: 'a.json', CVS_TLS_CERT: 'c', CVS_TLS_KEY: 'k', CVS_TLS_CA: 'ca' };
    const proxy = { ...PROXY, CVS_AFNEMERS: 'a.json', CVS_PROXY_ADRESSEN: '10.0.0.1' };
    for (const env of [productie, { ...proxy, CVS_PUBLIC_URL: '' }]) expect(fout({ ...env, CVS_PUBLIC_URL: '' })).to.throw(ConfigFout, /needs CVS_PUBLIC_URL/);
    expect(fout({ ...proxy, CVS_PUBLIC_URL: '/cvs-koppeling/wi2021_v1' })).to.throw(ConfigFout, /absolute http or https URL/);
    expect(fout({ ...proxy, CVS_PUBLIC_URL: 'ftp://cvs.example.nl/cvs-koppeling/wi2021_v1' })).to.throw(ConfigFout, /absolute http or https URL/);
    expect(fout({ ...proxy, CVS_PUBLIC_URL: 'https://cvs.example.nl/' })).to.throw(ConfigFout, /endpoint path \/cvs-koppeling\/wi2021_v1/);
    expect(fout({ ...proxy, CVS_PUBLIC_URL: 'https://cvs.example.nl/cvs-koppeling/wi2021_v1?wsdl' })).to.throw(ConfigFout, /no query/);
    expect(loadConfig({ ...productie, CVS_PUBLIC_URL: 'https://cvs.example.nl:8443/cvs-koppeling/wi2021_v1' }).publicUrl).to.equal('https://cvs.example.nl:8443/cvs-koppeling/wi2021_v1');
    expect(loadConfig({ ...proxy, CVS_ENDPOINT_PATH: '/cvs', CVS_PUBLIC_URL: 'https://cvs.example.nl/cvs' }).publicUrl).to.equal('https://cvs.example.nl/cvs');
    // The sandbox: from the request unless set.
    expect(loadConfig({}).publicUrl).to.equal(undefined);
    expect(fout({ CVS_MAX_DEPTH: '0' })).to.throw(ConfigFout, /CVS_MAX_DEPTH/);
    expect(loadConfig({ ...PROXY, CVS_AFNEMERS: 'a.json', CVS_PROXY_ADRESSEN: '10.0.0.1, 10.0.0.2', CVS_PROXY_OIN_HEADER: 'X-Oin' }).proxy).to.deep.equal({
      adressen: ['10.0.0.1', '10.0.0.2'],
      oinHeader: 'X-Oin',
    });
  });
});
