import { expect } from 'chai';
import { errorForLog, mask } from '../../src/log/logger.js';
import { pseudoniem } from '../../src/log/pseudoniem.js';

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

  it('masks BSN-, e-mail- and phone-shaped runs in a MessageID a caller chose', () => {
    expect(mask('urn:gemeente:0014:bsn:999901333:x')).to.equal('urn:gemeente:0014:bsn:[number]:x');
    expect(mask('urn:x:999-901-333 / +31 6 12345678 / a.b@c.nl')).to.equal('urn:x:[number] / [number] / [e-mail]');
    expect(mask('urn:uuid:3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b')).to.equal('urn:uuid:3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b');
  });

  it('pseudonymises a BSN with a key: stable for one key, different for another', () => {
    expect(pseudoniem('999901333', 'a')).to.equal(pseudoniem('999901333', 'a'));
    expect(pseudoniem('999901333', 'a')).not.to.equal(pseudoniem('999901333', 'b'));
    expect(pseudoniem('999901333', 'a')).to.match(/^[0-9a-f]{24}$/);
  });
});
