import { expect } from 'chai';
import { authenticate, authorise, oinFromRequest } from '../../src/auth/caller.js';
import { parseEnvelope } from '../../src/soap/envelope.js';
import { SoapFault } from '../../src/soap/fault.js';
import type { Afnemer, Store } from '../../src/store/port.js';

const ENDPOINT = 'http://127.0.0.1:8080/cvs-koppeling/wi2021_v1';
const envelope = (from?: string) =>
  parseEnvelope(
    Buffer.from(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="http://www.w3.org/2005/08/addressing"
      xmlns:ib="http://www.duo.nl/cvs-koppeling/wi2021_v1"><soap:Header><wsa:To>${ENDPOINT}</wsa:To><wsa:Action>a</wsa:Action>
      <wsa:MessageID>urn:uuid:1</wsa:MessageID>${from ? `<wsa:From><wsa:Address>${from}</wsa:Address></wsa:From>` : ''}</soap:Header>
      <soap:Body><ib:OpvragenPersoon/></soap:Body></soap:Envelope>`),
    ENDPOINT,
  );

const store = (rights: Record<string, Afnemer>) => ({ afnemer: async (oin: string) => rights[oin] }) as unknown as Store;

async function refusal(work: () => unknown): Promise<SoapFault> {
  try {
    await work();
  } catch (err) {
    expect(err).to.be.instanceOf(SoapFault);
    return err as SoapFault;
  }
  throw new Error('expected a fault');
}

describe('authenticate and authorise', () => {
  const groningen: Afnemer = new Map([['0014', 'muteren']]);
  const almere: Afnemer = new Map([['0034', 'raadplegen']]);
  const rights = store({ '00000001000000000014': groningen, '00000001000000000034': almere });

  it('takes the OIN from wsa:From or from the X-OIN header, and refuses two different ones', async () => {
    expect(oinFromRequest(envelope('urn:x?OIN=00000001000000000014'), {})).to.equal('00000001000000000014');
    expect(oinFromRequest(envelope(), { 'x-oin': '00000001000000000014' })).to.equal('00000001000000000014');
    const f = await refusal(() => oinFromRequest(envelope('urn:x?OIN=00000001000000000014'), { 'x-oin': '00000001000000000034' }));
    expect(f.code).to.equal('0002');
    expect((await refusal(() => oinFromRequest(envelope('urn:x?OIN=123'), {}))).code).to.equal('0002');
    expect((await refusal(() => oinFromRequest(envelope(), {}))).code).to.equal('0002');
  });

  it('knows an afnemer by its OIN and refuses an unknown one', async () => {
    expect(await authenticate(rights, '00000001000000000014')).to.equal(groningen);
    expect((await refusal(() => authenticate(rights, '00000001999999999999'))).omschrijving).to.equal('OIN is geen bekende afnemer');
  });

  it('lets a raadplegen afnemer read but not change', async () => {
    expect(authorise(almere, '00000001000000000034', '0034', false)).to.deep.equal({ oin: '00000001000000000034', gemeente: '0034', rol: 'raadplegen' });
    const f = await refusal(() => authorise(almere, '00000001000000000034', '0034', true));
    expect(f.code).to.equal('0002');
    expect(f.omschrijving).to.equal('OIN heeft voor deze gemeente alleen de rol raadplegen');
    expect(authorise(groningen, '00000001000000000014', '0014', true).rol).to.equal('muteren');
  });

  it('refuses a gemeente the OIN may not act for', async () => {
    expect((await refusal(() => authorise(groningen, '00000001000000000014', '0363', false))).omschrijving).to.equal('OIN mag niet handelen voor deze gemeente');
  });
});
