/**
 * A request's document is freed when the request is done (soap/libxml2.ts), not when V8 gets round
 * to the wrappers: libxml2's own count of its memory is back where it was, without a collection,
 * and the wrappers collected afterwards find nothing left to free.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'chai';
import libxml from 'libxmljs2';
import { ROOT } from '../../src/config.js';
import { parseEnvelope } from '../../src/soap/envelope.js';
import { toObject } from '../../src/soap/xml-object.js';
import { faultOf } from '../support/fault.js';
import { startSandbox } from '../support/sandbox.js';

const ENDPOINT = 'https://gateway.test/cvs-koppeling/wi2021_v1';
const inUse = () => (libxml as unknown as { memoryUsage(): number }).memoryUsage();
const overzicht = readFileSync(`${ROOT}fixtures/OpvragenPersoon/01-volledig-overzicht.request.xml`, 'utf8');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('libxml2 documents of requests', () => {
  it('are freed at release, wrappers and all, and the wrappers are collected safely afterwards', () => {
    const request = Buffer.from(overzicht.replace('{{endpoint}}', ENDPOINT));
    gc();
    const before = inUse();
    const bodies: unknown[] = [];
    for (let i = 0; i < 200; i++) {
      const envelope = parseEnvelope(request, ENDPOINT);
      // Wrappers of elements, text nodes, attributes and namespaces, as the pipeline makes them.
      const root = envelope.body.parent() as libxml.Element;
      root.namespace();
      envelope.body.attrs();
      envelope.body.childNodes().map((n) => n.type() === 'element' && (n as libxml.Element).namespaces());
      bodies.push(toObject(envelope.body));
      envelope.release();
    }
    // 200 overview requests held some 2 MB; a few hundred bytes may be libxml2's own caches.
    expect(inUse() - before).to.be.lessThan(64 * 1024);
    for (let i = 0; i < 3; i++) gc();
    expect(inUse() - before).to.be.lessThan(64 * 1024);
    expect(bodies).to.have.length(200);
  });

  it('of a refused envelope are freed too', () => {
    const request = Buffer.from(overzicht.replace('{{endpoint}}', 'https://elders.test/x'));
    gc();
    const before = inUse();
    for (let i = 0; i < 200; i++) expect(faultOf(() => parseEnvelope(request, ENDPOINT)).code).to.equal('0005');
    expect(inUse() - before).to.be.lessThan(64 * 1024);
  });

  it('are freed by the gateway once each answer is written', async () => {
    const sandbox = await startSandbox();
    try {
      const send = () =>
        fetch(sandbox.endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '', 'X-OIN': '00000001000000000014' },
          body: overzicht.replace('{{endpoint}}', sandbox.endpoint),
        }).then(async (res) => [res.status, await res.text()] as const);
      await send();
      gc();
      const before = inUse();
      for (let i = 0; i < 100; i++) {
        const [status, text] = await send();
        expect(status).to.equal(200);
        expect(text).to.include('Testpersoon-Volledig');
      }
      expect(inUse() - before).to.be.lessThan(64 * 1024);
    } finally {
      await sandbox.close();
    }
  });
});
