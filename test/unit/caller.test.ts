import { expect } from 'chai';
import { authorise, oinFromRequest } from '../../src/auth/caller.js';
import { parseEnvelope } from '../../src/soap/envelope.js';
import { SoapFault } from '../../src/soap/fault.js';
import type { Afnemer, Store } from '../../src/store/port.js';

const envelope = (gemeente: string, from?: string) =>
  parseEnvelope(
    Buffer.from(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="http://www.w3.org/2005/08/addressing"
      xmlns:ib="http://www.duo.nl/schemas/cvs-koppeling/wi2021_v1"><soap:Header><wsa:To>x</wsa:To><wsa:Action>a</wsa:Action>
      <wsa:MessageID>urn:uuid:1</wsa:MessageID>${from ? `<wsa:From><wsa:Address>${from}</wsa:Address></wsa:From>` : ''}
      <ib:Gemeente><ib:Gemeentecode>${gemeente}</ib:Gemeentecode></ib:Gemeente></soap:Header>
      <soap:Body><ib:OpvragenPersoon/></soap:Body></soap:Envelope>`),
  );

const store = (rights: Record<string, Afnemer>) => ({ afnemer: async (oin: string) => rights[oin] }) as unknown as Store;

async function refusal(promise: Promise<unknown>): Promise<SoapFault> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(SoapFault);
    return err as SoapFault;
  }
  throw new Error('expected a fault');
}

describe('authenticate and authorise', () => {
  const rights = store({ '00000001000000000014': new Map([['0014', 'muteren']]), '00000001000000000034': new Map([['0034', 'raadplegen']]) });

  it('takes the OIN from wsa:From or from the X-OIN header, and refuses two different ones', async () => {
    expect(oinFromRequest(envelope('0014', 'urn:x?OIN=00000001000000000014'), {})).to.equal('00000001000000000014');
    expect(oinFromRequest(envelope('0014'), { 'x-oin': '00000001000000000014' })).to.equal('00000001000000000014');
    const f = await refusal(Promise.resolve().then(() => oinFromRequest(envelope('0014', 'urn:x?OIN=00000001000000000014'), { 'x-oin': '00000001000000000034' })));
    expect(f.code).to.equal('0002');
    expect((await refusal(Promise.resolve().then(() => oinFromRequest(envelope('0014', 'urn:x?OIN=123'), {})))).code).to.equal('0002');
  });

  it('lets a raadplegen afnemer read but not change', async () => {
    expect(await authorise(rights, '00000001000000000034', envelope('0034'), false)).to.deep.equal({
      oin: '00000001000000000034',
      gemeente: '0034',
      rol: 'raadplegen',
    });
    const f = await refusal(authorise(rights, '00000001000000000034', envelope('0034'), true));
    expect(f.code).to.equal('0002');
    expect(f.omschrijving).to.equal('OIN heeft voor deze gemeente alleen de rol raadplegen');
    expect((await authorise(rights, '00000001000000000014', envelope('0014'), true)).rol).to.equal('muteren');
  });

  it('refuses an unknown OIN and a gemeente the OIN may not act for', async () => {
    expect((await refusal(authorise(rights, '00000001999999999999', envelope('0014'), false))).omschrijving).to.equal('OIN is geen bekende afnemer');
    expect((await refusal(authorise(rights, '00000001000000000014', envelope('0363'), false))).omschrijving).to.equal(
      'OIN mag niet handelen voor deze gemeente',
    );
  });
});

