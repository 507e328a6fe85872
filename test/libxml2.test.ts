/**
 * The XML core on libxml2-wasm under real requests: the sandbox disposes the document of every
 * request it answers, refuses or faults, and a request document read after its release is answered
 * with fault 0099 while the gateway goes on. (test/unit/libxml2.test.ts holds the checks without a
 * server.)
 */
import { expect } from 'chai';
import { diag } from 'libxml2-wasm';
import pino from 'pino';
import { fixedClock } from '../src/domain/datum.js';
import { operationsByAction } from '../src/operations/index.js';
import { Pipeline } from '../src/pipeline.js';
import { EnvelopeVrijgegeven, parseEnvelope } from '../src/soap/envelope.js';
import { SoapFault } from '../src/soap/fault.js';
import { RequestValidator } from '../src/soap/xsd.js';
import { startSandbox, TODAY } from './support/sandbox.js';
import { ENDPOINT, nietVrijgegeven, overzicht, verzoek } from './support/libxml2.js';

describe('the XML core (libxml2-wasm) in the running sandbox', () => {
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
