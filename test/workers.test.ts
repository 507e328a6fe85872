/**
 * CVS_WORKERS (src/cluster.ts): the gateway as a primary with workers on one port and one SQLite
 * file. What happens once happens once; every worker serves, sees the others' changes and counts
 * in the one /metrics, where the primary adds how many workers listen and how many it replaced; a
 * worker that dies is replaced; SIGHUP reaches every worker; SIGTERM on the primary leaves nothing
 * running. An in-memory store cannot be shared and refuses to start.
 *
 * Which worker answered is read from the request's log line (`"worker":n`). Every call goes on a
 * connection of its own, which the primary hands to its workers in turn.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../src/config.js';
import { addDays } from '../src/domain/datum.js';
import { buitenSandbox, haal, opsOrigin, sample, soap, startGateway, vrijePoort, type GatewayProces } from './support/proces.js';
import { TODAY } from './support/sandbox.js';
import { LIBXML2 } from '../src/soap/libxml2.js';

type Regel = Record<string, unknown>;

/** True while a process with this pid exists. */
function leeft(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Asks /metrics until `klaar` holds for its text (20 s at most): the primary hears a worker listen over IPC, not in step with its log. */
async function totMetrics(origin: string, klaar: (tekst: string) => boolean, wat: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await haal(`${origin}/metrics`);
    if (res.status === 200 && klaar(res.body)) return;
    if (Date.now() > deadline) throw new Error(`${wat}: not seen in\n${res.body}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const verzoekRegels = (regels: Regel[], operation: string) => regels.filter((r) => r.msg === 'request' && r.operation === operation);

describe('CVS_WORKERS=2 on one SQLite file', function () {
  this.timeout(60_000);
  let dir: string;
  let gateway: GatewayProces;
  let endpoint: string;
  let origin: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cvs-workers-'));
    gateway = startGateway({ CVS_WORKERS: '2', CVS_DATABASE: join(dir, 'store.sqlite') });
    endpoint = await gateway.endpoint();
    origin = new URL(endpoint).origin;
  });
  after(() => {
    gateway?.opruimen();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does once what must happen once, and logs each worker with its id and pid', () => {
    const regels = gateway.regels();
    expect(regels.filter((r) => r.msg === 'dataset loaded')).to.have.length(1);
    expect(regels.filter((r) => r.msg === 'signaal engine')).to.have.length(1);
    expect(regels.filter((r) => r.msg === 'stored answers cleaned')).to.have.length(1);
    const gestart = regels.filter((r) => r.msg === 'worker started');
    expect(gestart.map((r) => r.worker).sort()).to.deep.equal([1, 2]);
    const pids = gestart.map((r) => r.pid as number);
    expect(new Set(pids).size).to.equal(2);
    expect(pids).not.to.include(gateway.child.pid);
    for (const pid of pids) expect(leeft(pid), `worker ${pid}`).to.equal(true);
    const luistert = regels.find((r) => r.msg === 'cvs-koppeling listening')!;
    expect([luistert.workers, luistert.pid]).to.deep.equal([2, gateway.child.pid]);
    expect([luistert.node, luistert.libxml2]).to.deep.equal([process.version, LIBXML2.versie]);
  });

  it('serves from both workers, and /metrics of either counts every request of the gateway', async () => {
    const voor = verzoekRegels(gateway.regels(), 'OpvragenPipHistorie').length;
    for (let i = 0; i < 6; i++) {
      const res = await soap(endpoint, 'OpvragenPipHistorie', [['Bsn', '999901333']]);
      expect(res.status).to.equal(200);
    }
    const regels = await gateway.wacht((r) => {
      const v = verzoekRegels(r, 'OpvragenPipHistorie');
      return v.length === voor + 6 && v;
    }, 'six request lines');
    expect(new Set(regels.map((r) => r.worker))).to.deep.equal(new Set([1, 2]));
    // Asked several times, on new connections: every worker answers with the sum of all.
    for (let i = 0; i < 4; i++) {
      const res = await haal(`${origin}/metrics`);
      expect(res.status).to.equal(200);
      expect(sample(res.body, 'cvs_requests_total', { operation: 'OpvragenPipHistorie', outcome: 'verwerkt' })).to.equal(6);
      expect(sample(res.body, 'cvs_request_duration_seconds_count', { operation: 'OpvragenPipHistorie' })).to.equal(6);
      expect(sample(res.body, 'process_resident_memory_bytes')).to.be.greaterThan(0);
      // One build, however many workers: not summed.
      expect(sample(res.body, 'cvs_build_info', { node: process.version, libxml2: LIBXML2.versie, libxml2_binding: LIBXML2.binding })).to.equal(1);
      expect(res.body).not.to.include('999901333');
      // The primary's own: both workers listen, none was replaced.
      expect(sample(res.body, 'cvs_workers')).to.equal(2);
      expect(sample(res.body, 'cvs_worker_restarts_total')).to.equal(0);
    }
  });

  it('shows a change made through one worker to a read through any worker', async () => {
    const datum = addDays(TODAY, -3);
    const wijziging = await soap(endpoint, 'DoorgevenPvt', [['Bsn', '999901333'], ['DatumOndertekening', datum]]);
    expect(wijziging.body).to.include('<Verwerkt>true</Verwerkt>');
    const voor = verzoekRegels(gateway.regels(), 'OpvragenPersoon').length;
    for (let i = 0; i < 4; i++) {
      const lezing = await soap(endpoint, 'OpvragenPersoon', [['Bsn', '999901333']]);
      expect(lezing.body).to.match(new RegExp(`<PvtAfronding>\\s*<DatumOndertekening>${datum}</DatumOndertekening>`));
    }
    const regels = await gateway.wacht((r) => {
      const v = verzoekRegels(r, 'OpvragenPersoon').slice(voor);
      return v.length === 4 && v;
    }, 'four reads');
    expect(new Set(regels.map((r) => r.worker))).to.deep.equal(new Set([1, 2]));
  });

  it('replaces a worker that dies, and goes on serving', async () => {
    const eerste = gateway.regels().find((r) => r.msg === 'worker started' && r.worker === 1)!;
    process.kill(eerste.pid as number, 'SIGKILL');
    const vervanger = await gateway.wacht((r) => r.find((l) => l.msg === 'worker started' && l.worker === 3), 'the new worker');
    const dood = gateway.regels().find((r) => r.msg === 'worker died; starting a new one')!;
    expect(dood).to.include({ worker: 1, pid: eerste.pid, signal: 'SIGKILL' });
    // The line says which process, nothing of what it was doing.
    expect(Object.keys(dood).sort()).to.deep.equal(['code', 'level', 'msg', 'pid', 'service', 'signal', 'time', 'worker']);
    expect(leeft(vervanger.pid as number)).to.equal(true);
    for (let i = 0; i < 2; i++) expect((await soap(endpoint, 'OpvragenPipHistorie', [['Bsn', '999901333']])).status).to.equal(200);
    expect((await haal(`${origin}/ready`)).status).to.equal(200);
    // The gateway's metrics without the dead worker's counts, the new worker's included.
    const metrics = await haal(`${origin}/metrics`);
    expect(metrics.status).to.equal(200);
    expect(sample(metrics.body, 'cvs_requests_total', { operation: 'OpvragenPipHistorie', outcome: 'verwerkt' })).to.be.at.least(2);
    // The primary counted the replacement, and counts the new worker once it listens.
    expect(sample(metrics.body, 'cvs_worker_restarts_total')).to.equal(1);
    await totMetrics(origin, (t) => sample(t, 'cvs_workers') === 2, 'cvs_workers 2');
  });

  it('stops on SIGTERM to the primary: its workers with it, nothing left listening', async () => {
    const workers = gateway.regels().filter((r) => r.msg === 'worker started').map((r) => r.pid as number);
    process.kill(gateway.child.pid!, 'SIGTERM');
    expect(await gateway.exited).to.equal(0);
    for (const pid of workers) expect(leeft(pid), `worker ${pid}`).to.equal(false);
    let weg = false;
    try {
      await haal(`${origin}/health`);
    } catch {
      weg = true;
    }
    expect(weg, 'something still listens').to.equal(true);
    expect(gateway.out()).not.to.include('999901333');
    expect(gateway.err()).to.equal('');
  });
});

describe('CVS_WORKERS=2 with the operations listener', function () {
  this.timeout(60_000);

  it('serves /metrics of every worker, /health and /ready from the primary, and none of them on the SOAP port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-workers-'));
    const gateway = startGateway({ CVS_WORKERS: '2', CVS_DATABASE: join(dir, 'store.sqlite'), CVS_OPS_PORT: '0' });
    try {
      const endpoint = await gateway.endpoint();
      const ops = await opsOrigin(gateway);
      // The primary's listener, once: not a worker's.
      const regels = gateway.regels().filter((r) => r.msg === 'operations listening');
      expect(regels).to.have.length(1);
      expect(regels[0]).not.to.have.property('worker');
      for (let i = 0; i < 4; i++) expect((await soap(endpoint, 'OpvragenPipHistorie', [['Bsn', '999901333']])).status).to.equal(200);
      const beantwoord = await gateway.wacht((r) => {
        const v = verzoekRegels(r, 'OpvragenPipHistorie');
        return v.length === 4 && v;
      }, 'four request lines');
      expect(new Set(beantwoord.map((r) => r.worker))).to.deep.equal(new Set([1, 2]));
      const metrics = await haal(`${ops}/metrics`);
      expect(metrics.status).to.equal(200);
      expect(sample(metrics.body, 'cvs_requests_total', { operation: 'OpvragenPipHistorie', outcome: 'verwerkt' })).to.equal(4);
      // The lowest of the workers, not their sum.
      expect(sample(metrics.body, 'cvs_ready')).to.equal(1);
      expect(sample(metrics.body, 'cvs_limited_total', { limit: 'rate' })).to.equal(0);
      expect((await haal(`${ops}/health`)).status).to.equal(200);
      expect((await haal(`${ops}/ready`)).status).to.equal(200);
      const origin = new URL(endpoint).origin;
      for (const pad of ['/metrics', '/health', '/ready']) expect((await haal(`${origin}${pad}`)).status, pad).to.equal(404);
      process.kill(gateway.child.pid!, 'SIGTERM');
      expect(await gateway.exited).to.equal(0);
      let weg = false;
      try {
        await haal(`${ops}/health`);
      } catch {
        weg = true;
      }
      expect(weg, 'the operations listener still listens').to.equal(true);
    } finally {
      gateway.opruimen();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CVS_WORKERS=2 behind a proxy', function () {
  this.timeout(60_000);

  it('reads the afnemers file again in every worker on SIGHUP to the primary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-workers-'));
    const afnemers = join(dir, 'afnemers.json');
    const schrijf = (gemeenten: string[]) =>
      writeFileSync(afnemers, JSON.stringify({ afnemers: [{ oin: '00000001000000000014', naam: 'Gemeente Groningen', gemeenten: gemeenten.map((gemeente) => ({ gemeente, rol: 'raadplegen' })) }] }));
    schrijf(['0014']);
    const gateway = startGateway({
      ...buitenSandbox(await vrijePoort()),
      CVS_WORKERS: '2',
      CVS_DATABASE: join(dir, 'store.sqlite'),
      CVS_MODE: 'proxy',
      CVS_PROXY_ADRESSEN: '127.0.0.1',
      CVS_PROXY_OIN_HEADER: 'X-Client-Oin',
      CVS_AFNEMERS: afnemers,
    });
    try {
      const endpoint = await gateway.endpoint();
      const amsterdam = async () => {
        const res = await soap(endpoint, 'OpvragenPersoon', [['Bsn', '999901333']], { gemeente: '0363', headers: { 'X-Client-Oin': '00000001000000000014' } });
        return /<Foutcode>(\d+)</.exec(res.body)?.[1];
      };
      for (let i = 0; i < 2; i++) expect(await amsterdam()).to.equal('0002');
      schrijf(['0014', '0363']);
      process.kill(gateway.child.pid!, 'SIGHUP');
      // One line, once every worker has read the file.
      const herladen = await gateway.wacht((r) => r.find((l) => l.msg === 'afnemers reloaded'), 'afnemers reloaded');
      expect(herladen).to.include({ workers: 2, afnemers: 1 });
      const voor = verzoekRegels(gateway.regels(), 'OpvragenPersoon').length;
      // No dataset outside the sandbox: the person is unknown, but the gemeente is now allowed, by every worker.
      for (let i = 0; i < 4; i++) expect(await amsterdam()).to.equal(undefined);
      const regels = await gateway.wacht((r) => {
        const v = verzoekRegels(r, 'OpvragenPersoon').slice(voor);
        return v.length === 4 && v;
      }, 'four requests');
      expect(new Set(regels.map((r) => r.worker))).to.deep.equal(new Set([1, 2]));
      expect(gateway.regels().filter((r) => r.msg === 'dataset loaded')).to.deep.equal([]);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
      gateway.opruimen();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CVS_WORKERS at start', function () {
  this.timeout(30_000);

  it('stops once, with exit code 1, when a worker cannot start, instead of forking it again and again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-workers-'));
    const bezet = createServer();
    await new Promise<void>((resolve) => bezet.listen(0, '127.0.0.1', resolve));
    try {
      const gateway = startGateway({ CVS_WORKERS: '2', CVS_DATABASE: join(dir, 'store.sqlite'), CVS_PORT: String((bezet.address() as AddressInfo).port) });
      expect(await gateway.exited).to.equal(1);
      expect(gateway.err()).to.match(/^cvs-koppeling cannot start: .*EADDRINUSE.*\ncvs-koppeling cannot start: a worker stopped before it listened/);
      expect(gateway.regels().filter((r) => r.msg === 'a worker stopped before it listened: the gateway stops')).to.have.length(1);
      gateway.opruimen();
    } finally {
      bezet.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses several workers on an in-memory store, with a message that says what to set', async () => {
    const gateway = startGateway({ CVS_WORKERS: '2' });
    expect(await gateway.exited).to.equal(1);
    expect(gateway.err()).to.equal(
      'cvs-koppeling cannot start: CVS_WORKERS=2 needs a store every process can open: CVS_DATABASE=:memory: lives inside one process. Set CVS_DATABASE to a file (or use SQL Server), or CVS_WORKERS=1\n',
    );
  });

  it('defaults to one process in the sandbox or on an in-memory store, one per core otherwise', () => {
    const proxy = { CVS_MODE: 'proxy', CVS_AFNEMERS: 'a.json', CVS_PROXY_ADRESSEN: '10.0.0.1', CVS_PROXY_OIN_HEADER: 'X-Oin', CVS_PUBLIC_URL: 'https://cvs.example.nl/cvs-koppeling/wi2021_v1' };
    expect(loadConfig({}).workers).to.equal(1);
    expect(loadConfig({ CVS_DATABASE: '/tmp/x.sqlite' }).workers).to.equal(1);
    expect(loadConfig(proxy).workers).to.equal(1);
    expect(loadConfig({ ...proxy, CVS_DATABASE: '/tmp/x.sqlite' }).workers).to.equal(availableParallelism());
    expect(loadConfig({ ...proxy, CVS_MSSQL_URL: 'Server=db,1433;Database=cvs' }).workers).to.equal(availableParallelism());
    expect(loadConfig({ ...proxy, CVS_DATABASE: '/tmp/x.sqlite', CVS_WORKERS: '3' }).workers).to.equal(3);
    expect(loadConfig({ CVS_WORKERS: '1' }).workers).to.equal(1);
    expect(() => loadConfig({ CVS_WORKERS: '0' })).to.throw(/CVS_WORKERS must be a whole number of at least 1/);
  });
});
