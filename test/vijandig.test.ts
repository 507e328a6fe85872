/**
 * Hostile and careless input, as an attacker or a broken client sends it: each gets a fast, clear
 * fault, the rest of the service keeps answering, nothing is stored, and no log line carries a
 * caller's value that looks like a BSN.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { addDays } from '../src/domain/datum.js';
import { messageIdVoorLog } from '../src/log/pseudoniem.js';
import { prescan } from '../src/soap/prescan.js';
import { call } from './support/client.js';
import { startSandbox, TODAY, type Sandbox } from './support/sandbox.js';

const envelop = (endpoint: string, body: string, messageId = 'urn:uuid:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', extra = '') =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:ib="http://www.duo.nl/cvs-koppeling/wi2021_v1"><soap:Header><wsa:To>${endpoint}</wsa:To><wsa:Action>http://www.duo.nl/cvs-koppeling/wi2021_v1/OpvragenPersoon</wsa:Action><wsa:MessageID>${messageId}</wsa:MessageID></soap:Header><soap:Body><ib:OpvragenPersoon><ib:Gemeentecode>0014</ib:Gemeentecode>${body}</ib:OpvragenPersoon></soap:Body></soap:Envelope>${extra}`;

async function post(endpoint: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '', 'X-OIN': '00000001000000000014', ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, foutcode: /<Foutcode>(\d+)</.exec(text)?.[1], relatesTo: /<wsa:RelatesTo>([^<]*)</.exec(text)?.[1] };
}

describe('hostile input', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.close());

  it('refuses an attribute bomb before libxml2 parses it, while a normal request goes on', async () => {
    const attributen = Array.from({ length: 23_000 }, (_, i) => `a${i}="x"`).join(' ');
    const bom = envelop(sandbox.endpoint, `<ib:Bsn ${attributen}>999901333</ib:Bsn>`);
    expect(bom.length).to.be.lessThan(256 * 1024);
    expect(() => prescan(bom)).to.throw(/het aantal attributen van een element/);
    const [aanval, normaal] = await Promise.all([post(sandbox.endpoint, bom), call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', '999901333']])]);
    expect([aanval.status, aanval.foutcode]).to.deep.equal([500, '0001']);
    expect(normaal.text('//ib:Verwerkt')).to.equal('true');
  });

  it('refuses deep nesting, too many elements and over-long names with fault 0001, and names no name in full', async () => {
    const diep = envelop(sandbox.endpoint, `<ib:Bsn>${'<x>'.repeat(40)}${'</x>'.repeat(40)}</ib:Bsn>`);
    expect((await post(sandbox.endpoint, diep)).foutcode).to.equal('0001');
    const naam = `ib:${'N'.repeat(45_000)}`;
    const lang = await post(sandbox.endpoint, envelop(sandbox.endpoint, `<${naam}>1</${naam}>`));
    expect(lang.foutcode).to.equal('0001');
    expect(lang.text.length).to.be.lessThan(2_000);
    const net = await post(sandbox.endpoint, envelop(sandbox.endpoint, `<ib:${'N'.repeat(200)}>1</ib:${'N'.repeat(200)}>`));
    expect(net.foutcode).to.equal('0004');
    expect(net.text.length).to.be.lessThan(2_000);
  });

  it('refuses a NUL byte, and anything but white space after the Envelope', async () => {
    expect((await post(sandbox.endpoint, envelop(sandbox.endpoint, '<ib:Bsn>999901333\u0000</ib:Bsn>'))).foutcode).to.equal('0001');
    expect((await post(sandbox.endpoint, envelop(sandbox.endpoint, '<ib:Bsn>999901333</ib:Bsn>', undefined, 'junk'))).foutcode).to.equal('0001');
    expect((await post(sandbox.endpoint, envelop(sandbox.endpoint, '<ib:Bsn>999901333</ib:Bsn>', undefined, '<x/>'))).foutcode).to.equal('0001');
    const ok = await post(sandbox.endpoint, envelop(sandbox.endpoint, '<ib:Bsn>999901333</ib:Bsn>', undefined, '\n<!-- eind -->\n'));
    expect(ok.status).to.equal(200);
  });

  it('answers UTF-16 without a byte order mark with fault 0009', async () => {
    const utf16 = Buffer.from(envelop(sandbox.endpoint, '<ib:Bsn>999901333</ib:Bsn>'), 'utf16le');
    expect((await post(sandbox.endpoint, utf16)).foutcode).to.equal('0009');
  });

  it('trims XML white space only: a BSN or a code padded with a non-breaking space is not the value', async () => {
    const bsn = await call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', '\u00a0999901333\u00a0']]);
    expect(bsn.meldingen()).to.deep.equal(['FS603']);
    const route = await call(sandbox.endpoint, 'OpvoerenPip', [['Bsn', '999917420'], ['Pip', [['DatumDagtekeningPip', addDays(TODAY, -1)], ['Leerroute', '\u3000Z']]]]);
    expect(route.meldingen()).to.deep.equal(['FS999']);
    expect(route.text('//ib:Tekst')).to.equal('Leerroute: Formaatfout');
    const getrimd = await call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', ' \t999901333\r\n']]);
    expect(getrimd.text('//ib:Verwerkt')).to.equal('true');
  });

  it('refuses a MessageID that is no URI of at most 255 characters, without repeating it', async () => {
    for (const messageId of ['geen uri', `urn:x:${'9'.repeat(300)}`]) {
      const antwoord = await post(sandbox.endpoint, envelop(sandbox.endpoint, '<ib:Bsn>999901333</ib:Bsn>', messageId));
      expect([antwoord.foutcode, antwoord.relatesTo]).to.deep.equal(['0007', undefined]);
    }
  });

  it('logs a caller-chosen MessageID that is no UUID as its keyed pseudonym, not as sent', async () => {
    const messageId = 'urn:gemeente:0014:bsn:999901333:x';
    await post(sandbox.endpoint, envelop(sandbox.endpoint, '<ib:Bsn>999901333</ib:Bsn>', messageId));
    const regels = sandbox.logRegels().filter((l) => l.includes(`"messageId":"${messageIdVoorLog(messageId, sandbox.config.pseudonymKey)}"`));
    expect(regels).to.have.length.greaterThan(0);
    for (const r of sandbox.logRegels()) {
      expect(r).not.to.include('urn:gemeente:0014:bsn:');
      expect(r).not.to.include('999901333');
    }
  });

  it('logs a client that goes away mid-request as that, not as an internal error', async () => {
    // Only the lines from here on are this request's.
    const vanaf = sandbox.logRegels().length;
    const url = new URL(sandbox.endpoint);
    await new Promise<void>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': 'text/xml', 'Content-Length': '5000' } });
      req.on('error', () => resolve());
      req.write('<soap:Envelope');
      setTimeout(() => {
        req.destroy();
        setTimeout(resolve, 100);
      }, 50);
    });
    const regels = sandbox.logRegels().slice(vanaf).map((l) => JSON.parse(l));
    expect(regels.some((r) => r.msg === 'client went away' && r.level === 'info')).to.equal(true);
    expect(regels.filter((r) => r.fault === '0099' || r.msg === 'internal error')).to.deep.equal([]);
  });
});

describe('a store that cannot serve', function () {
  this.timeout(20_000);
  let dir: string;
  let sandbox: Sandbox;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cvs-slot-'));
    sandbox = await startSandbox({ CVS_DATABASE: join(dir, 'store.sqlite') });
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 0051 and /ready 503 while another process holds the lock, and meanwhile the rest answers', async () => {
    const ander = new Database(sandbox.config.database);
    ander.exec('BEGIN IMMEDIATE');
    try {
      // A change waits for the lock on a timer, not on the event loop: while it waits, what needs no
      // store answers.
      let klaar = false;
      const wijziging = call(sandbox.endpoint, 'DoorgevenMap', [['Bsn', '999901333'], ['DatumEindgesprek', addDays(TODAY, -1)]]).finally(() => (klaar = true));
      expect((await fetch(new URL('/health', sandbox.endpoint))).status).to.equal(200);
      expect((await fetch(`${sandbox.endpoint}?wsdl`)).status).to.equal(200);
      const fout = await call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', '999901333']], { oin: '00000001999999999999' });
      expect(fout.text('//ib:Foutcode')).to.equal('0002');
      expect(klaar, 'the change was still waiting for the lock').to.equal(false);
      expect((await fetch(new URL('/ready', sandbox.endpoint))).status).to.equal(503);
      const w = await wijziging;
      expect([w.status, w.text('//ib:Foutcode')]).to.deep.equal([500, '0051']);
      // A read of personal data needs its inzage record written: it gives up like a change.
      const lezen = await call(sandbox.endpoint, 'OpvragenPersoon', [['Bsn', '999901333']]);
      expect(lezen.text('//ib:Foutcode')).to.equal('0051');
    } finally {
      ander.exec('ROLLBACK');
      ander.close();
    }
    expect((await fetch(new URL('/ready', sandbox.endpoint))).status).to.equal(200);
  });
});
