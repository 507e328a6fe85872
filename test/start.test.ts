/**
 * The README's start command, as a user runs it: `npm start` brings up the sandbox on the embedded
 * store with the fixtures; a bad dataset stops start-up with a message that names the entry.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';
import { loadCases, normalise, expected, send } from '../src/fixtures/replay.js';
import { call } from './support/client.js';
import { TODAY } from './support/sandbox.js';
import { buitenSandbox, vrijePoort } from './support/proces.js';

/**
 * `npm start` in a process group of its own: npm starts a shell, which starts tsx, which starts
 * node. Stopping it signals the whole group, so that no process of the test run stays listening.
 */
function npmStart(env: Record<string, string>) {
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // the group is gone already
    }
    await exited;
  };
  return { child, exited, stop, out: () => stdout, err: () => stderr };
}

/** True while something accepts connections at `endpoint`. */
async function listening(endpoint: string): Promise<boolean> {
  try {
    await fetch(new URL('/health', endpoint), { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

describe('npm start', function () {
  this.timeout(30_000);

  it('serves the fixtures on the embedded store, and stops with nothing left listening', async () => {
    let endpoint: string | undefined;
    const started = npmStart({ CVS_PORT: '0', CVS_TODAY: TODAY });
    try {
      const deadline = Date.now() + 20_000;
      while (!(endpoint = /"endpoint":"([^"]+)".*cvs-koppeling listening/.exec(started.out())?.[1])) {
        if (Date.now() > deadline) throw new Error(`not listening: ${started.err()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const c = loadCases(`${ROOT}fixtures`).find((x) => x.name === '01-volledig-overzicht')!;
      const reply = await send(endpoint, c, TODAY);
      expect(normalise(reply.body)).to.equal(expected(c, TODAY));
      expect(await listening(endpoint)).to.equal(true);
    } finally {
      await started.stop();
    }
    // Nothing of the run is left listening: the gateway went with the group.
    let gone = false;
    for (let i = 0; i < 50 && !gone; i++) {
      gone = !(await listening(endpoint!));
      if (!gone) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(gone, 'the sandbox still listens after npm start was stopped').to.equal(true);
    // Its own log lines carry no BSN either.
    expect(started.out()).to.include('"operation":"OpvragenPersoon"');
    // The signaal engine ran at start, on the sandbox's today.
    expect(started.out()).to.match(/"gelezen":\d+,"nieuw":\d+,"verwijderd":\d+,"ms":\d+,"msg":"signaal engine"/);
    expect(started.out()).not.to.include('999901333');
  });

  it('refuses to start on a bad dataset and names the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-'));
    const json = JSON.parse(readFileSync(`${ROOT}fixtures/dataset.json`, 'utf8'));
    json.personen[1].wet = 'WI2030';
    const file = join(dir, 'dataset.json');
    writeFileSync(file, JSON.stringify(json));
    const run = npmStart({ CVS_PORT: '1', CVS_DATASET: file });
    expect(await run.exited).to.equal(1);
    expect(run.err()).to.include('personen[1] "zonder-pip" /wet: must be one of WI2007, WI2013, WI2021');
    expect(run.err()).not.to.include(json.personen[1].bsn);
  });

  it('behind a proxy, reads the afnemers file again on SIGHUP, and keeps its table when the new file is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-'));
    const afnemers = join(dir, 'afnemers.json');
    const schrijf = (gemeenten: string[]) =>
      writeFileSync(afnemers, JSON.stringify({ afnemers: [{ oin: '00000001000000000014', naam: 'Gemeente Groningen', gemeenten: gemeenten.map((gemeente) => ({ gemeente, rol: 'raadplegen' })) }] }));
    schrijf(['0014']);
    // The gateway's own process, so that SIGHUP reaches it and nothing between.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...buitenSandbox(await vrijePoort()), CVS_MODE: 'proxy', CVS_PROXY_ADRESSEN: '127.0.0.1', CVS_PROXY_OIN_HEADER: 'X-Client-Oin', CVS_AFNEMERS: afnemers },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const wacht = async (patroon: RegExp) => {
      for (let i = 0; i < 200 && !patroon.test(out); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      return patroon.exec(out);
    };
    try {
      const endpoint = (await wacht(/"endpoint":"([^"]+)".*cvs-koppeling listening/))?.[1];
      expect(endpoint, out).to.be.a('string');
      const amsterdam = async () => (await call(endpoint!, 'OpvragenPersoon', [['Bsn', '999901333']], { gemeente: '0363', headers: { 'X-Client-Oin': '00000001000000000014' } })).text('//ib:Foutcode');
      expect(await amsterdam()).to.equal('0002');
      schrijf(['0014', '0363']);
      child.kill('SIGHUP');
      await wacht(/"afnemers":1,"msg":"afnemers reloaded"/);
      // No dataset outside the sandbox: the person is unknown, but the gemeente is now allowed.
      expect(await amsterdam()).to.equal(undefined);
      writeFileSync(afnemers, '{"afnemers": [');
      child.kill('SIGHUP');
      await wacht(/afnemers file refused; the table in use stays/);
      expect(await amsterdam()).to.equal(undefined);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
