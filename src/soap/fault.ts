/**
 * SOAP Faults are for what is not a business answer (docs/design.md "The contract"). Each carries
 * a Digikoppeling
 * code. Texts are ours: never a stack trace, an internal message or a value from the request.
 */
export type FaultCode =
  | '0001' // invalid envelope (not XML, DOCTYPE, not SOAP 1.1, too large, wrong content type)
  | '0002' // not authorised
  | '0003' // invalid SOAPAction or unknown wsa:Action
  | '0004' // XSD-invalid
  | '0005' // wsa:To missing, or not this endpoint
  | '0006' // wsa:Action missing
  | '0007' // wsa:MessageID missing
  | '0008' // wsa:RelatesTo missing
  | '0009' // not UTF-8
  | '0010' // unexpected header (mustUnderstand)
  | '0051' // service unavailable (store)
  | '0052' // too many requests of this OIN (rate or requests in flight): try again after Retry-After
  | '0099'; // internal error

/**
 * What each code the gateway answers with means, as the XSD documents them at element Fout; the
 * contract reference (src/docs/reference.ts) lists them. 0008 is Digikoppeling's, not used here.
 */
export const FOUTCODES: ReadonlyArray<{ readonly code: FaultCode; readonly faultcode: string; readonly betekenis: string }> = [
  { code: '0001', faultcode: 'soap:Client (soap:VersionMismatch voor SOAP 1.2)', betekenis: 'Ongeldig bericht of ongeldige envelop: geen (goedgevormde) XML, een DOCTYPE, geen SOAP 1.1, te groot, een verkeerd Content-Type, een niet-anoniem antwoordadres, of een MessageID die al voor een ander bericht is gebruikt.' },
  { code: '0002', faultcode: 'soap:Client', betekenis: 'Niet geautoriseerd: het OIN is onbekend of mag niet namens deze gemeente, of mag alleen raadplegen.' },
  { code: '0003', faultcode: 'soap:Client', betekenis: 'Ongeldige SOAPAction of wsa:Action: een onbekende operatie, of een SOAPAction die ontbreekt of verschilt van wsa:Action.' },
  { code: '0004', faultcode: 'soap:Client', betekenis: 'De Body voldoet niet aan het XSD: een onbekend element, een verkeerde volgorde, te vaak herhaald, een waarde boven haar vangnetlengte, een Gemeentecode die ontbreekt of geen 4 cijfers is.' },
  { code: '0005', faultcode: 'soap:Client', betekenis: 'wsa:To ontbreekt of is niet het adres van de dienst.' },
  { code: '0006', faultcode: 'soap:Client', betekenis: 'wsa:Action ontbreekt.' },
  { code: '0007', faultcode: 'soap:Client', betekenis: 'wsa:MessageID ontbreekt of is geen absolute URI van hoogstens 255 tekens.' },
  { code: '0009', faultcode: 'soap:Client', betekenis: 'Het bericht is niet in UTF-8.' },
  { code: '0010', faultcode: 'soap:MustUnderstand', betekenis: 'Een header met mustUnderstand die de dienst niet kent.' },
  { code: '0051', faultcode: 'soap:Server', betekenis: 'De dienst is tijdelijk niet beschikbaar (de opslag); probeer het later opnieuw met dezelfde MessageID.' },
  { code: '0052', faultcode: 'soap:Server', betekenis: 'Te veel verzoeken van deze afnemer in korte tijd, of te veel tegelijk; er is niets gedaan of opgeslagen: probeer het opnieuw na de tijd in de HTTP-header Retry-After, met dezelfde MessageID.' },
  { code: '0099', faultcode: 'soap:Server', betekenis: 'Interne fout; vermeld de MessageID bij contact met DUO.' },
];

/** A name chosen by the caller, as a fault may repeat it: cut to 64 characters. */
export function naam(n: string): string {
  return n.length > 64 ? `${n.slice(0, 64)}…` : n;
}

export type SoapFaultCode = 'soap:Client' | 'soap:Server' | 'soap:VersionMismatch' | 'soap:MustUnderstand';

export class SoapFault extends Error {
  override readonly name = 'SoapFault';
  /** The request's wsa:MessageID, when it was read before the fault arose. */
  relatesTo?: string;
  /** Seconds after which the same request may succeed: the answer's Retry-After header. */
  retryAfterS?: number;
  readonly element?: string;
  constructor(
    readonly code: FaultCode,
    readonly omschrijving: string,
    element?: string,
    readonly faultcode: SoapFaultCode = code === '0051' || code === '0052' || code === '0099' ? 'soap:Server' : 'soap:Client',
  ) {
    super(`${code} ${omschrijving}`);
    if (element !== undefined) this.element = naam(element);
  }
}

export const fault = {
  envelop: (omschrijving: string, element?: string) => new SoapFault('0001', omschrijving, element),
  versie: () =>
    new SoapFault('0001', 'Alleen SOAP 1.1 wordt ondersteund', 'Envelope', 'soap:VersionMismatch'),
  nietGeautoriseerd: (omschrijving: string) => new SoapFault('0002', omschrijving),
  soapAction: (omschrijving: string, element?: string) => new SoapFault('0003', omschrijving, element),
  xsd: (omschrijving: string, element?: string) => new SoapFault('0004', omschrijving, element),
  geenTo: () => new SoapFault('0005', 'WS-Addressing header wsa:To ontbreekt', 'To'),
  anderTo: () => new SoapFault('0005', 'WS-Addressing header wsa:To is niet het adres van deze dienst', 'To'),
  messageIdHergebruikt: () =>
    new SoapFault('0001', 'wsa:MessageID is al gebruikt voor een ander bericht van deze afnemer; gebruik een nieuwe MessageID', 'MessageID'),
  nietAnoniem: (element: string) =>
    new SoapFault('0001', `wsa:${element} moet het anonieme adres zijn: het antwoord gaat terug over dezelfde HTTP-verbinding`, element),
  geenAction: () => new SoapFault('0006', 'WS-Addressing header wsa:Action ontbreekt', 'Action'),
  geenMessageId: () => new SoapFault('0007', 'WS-Addressing header wsa:MessageID ontbreekt', 'MessageID'),
  messageIdOngeldig: () => new SoapFault('0007', 'wsa:MessageID moet een absolute URI van hoogstens 255 tekens zijn', 'MessageID'),
  geenUtf8: (omschrijving: string) => new SoapFault('0009', omschrijving),
  onverwachteHeader: (element: string) =>
    new SoapFault('0010', 'Header met mustUnderstand wordt niet ondersteund', element, 'soap:MustUnderstand'),
  nietBeschikbaar: () => new SoapFault('0051', 'Dienst is tijdelijk niet beschikbaar'),
  teVeelVerzoeken: () =>
    new SoapFault('0052', 'Te veel verzoeken van deze afnemer in korte tijd; probeer het opnieuw na de tijd in de HTTP-header Retry-After'),
  teVeelGelijktijdig: () =>
    new SoapFault('0052', 'Te veel gelijktijdige verzoeken van deze afnemer; wacht op een antwoord voor u een volgend verzoek stuurt'),
  intern: () => new SoapFault('0099', 'Interne fout; vermeld de MessageID bij contact met DUO'),
};
