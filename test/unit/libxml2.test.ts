/**
 * The XML core on libxml2-wasm: every document a request parses is disposed explicitly (WebAssembly
 * memory is not the garbage collector's), a released envelope refuses every read with an ordinary
 * error that the pipeline answers with fault 0099 while the gateway goes on, and the libxml2 in use
 * is a known release no older than the minimum.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { diag } from 'libxml2-wasm';
import pino from 'pino';
import { ROOT } from '../../src/config.js';
import { fixedClock } from '../../src/domain/datum.js';
import { operationsByAction } from '../../src/operations/index.js';
import { Pipeline } from '../../src/pipeline.js';
import { EnvelopeVrijgegeven, parseEnvelope } from '../../src/soap/envelope.js';
import { SoapFault } from '../../src/soap/fault.js';
import { LIBXML2 } from '../../src/soap/libxml2.js';
import { RequestValidator } from '../../src/soap/xsd.js';
import { startSandbox, TODAY } from '../support/sandbox.js';

const ENDPOINT = 'https://gateway.test/cvs-koppeling/wi2021_v1';
const overzicht = readFileSync(`${ROOT}fixtures/OpvragenPersoon/01-volledig-overzicht.request.xml`, 'utf8');
const verzoek = (endpoint: string) => Buffer.from(overzicht.replace('{{endpoint}}', endpoint));

/** The documents made while diag was on that nobody disposed (collected or not). */
function nietVrijgegeven(): number {
  const rapport = diag.report() as Record<string, { totalInstances: number }> | undefined;
  return rapport?.['XmlDocument']?.totalInstances ?? 0;
}

describe('the XML core (libxml2-wasm)', () => {
  it('is a known libxml2 release, 2.13 or later', () => {
    expect(LIBXML2.binding).to.match(/^libxml2-wasm \d+\.\d+\.\d+$/);
    const [major, minor] = LIBXML2.versie.split('.').map(Number);
    expect(LIBXML2.versie, `${LIBXML2.binding} is not in the table of soap/libxml2.ts`).to.match(/^\d+\.\d+\.\d+$/);
    expect(major! * 100 + minor!).to.be.at.least(213);
  });

  it('disposes the document of every request, answered, refused or faulted, once its answer is written', async () => {
    const sandbox = await startSandbox();
    diag.configure({ enabled: true });
    try {
      const stuur = (body: string, headers: Record<string, string> = {}) =>
        fetch(sandbox.endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '', 'X-OIN': '00000001000000000014', ...headers },
          body,
        }).then(async (res) => [res.status, await res.text()] as const);
      const goed = overzicht.replace('{{endpoint}}', sandbox.endpoint);
      const gevallen: Array<[string, string, Record<string, string>?, string?]> = [
        ['answered', goed],
        ['FS 603', goed.replace('999901333', '999901334')],
        ['0004, XSD', goed.replace('<ib:Bsn>', '<ib:Onbekend>x</ib:Onbekend><ib:Bsn>')],
        ['0005, another wsa:To', overzicht.replace('{{endpoint}}', 'https://elders.test/x')],
        ['0002, unknown OIN', goed, { 'X-OIN': '00000009000000000999' }],
        ['0001, not well-formed', goed.replace('</soap:Envelope>', '</soap:Envelop>')],
      ];
      for (const [wat, body, headers] of gevallen) {
        for (let i = 0; i < 20; i++) {
          const [status] = await stuur(body, headers);
          expect(status, wat).to.equal(wat === 'answered' || wat === 'FS 603' ? 200 : 500);
        }
      }
      expect(nietVrijgegeven()).to.equal(0);
    } finally {
      diag.configure({ enabled: false });
      await sandbox.close();
    }
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

  it('refuses every read of a released envelope with an ordinary error, which the pipeline answers with fault 0099, and goes on', async () => {
    const envelope = parseEnvelope(verzoek(ENDPOINT), ENDPOINT);
    expect(envelope.body().name).to.equal('OpvragenPersoon');
    envelope.release();
    expect(() => envelope.body()).to.throw(EnvelopeVrijgegeven).and.not.to.be.instanceOf(SoapFault);

    // A phase that reads a request after its release, inside the pipeline.
    const sandbox = await startSandbox();
    try {
      const validator = new RequestValidator(sandbox.config.xsdDir, ['OpvragenPersoon']);
      const regels: string[] = [];
      const logger = pino({ level: 'error' }, { write: (regel: string) => void regels.push(regel) });
      const deps = { operations: operationsByAction(), store: sandbox.store, clock: fixedClock(TODAY), logger, pseudonymKey: 'test' };
      const defect = new Pipeline({
        ...deps,
        validator: {
          validate: () => {
            const vrijgegeven = parseEnvelope(verzoek(ENDPOINT), ENDPOINT);
            vrijgegeven.release();
            return vrijgegeven.body();
          },
        } as unknown as RequestValidator,
      });
      const request = { body: verzoek(ENDPOINT), endpoint: ENDPOINT, soapAction: '', httpHeaders: { 'x-oin': '00000001000000000014' } };
      const reply = await defect.handle(request, {});
      expect(reply.status).to.equal(500);
      expect(reply.body).to.include('<Foutcode>0099</Foutcode>');
      expect(regels.join('')).to.include('request document read after its release');
      // The process lives: the same store and libxml2 answer the next request.
      const gezond = await new Pipeline({ ...deps, validator }).handle(request, {});
      expect([gezond.status, gezond.body.includes('<Verwerkt>true</Verwerkt>')]).to.deep.equal([200, true]);
    } finally {
      await sandbox.close();
    }
  });
});
