/**
 * The limits per caller OIN (src/edge/limits.ts): a token bucket and a bound on requests in flight,
 * refused with fault 0052 and a Retry-After header before any store work, so that nothing of a
 * refused request is stored; counted in cvs_limited_total and said in its log line; a table that
 * stays within its bound however many OINs call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig, type OinLimietInstelling } from '../src/config.js';
import { addDays, fixedClock } from '../src/domain/datum.js';
import { laadDatasetBestand } from '../src/dataset/laden.js';
import { OinLimieten } from '../src/edge/limits.js';
import { maakMetrics } from '../src/metrics.js';
import { OPERATIONS } from '../src/operations/index.js';
import type { Store } from '../src/store/port.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { call } from './support/client.js';
import { sample } from './support/proces.js';
import { TODAY } from './support/sandbox.js';

const GRONINGEN = '00000001000000000014';
const AMSTERDAM = '00000001000000000363';

describe('limits per OIN, counted', () => {
  const instelling = (i: Partial<OinLimietInstelling>): OinLimietInstelling => ({ rate: 0, burst: 1, concurrent: 0, ...i });

  it('lets a burst pass, then the rate, and says when to try again', () => {
    let nu = 0;
    const limieten = new OinLimieten(instelling({ rate: 2, burst: 3 }), () => nu);
    const uitkomsten = () => Array.from({ length: 4 }, () => limieten.neem(GRONINGEN)).map((t) => (t.toegelaten ? 'ja' : `${t.limiet} ${t.retryAfterS}`));
    expect(uitkomsten()).to.deep.equal(['ja', 'ja', 'ja', 'rate 1']);
    // Half a second: one token back at two per second.
    nu += 500;
    expect(uitkomsten()).to.deep.equal(['ja', 'rate 1', 'rate 1', 'rate 1']);
    // Another OIN has its own bucket.
    expect(limieten.neem(AMSTERDAM).toegelaten).to.equal(true);
    // A long pause fills the bucket up to the burst, not beyond.
    nu += 3_600_000;
    expect(uitkomsten()).to.deep.equal(['ja', 'ja', 'ja', 'rate 1']);
    // A slow rate: the wait is rounded up to whole seconds.
    const traag = new OinLimieten(instelling({ rate: 0.1, burst: 1 }), () => nu);
    expect(traag.neem(GRONINGEN).toegelaten).to.equal(true);
    expect(traag.neem(GRONINGEN)).to.deep.include({ toegelaten: false, limiet: 'rate', retryAfterS: 10 });
  });

  it('bounds the requests in flight, each place given back once', () => {
    const limieten = new OinLimieten(instelling({ concurrent: 2 }), () => 0);
    const a = limieten.neem(GRONINGEN);
    const b = limieten.neem(GRONINGEN);
    expect(limieten.neem(GRONINGEN)).to.deep.include({ toegelaten: false, limiet: 'concurrent', retryAfterS: 1 });
    expect(limieten.neem(AMSTERDAM).toegelaten).to.equal(true);
    if (!a.toegelaten || !b.toegelaten) throw new Error('refused');
    a.vrij();
    a.vrij();
    const c = limieten.neem(GRONINGEN);
    expect(c.toegelaten).to.equal(true);
    expect(limieten.neem(GRONINGEN).toegelaten).to.equal(false);
  });

  it('keeps at most its bound of OINs, however many call', () => {
    const limieten = new OinLimieten(instelling({ rate: 1, burst: 1 }), () => 0, 100);
    for (let i = 0; i < 10_000; i++) limieten.neem(String(i).padStart(20, '0'));
    expect(limieten.omvang).to.equal(100);
    // The most recent ones are kept: the last OIN has spent its token.
    expect(limieten.neem(String(9_999).padStart(20, '0')).toegelaten).to.equal(false);
  });

  it('is off with CVS_OIN_RATE=0 and CVS_OIN_CONCURRENT=0; defaults 10/s, a burst of 50, 8 in flight', () => {
    expect(loadConfig({}).oinLimieten).to.deep.equal({ rate: 10, burst: 50, concurrent: 8 });
    expect(loadConfig({ CVS_OIN_RATE: '0.5', CVS_OIN_BURST: '5', CVS_OIN_CONCURRENT: '2' }).oinLimieten).to.deep.equal({ rate: 0.5, burst: 5, concurrent: 2 });
    expect(OinLimieten.van(loadConfig({ CVS_OIN_RATE: '0', CVS_OIN_CONCURRENT: '0' }).oinLimieten)).to.equal(undefined);
    expect(() => loadConfig({ CVS_OIN_RATE: '-1' })).to.throw(/CVS_OIN_RATE must be a number of at least 0/);
    expect(() => loadConfig({ CVS_OIN_BURST: '0' })).to.throw(/CVS_OIN_BURST must be a whole number of at least 1/);
    expect(() => loadConfig({ CVS_OIN_CONCURRENT: '1.5' })).to.throw(/CVS_OIN_CONCURRENT must be a whole number of at least 0/);
  });
});

describe('limits per OIN, at the gateway', function () {
  this.timeout(30_000);
  let dir: string;
  let store: SqliteStore;
  let server: Server;
  let endpoint: string;
  const regels: Array<Record<string, unknown>> = [];
  const metrics = maakMetrics(OPERATIONS.map((op) => op.naam));
  /** The next afnemer lookup waits for this, once set (the request holds its place in flight meanwhile). */
  let poort: { bereikt(): void; open: Promise<void> } | undefined;

  /** Rows of a table in the store's file. */
  const rijen = (tabel: 'antwoord' | 'inzage'): number => {
    const db = new Database(join(dir, 'store.sqlite'), { readonly: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${tabel}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cvs-limits-'));
    const config = loadConfig({ CVS_DATABASE: join(dir, 'store.sqlite') });
    store = new SqliteStore({ filename: config.database });
    await store.importeer(laadDatasetBestand(config.dataset, TODAY));
    const wachtend: Store = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop !== 'afnemer') return Reflect.get(target, prop, receiver);
        return async (oin: string) => {
          const p = poort;
          poort = undefined;
          if (p) {
            p.bereikt();
            await p.open;
          }
          return target.afnemer(oin);
        };
      },
    });
    const logger = pino({ level: 'info' }, { write: (regel: string) => void regels.push(JSON.parse(regel)) });
    // A rate of one request per thousand seconds: no token comes back while the test runs.
    const limieten = new OinLimieten({ rate: 0.001, burst: 2, concurrent: 1 });
    const app = createApp({ config, store: wachtend, clock: fixedClock(TODAY), logger, metrics, limieten });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}${config.endpointPath}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const wijzig = () => call(endpoint, 'DoorgevenPvt', [['Bsn', '999901333'], ['DatumOndertekening', addDays(TODAY, -3)]]);

  it('refuses one request too many in flight with fault 0052, and serves the OIN again once its request is answered', async () => {
    let bereikt!: () => void;
    const binnen = new Promise<void>((resolve) => (bereikt = resolve));
    let open!: () => void;
    poort = { bereikt, open: new Promise<void>((resolve) => (open = resolve)) };
    const eerste = wijzig();
    await binnen;
    // The first holds the OIN's one place: a read of the same OIN is refused, another OIN is served.
    const tweede = await call(endpoint, 'OpvragenPersoon', [['Bsn', '999901333']]);
    expect([tweede.status, tweede.text('//ib:Foutcode'), tweede.text('//faultcode'), tweede.headers.get('retry-after')]).to.deep.equal([500, '0052', 'soap:Server', '1']);
    expect(tweede.text('//ib:Omschrijving')).to.match(/gelijktijdige verzoeken/);
    const ander = await call(endpoint, 'OpvragenPersoon', [['Bsn', '999901333']], { oin: AMSTERDAM, gemeente: '0363' });
    expect(ander.status).to.equal(200);
    open();
    expect((await eerste).text('//ib:Verwerkt')).to.equal('true');
    expect(sample(await metrics.tekst(), 'cvs_limited_total', { limit: 'concurrent' })).to.equal(1);
  });

  it('refuses a request over the rate with fault 0052 and Retry-After, and stores nothing of it', async () => {
    // The burst of two: the change above, and this one (a refused request took no token).
    expect((await wijzig()).status).to.equal(200);
    const antwoorden = rijen('antwoord');
    const inzages = rijen('inzage');
    expect(antwoorden).to.be.greaterThan(0);
    const geweigerd = await wijzig();
    expect([geweigerd.status, geweigerd.text('//ib:Foutcode'), geweigerd.text('//faultcode')]).to.deep.equal([500, '0052', 'soap:Server']);
    expect(Number(geweigerd.headers.get('retry-after'))).to.be.within(1, 1000);
    // Nothing stored: no answer for its MessageID, no inzage record.
    expect([rijen('antwoord'), rijen('inzage')]).to.deep.equal([antwoorden, inzages]);
    const t = await metrics.tekst();
    expect(sample(t, 'cvs_limited_total', { limit: 'rate' })).to.equal(1);
    expect(sample(t, 'cvs_requests_total', { operation: 'DoorgevenPvt', outcome: 'fault', code: '0052' })).to.equal(1);
    // Its log line says so, with the OIN and nothing of the person.
    const regel = regels.find((r) => r.msg === 'request' && r.limited === 'rate')!;
    expect(regel).to.include({ oin: '00000001000000000014', operation: 'DoorgevenPvt', fault: '0052', httpStatus: 500 });
    expect(regel).not.to.have.property('bsnPseudoniem');
    expect(JSON.stringify(regels)).not.to.include('999901333');
  });
});
