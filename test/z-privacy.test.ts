/**
 * Runs last (mocha takes spec files in name order): scans every log line the suite's gateways
 * wrote and finds no BSN, name, e-mail address or phone number of any fixture person or
 * contactpersoon; only keyed pseudonyms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT, SANDBOX_PSEUDONYM_KEY } from '../src/config.js';
import { pseudoniem } from '../src/log/pseudoniem.js';
import { isValidBsn } from '../src/domain/bsn.js';
import { LOG_FILE } from './support/sandbox.js';

describe('logs', () => {
  let lines: string[] = [];
  before(() => {
    lines = readFileSync(LOG_FILE, 'utf8').split('\n').filter((l) => l.trim() !== '');
  });
  const dataset = JSON.parse(readFileSync(`${ROOT}fixtures/dataset.json`, 'utf8'));

  /**
   * Every value that identifies a person: from the dataset, and every valid BSN a fixture request
   * sends. Names count as whole words ("Cas" is a name, "OverdragenCaseload" does not contain it).
   */
  const secrets = new Set<string>();
  const namen = new Set<string>();
  for (const p of dataset.personen) {
    secrets.add(p.bsn);
    namen.add(p.achternaam);
    if (p.voornamen) namen.add(p.voornamen);
  }
  for (const c of dataset.contactpersonen) {
    namen.add(c.naam);
    secrets.add(c.email);
    if (c.telefoonnummer) secrets.add(c.telefoonnummer);
  }
  const naamPatronen = [...namen].map((n) => new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u'));
  for (const group of readdirSync(`${ROOT}fixtures`, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(`${ROOT}fixtures`, group.name)).filter((f) => f.endsWith('.request.xml'))) {
      for (const m of readFileSync(join(`${ROOT}fixtures`, group.name, file), 'latin1').matchAll(/<ib:Bsn>(\d{9})<\/ib:Bsn>/g)) {
        if (isValidBsn(m[1])) secrets.add(m[1]!);
      }
    }
  }

  it('were written by the suite, one JSON line per request', () => {
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests.length).to.be.greaterThan(50);
    for (const r of requests) {
      expect(r).to.include.keys('time', 'level', 'httpStatus', 'durationMs');
      if (r.httpStatus === 200) expect(r).to.include.keys('messageId', 'operation', 'oin', 'gemeente', 'verwerkt', 'meldingen', 'storeMs');
      else expect(r).to.have.property('fault');
    }
  });

  it('hold no BSN, name, e-mail address or phone number', () => {
    expect(secrets.size + namen.size).to.be.greaterThan(30);
    for (const line of lines) {
      for (const secret of secrets) expect(line.includes(secret), `a log line contains a personal value (${secret.length} characters)`).to.equal(false);
      for (const naam of naamPatronen) expect(naam.test(line), 'a log line contains a name').to.equal(false);
      // Nor anything shaped like a BSN in any field, the MessageID included: it is a UUID, whose
      // random hex digits may run to nine, or a pseudonym, written in letters. The BSN pseudonym is hex by nature.
      const { bsnPseudoniem: _p, oin: _oin, messageId, ...rest } = JSON.parse(line);
      if (messageId !== undefined) expect(messageId).to.match(/^(?:urn:uuid:|uuid:)?[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$|^pseudoniem:[a-p]{24}$/i);
      expect(JSON.stringify(rest)).not.to.match(/(?<!\d)\d{9}(?!\d)/);
    }
  });

  it('follow a person by a keyed pseudonym instead', () => {
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    const wanted = pseudoniem('999901333', SANDBOX_PSEUDONYM_KEY);
    expect(requests.filter((r) => r.bsnPseudoniem === wanted).length).to.be.greaterThan(1);
  });
});
