/**
 * GET /metrics (src/metrics.ts): Prometheus text with the requests by operation and outcome, the
 * latency and store histograms and prom-client's default metrics, the series of faults 0051 and 0099
 * from the start; label values only from the registry, the catalogue and the fault codes, never from
 * the request; off with CVS_METRICS=0.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig, ROOT } from '../src/config.js';
import { fixedClock } from '../src/domain/datum.js';
import { laadDatasetBestand } from '../src/dataset/laden.js';
import { expected, loadCases, normalise, send, type FixtureCase } from '../src/fixtures/replay.js';
import { maakMetrics } from '../src/metrics.js';
import { OPERATIONS } from '../src/operations/index.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { haal, opsOrigin, sample, startGateway } from './support/proces.js';
import { TODAY } from './support/sandbox.js';
import { LIBXML2 } from '../src/soap/libxml2.js';

const CASES = loadCases(`${ROOT}fixtures`);
const geval = (group: string, name: string): FixtureCase => CASES.find((c) => c.group === group && c.name === name)!;

describe('/metrics', function () {
  this.timeout(30_000);
  let server: Server;
  let store: SqliteStore;
  let base: string;
  let endpoint: string;
  const metrics = maakMetrics(OPERATIONS.map((op) => op.naam));

  before(async () => {
    const config = loadConfig({});
    store = new SqliteStore();
    await store.importeer(laadDatasetBestand(config.dataset, TODAY));
    const app = createApp({ config, store, clock: fixedClock(TODAY), logger: pino({ level: 'silent' }), metrics });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    endpoint = `${base}${config.endpointPath}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  });

  it('counts each request by operation and outcome: verwerkt, the melding code, the fault code', async () => {
    const gevallen = [
      geval('OpvragenPersoon', '01-volledig-overzicht'), // verwerkt
      geval('OpvragenPersoon', '17-as602-overleden'), // verwerkt, with AS 602
      geval('OpvragenPersoon', '08-fs603-elfproef'), // FS 603
      geval('faults', '0004-bsn-te-lang'), // fault 0004, after dispatch
      geval('faults', '0003-onbekende-operatie'), // fault 0003, no operation of ours
    ];
    for (const c of gevallen) {
      const reply = await send(endpoint, c, TODAY);
      expect(normalise(reply.body), `${c.group}/${c.name}`).to.equal(expected(c, TODAY));
    }
    const res = await haal(`${base}/metrics`);
    expect(res.status).to.equal(200);
    expect(res.type).to.match(/^text\/plain; version=0\.0\.4/);
    const t = res.body;
    const verzoeken = (labels: Record<string, string>) => sample(t, 'cvs_requests_total', labels);
    expect(verzoeken({ operation: 'OpvragenPersoon', outcome: 'verwerkt' })).to.equal(1);
    expect(verzoeken({ operation: 'OpvragenPersoon', outcome: 'verwerkt', code: 'AS602' })).to.equal(1);
    expect(verzoeken({ operation: 'OpvragenPersoon', outcome: 'melding', code: 'FS603' })).to.equal(1);
    expect(verzoeken({ operation: 'OpvragenPersoon', outcome: 'fault', code: '0004' })).to.equal(1);
    expect(verzoeken({ operation: 'onbekend', outcome: 'fault', code: '0003' })).to.equal(1);
    // Faults 0051 and 0099 are there from the start, at 0, for every operation: the alerts see the first one.
    for (const operation of [...OPERATIONS.map((op) => op.naam), 'onbekend']) {
      for (const code of ['0051', '0099']) expect(verzoeken({ operation, outcome: 'fault', code }), `${operation} ${code}`).to.equal(0);
    }
    // The latency of every request, the store time of those that reached the store.
    expect(sample(t, 'cvs_request_duration_seconds_count', { operation: 'OpvragenPersoon' })).to.equal(4);
    expect(sample(t, 'cvs_request_duration_seconds_bucket', { operation: 'OpvragenPersoon', le: '+Inf' })).to.equal(4);
    expect(sample(t, 'cvs_request_duration_seconds_bucket', { operation: 'OpvragenPersoon', le: '0.001' })).to.be.a('number');
    expect(sample(t, 'cvs_request_duration_seconds_bucket', { operation: 'OpvragenPersoon', le: '2.5' })).to.be.a('number');
    expect(sample(t, 'cvs_store_duration_seconds_count', { operation: 'OpvragenPersoon' })).to.be.greaterThan(0);
    // What the gateway runs on: Node.js and the libxml2 that parses the requests.
    expect(sample(t, 'cvs_build_info', { node: process.version, libxml2: LIBXML2.versie, libxml2_binding: LIBXML2.binding })).to.equal(1);
    // Event-loop lag and process memory (prom-client's default metrics).
    for (const naam of ['nodejs_eventloop_lag_seconds', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes']) {
      expect(sample(t, naam), naam).to.be.a('number');
    }
    // Nothing of the requests: no BSN, no OIN, no MessageID, not the unknown action's name.
    for (const c of gevallen) {
      const verzoek = readFileSync(c.requestFile, 'latin1');
      for (const [, bsn] of verzoek.matchAll(/<ib:Bsn>([^<]+)</g)) expect(t).not.to.include(bsn);
    }
    expect(t).not.to.include('00000001000000000014');
    expect(t).not.to.include('VerwijderenPersoon');
    expect(t).not.to.include('urn:uuid');
  });

  it('never takes a label value from outside the registry, the catalogue and the fault codes', async () => {
    metrics.verzoek({ operation: 'Opvragen999901333', fault: '<x>', durationMs: 1 });
    metrics.verzoek({ operation: 'OpvragenPersoon', verwerkt: false, meldingen: ['FS999901333'] });
    const t = await metrics.tekst();
    expect(t).not.to.include('999901333');
    expect(t).not.to.include('<x>');
    expect(sample(t, 'cvs_requests_total', { operation: 'onbekend', outcome: 'fault', code: 'onbekend' })).to.equal(1);
    expect(sample(t, 'cvs_requests_total', { operation: 'OpvragenPersoon', outcome: 'melding', code: 'onbekend' })).to.equal(1);
  });

  it('is off with CVS_METRICS=0: /metrics answers 404, the gateway serves as before', async () => {
    expect(loadConfig({}).metrics).to.equal(true);
    expect(loadConfig({ CVS_METRICS: '0' }).metrics).to.equal(false);
    expect(() => loadConfig({ CVS_METRICS: 'soms' })).to.throw(/CVS_METRICS must be 1 or 0/);
    const gateway = startGateway({ CVS_METRICS: '0' });
    try {
      const ep = await gateway.endpoint();
      const url = new URL(ep);
      expect((await haal(`${url.origin}/metrics`)).status).to.equal(404);
      const c = geval('OpvragenPersoon', '01-volledig-overzicht');
      expect(normalise((await send(ep, c, TODAY)).body)).to.equal(expected(c, TODAY));
      expect((await haal(`${url.origin}/ready`)).status).to.equal(200);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
      gateway.opruimen();
    }
  });

  it('moves to the operations listener with CVS_OPS_PORT: /metrics, /health and /ready there, 404 on the SOAP listener', async () => {
    expect(loadConfig({}).ops).to.equal(undefined);
    expect(loadConfig({ CVS_OPS_PORT: '9100' }).ops).to.deep.equal({ host: '127.0.0.1', port: 9100 });
    expect(loadConfig({ CVS_OPS_PORT: '9100', CVS_OPS_HOST: '0.0.0.0' }).ops).to.deep.equal({ host: '0.0.0.0', port: 9100 });
    const gateway = startGateway({ CVS_OPS_PORT: '0' });
    try {
      const soap = new URL(await gateway.endpoint()).origin;
      const ops = await opsOrigin(gateway);
      expect(ops).not.to.equal(soap);
      const c = geval('OpvragenPersoon', '01-volledig-overzicht');
      expect(normalise((await send(`${soap}/cvs-koppeling/wi2021_v1`, c, TODAY)).body)).to.equal(expected(c, TODAY));
      const metrics = await haal(`${ops}/metrics`);
      expect(metrics.status).to.equal(200);
      expect(sample(metrics.body, 'cvs_requests_total', { operation: 'OpvragenPersoon', outcome: 'verwerkt' })).to.equal(1);
      // The gauges and counters the dashboards and alerts read, there from the start.
      expect(sample(metrics.body, 'cvs_ready')).to.equal(1);
      expect(sample(metrics.body, 'cvs_limited_total', { limit: 'rate' })).to.equal(0);
      expect(sample(metrics.body, 'cvs_limited_total', { limit: 'concurrent' })).to.equal(0);
      expect(JSON.parse((await haal(`${ops}/health`)).body)).to.deep.equal({ status: 'ok' });
      expect(JSON.parse((await haal(`${ops}/ready`)).body)).to.deep.equal({ status: 'ready' });
      // Nothing else there: not the SOAP endpoint, not its contract.
      expect((await haal(`${ops}/cvs-koppeling/wi2021_v1?wsdl`)).status).to.equal(404);
      for (const pad of ['/metrics', '/health', '/ready']) expect((await haal(`${soap}${pad}`)).status, pad).to.equal(404);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
      gateway.opruimen();
    }
  });
});
