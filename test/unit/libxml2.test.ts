/**
 * The XML core on libxml2-wasm: every document a request parses is disposed explicitly (WebAssembly
 * memory is not the garbage collector's), and the libxml2 in use is a known release no older than
 * the minimum. test/libxml2.test.ts holds the same through the running sandbox, and a released
 * envelope's reads answered with fault 0099.
 */
import { expect } from 'chai';
import { diag } from 'libxml2-wasm';
import { parseEnvelope } from '../../src/soap/envelope.js';
import { SoapFault } from '../../src/soap/fault.js';
import { LIBXML2 } from '../../src/soap/libxml2.js';
import { ENDPOINT, nietVrijgegeven, verzoek } from '../support/libxml2.js';

describe('the XML core (libxml2-wasm)', () => {
  it('is a known libxml2 release, 2.13 or later', () => {
    expect(LIBXML2.binding).to.match(/^libxml2-wasm \d+\.\d+\.\d+$/);
    const [major, minor] = LIBXML2.versie.split('.').map(Number);
    expect(LIBXML2.versie, `${LIBXML2.binding} is not in the table of soap/libxml2.ts`).to.match(/^\d+\.\d+\.\d+$/);
    expect(major! * 100 + minor!).to.be.at.least(213);
  });

  it('disposes the document of an envelope it refuses at once, and releases a parsed one once', () => {
    diag.configure({ enabled: true });
    try {
      for (let i = 0; i < 50; i++) {
        expect(() => parseEnvelope(verzoek('https://elders.test/x'), ENDPOINT)).to.throw(SoapFault);
        const envelope = parseEnvelope(verzoek(ENDPOINT), ENDPOINT);
        envelope.release();
        envelope.release();
      }
      expect(nietVrijgegeven()).to.equal(0);
    } finally {
      diag.configure({ enabled: false });
    }
  });
});
