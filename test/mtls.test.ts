/**
 * Production mode (CVS_MODE=productie): HTTPS with a required client certificate, TLS 1.2 and 1.3
 * only, the OIN from the certificate's subject.serialNumber, the afnemers from their own file. The
 * certificates are made at run time with openssl (test/support/pki.ts); without openssl these tests
 * are pending, and in CI (which installs it) they run.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Agent, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import pino from 'pino';
import * as soap from 'soap';
import { createApp } from '../src/app.js';
import { AfnemersBestand } from '../src/auth/afnemers-bestand.js';
import { loadConfig, ROOT } from '../src/config.js';
import { fixedClock } from '../src/domain/datum.js';
import { laadDatasetBestand } from '../src/dataset/laden.js';
import { maakServer } from '../src/server.js';
import { ACTION_PREFIX } from '../src/soap/ns.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { maakMetrics } from '../src/metrics.js';
import { OPERATIONS } from '../src/operations/index.js';
import { maakPki, opensslAanwezig, type Pki, type Sleutelpaar } from './support/pki.js';
import { buitenSandbox, vrijePoort } from './support/proces.js';
import { TODAY } from './support/sandbox.js';

const HINT = 'needs the openssl command: apt-get install openssl';
const aanwezig = opensslAanwezig();
if (!aanwezig && process.env.CI) throw new Error(`CI runs the mTLS tests: ${HINT}`);

const WSA = 'http://www.w3.org/2005/08/addressing';

describe(`production mode over mTLS${aanwezig ? '' : ` (pending: ${HINT})`}`, function () {
  this.timeout(60_000);
  let pki: Pki;
  let server: Server;
  let store: SqliteStore;
  let endpoint: string;

  before(async function () {
    if (!aanwezig) this.skip();
    pki = maakPki();
    const afnemers = join(pki.dir, 'afnemers.json');
    writeFileSync(afnemers, JSON.stringify({ afnemers: [{ oin: '00000001000000000014', naam: 'Gemeente Groningen', gemeenten: [{ gemeente: '0014', rol: 'muteren' }] }] }));
    // The public URL (required in productie) names the port the server will listen on.
    const poort = await vrijePoort();
    const config = loadConfig({
      ...buitenSandbox(poort, 'https'),
      CVS_MODE: 'productie',
      CVS_TLS_CERT: pki.server.cert,
      CVS_TLS_KEY: pki.server.key,
      CVS_TLS_CA: pki.ca,
      CVS_AFNEMERS: afnemers,
    });
    store = new SqliteStore();
    await store.importeer(laadDatasetBestand(config.dataset, TODAY));
    // Metrics on, as main.ts gives them: still never on the TLS port.
    const metrics = maakMetrics(OPERATIONS.map((op) => op.naam));
    const app = createApp({ config, store, clock: fixedClock(TODAY), logger: pino({ level: 'silent' }), afnemers: new AfnemersBestand(afnemers), metrics });
    server = maakServer(config, app);
    await new Promise<void>((resolve) => server.listen(poort, '127.0.0.1', resolve));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}${config.endpointPath}`;
    expect(endpoint).to.equal(config.publicUrl);
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
  });

  /** One SOAP call over TLS with the given client certificate (or none). */
  function zend(client: Sleutelpaar | undefined, headers: Record<string, string> = {}, tls: { maxVersion?: 'TLSv1.1' } = {}) {
    const body = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="${WSA}" xmlns:ib="http://www.duo.nl/cvs-koppeling/wi2021_v1"><soap:Header><wsa:To>${endpoint}</wsa:To><wsa:Action>${ACTION_PREFIX}OpvragenPersoon</wsa:Action><wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID></soap:Header><soap:Body><ib:OpvragenPersoon><ib:Gemeentecode>0014</ib:Gemeentecode><ib:Bsn>999901333</ib:Bsn></ib:OpvragenPersoon></soap:Body></soap:Envelope>`;
    const url = new URL(endpoint);
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          ca: readFileSync(pki.ca),
          ...(client ? { cert: readFileSync(client.cert), key: readFileSync(client.key) } : {}),
          ...tls,
          headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '', ...headers },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  const foutcode = (text: string) => /<Foutcode>(\d+)</.exec(text)?.[1];

  it('serves a caller with a valid certificate, its OIN from subject.serialNumber; X-OIN is ignored', async () => {
    const antwoord = await zend(pki.geldig, { 'X-OIN': '00000001000000000363' });
    expect(antwoord.status).to.equal(200);
    expect(antwoord.text).to.include('<Verwerkt>true</Verwerkt>');
  });

  it('never serves /metrics, /health or /ready on the TLS port, also not to a valid certificate', async () => {
    for (const pad of ['/metrics', '/health', '/ready']) {
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(endpoint);
        request(
          { host: url.hostname, port: url.port, path: pad, ca: readFileSync(pki.ca), cert: readFileSync(pki.geldig.cert), key: readFileSync(pki.geldig.key) },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
          .on('error', reject)
          .end();
      });
      expect(status, pad).to.equal(404);
    }
  });

  it('answers fault 0002 for a certificate without a serialNumber, or with an OIN that is no afnemer', async () => {
    const zonder = await zend(pki.zonderSerial, { 'X-OIN': '00000001000000000014' });
    expect([zonder.status, foutcode(zonder.text)]).to.deep.equal([500, '0002']);
    const onbekend = await zend(pki.onbekend);
    expect([onbekend.status, foutcode(onbekend.text)]).to.deep.equal([500, '0002']);
  });

  for (const [naam, kies, tls] of [
    ['no client certificate', () => undefined, {}],
    ['a certificate of another CA', () => pki.vreemd, {}],
    ['an expired certificate', () => pki.verlopen, {}],
    ['TLS 1.1', () => pki.geldig, { maxVersion: 'TLSv1.1' as const }],
  ] as const) {
    it(`refuses ${naam} at the handshake: the request never reaches the pipeline`, async () => {
      let fout: unknown;
      try {
        const antwoord = await zend(kies(), {}, tls);
        fout = antwoord.status;
      } catch (err) {
        fout = err;
      }
      expect(fout).to.be.instanceOf(Error);
    });
  }

  it('lets node-soap, built from the served WSDL over mTLS, call with its client certificate', async () => {
    const tls = { cert: readFileSync(pki.geldig.cert), key: readFileSync(pki.geldig.key), ca: readFileSync(pki.ca) };
    const client = await soap.createClientAsync(`${endpoint}?wsdl`, { wsdl_options: { httpsAgent: new Agent(tls) } });
    client.setSecurity(new soap.ClientSSLSecurity(pki.geldig.key, pki.geldig.cert, pki.ca));
    client.addSoapHeader(`<wsa:To xmlns:wsa="${WSA}">${endpoint}</wsa:To>`);
    client.addSoapHeader(`<wsa:Action xmlns:wsa="${WSA}">${ACTION_PREFIX}OpvragenPersoon</wsa:Action>`);
    client.addSoapHeader(`<wsa:MessageID xmlns:wsa="${WSA}">urn:uuid:${randomUUID()}</wsa:MessageID>`);
    const [result] = await client.OpvragenPersoonAsync({ Gemeentecode: '0014', Bsn: '999901333' });
    expect(result.Verwerkt).to.equal(true);
    expect(result.Persoon.Personalia.Bsn).to.equal('999901333');
  });

  it('lets zeep, built from the served WSDL over mTLS, call with its client certificate', async function () {
    try {
      await promisify(execFile)('/usr/bin/python3', ['-c', 'import zeep']);
    } catch {
      if (process.env.CI) throw new Error('CI runs the zeep interop tests: needs Debian python3-zeep');
      this.skip();
    }
    const { stdout } = await promisify(execFile)(
      '/usr/bin/python3',
      [`${ROOT}test/interop/python/scenario.py`, `${endpoint}?wsdl`, '00000001000000000363', JSON.stringify([['OpvragenPersoon', { Gemeentecode: '0014', Bsn: '999901333' }]])],
      { env: { ...process.env, ZEEP_CLIENT_CERT: pki.geldig.cert, ZEEP_CLIENT_KEY: pki.geldig.key, ZEEP_CA: pki.ca } },
    );
    const [antwoord] = JSON.parse(stdout);
    expect(antwoord.Verwerkt).to.equal(true);
    expect(antwoord.Persoon.Personalia.Bsn).to.equal('999901333');
  });
});
