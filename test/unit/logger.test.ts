import { expect } from 'chai';
import { errorForLog, mask } from '../../src/log/logger.js';
import { messageIdVoorLog, pseudoniem } from '../../src/log/pseudoniem.js';
import { randomUUID } from 'node:crypto';

describe('log hygiene', () => {
  it('masks BSN-, e-mail- and phone-shaped values in an internal error', () => {
    const logged = errorForLog(new Error('no row for 999901333 or c.contact@groningen.test, call 050-1234567'));
    expect(logged.type).to.equal('Error');
    expect(logged.message).to.equal('no row for [number] or [e-mail], call [number]');
    expect(logged.stack).not.to.include('999901333');
  });

  it('leaves times, versions and short numbers alone', () => {
    expect(mask('took 12.5 ms at 2026-11-29T10:00:00.000Z, schema 1, port 8080')).to.equal(
      'took 12.5 ms at 2026-11-29T10:00:00.000Z, schema 1, port 8080',
    );
  });

  it('masks a BSN written with underscores or slashes in an internal error', () => {
    expect(mask('no row for 999_901_333 or 9999/01333')).to.equal('no row for [number] or [number]');
  });

  describe('a MessageID', () => {
    it('is logged as sent when it is a UUID in a form clients send, whatever digits it has', () => {
      for (const id of [
        'urn:uuid:a84f1ef3-4b1c-4c09-8f56-293271770314', // twelve digits in a row, which the mask broke
        'uuid:3F2B8C1E-4A5D-4E6F-9A7B-1C2D3E4F5A6B',
        '3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b',
      ]) {
        expect(messageIdVoorLog(id, 'k')).to.equal(id);
      }
    });

    it('is logged as a keyed pseudonym otherwise: names, BSNs in any notation, free text', () => {
      for (const id of [
        'urn:gemeente:0014:bsn:999901333:Testpersoon-Volledig',
        'msg-999_901_333',
        'msg-9999/01333',
        'c.contact@groningen.test',
        'urn:uuid:a84f1ef3-4b1c-4c09-8f56-29327177031', // one digit short of a UUID
        'urn:uuid:{a84f1ef3-4b1c-4c09-8f56-293271770314}',
        'urn:uuid:a84f1ef3-4b1c-4c09-8f56-293271770314 ',
      ]) {
        const logged = messageIdVoorLog(id, 'k');
        expect(logged, id).to.match(/^pseudoniem:[a-p]{24}$/);
        expect(logged).to.equal(messageIdVoorLog(id, 'k'));
        expect(logged).not.to.equal(messageIdVoorLog(id, 'other key'));
      }
    });

    it('keeps every random UUID as sent', () => {
      for (let i = 0; i < 1_000; i++) {
        const id = `urn:uuid:${randomUUID()}`;
        expect(messageIdVoorLog(id, 'k')).to.equal(id);
      }
    });
  });

  it('pseudonymises a BSN with a key: stable for one key, different for another', () => {
    expect(pseudoniem('999901333', 'a')).to.equal(pseudoniem('999901333', 'a'));
    expect(pseudoniem('999901333', 'a')).not.to.equal(pseudoniem('999901333', 'b'));
    expect(pseudoniem('999901333', 'a')).to.match(/^[0-9a-f]{24}$/);
  });
});
