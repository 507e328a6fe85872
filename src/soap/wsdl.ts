/**
 * Writes the WSDL from the registry of operations, so that the contract, the dispatch table and
 * the XSD slices can never name different operations. `npm run contract` writes it to
 * wsdl/CvsKoppeling_Wi2021_v1.wsdl for readers of the repository; a test holds that file equal to
 * what this module writes. The running service serves the same text at `?wsdl`.
 *
 * WSDL 1.1, SOAP 1.1, document/literal wrapped (Digikoppeling WUS WW001-WW004): one message per
 * direction with one part `parameters`, a wsam:Action on every input, output and fault, no header
 * parts (WS007: the header holds WS-Addressing only; the gemeente is the first element of the Body).
 * Each operation documents its appendix 4.2 section and every melding it can answer with.
 *
 * The shape every generator recognises (docs/integrators.md "The contract in five rules"):
 * messages are named unlike
 * their elements (`XVerzoek`, `XAntwoord`, `FoutBericht`), so that wsimport's fault exception is
 * `FoutBericht` with a `Fout` inside rather than `Fout_Exception`; WS-Addressing is declared on the
 * binding as the policy assertion `wsam:Addressing` (WS-Addressing Metadata), which WCF's svcutil
 * reads, and as `wsaw:UsingAddressing`, which JAX-WS reads, neither with `wsdl:required`, which PHP's
 * ext/soap refuses on an extension it does not know; zeep infers addressing from the wsam:Action
 * attributes.
 */
import { bijlage42, type Handeling, type MeldingDef } from '../meldingen/catalogus.js';
import { ACTION_PREFIX, FAULT_ACTION, NS } from './ns.js';

export interface WsdlOperatie {
  readonly naam: string;
  readonly handeling: Handeling;
  readonly meldingen?: readonly string[];
  readonly documentatie: string;
  readonly muteert: boolean;
}

/** The fault message: named unlike its element, so that generated exception and detail classes differ. */
const FOUT_BERICHT = 'FoutBericht';

/** The address the file states; the service replaces it by its own at `?wsdl`. */
export const WSDL_ADDRESS = 'http://127.0.0.1:8080/cvs-koppeling/wi2021_v1';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The documentation of one operation: what it does, its appendix section and role, its meldingen. */
export function operatieDocumentatie(op: WsdlOperatie): string {
  const sectie = bijlage42[op.handeling];
  const rijen = Object.entries(sectie.meldingen as Record<string, MeldingDef>).filter(([key]) => !op.meldingen || op.meldingen.includes(key));
  const meldingen = rijen.map(([, m]) =>
    `${m.soort} ${m.nummer} ${m.tekst}${m.toevoeging ? ' (aanvulling op de bijlage)' : ''}`,
  );
  return [
    op.documentatie,
    `Bijlage 4.2 ${op.handeling}: ${sectie.titel}. Vereist de rol ${op.muteert ? 'muteren (Wi2021MUT)' : 'raadplegen (Wi2021) of muteren'}.`,
    'Meldingen:',
    ...meldingen,
  ].join('\n');
}

export function writeWsdl(operations: readonly WsdlOperatie[]): string {
  const out: string[] = [];
  const line = (depth: number, text: string) => out.push(`${'  '.repeat(depth)}${text}`);
  out.push(
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!--',
    '  cvs-koppeling Wi2021 (versie 1). WSDL 1.1, SOAP 1.1, document/literal wrapped. WS-Addressing 1.0 is',
    '  verplicht op elk verzoek (wsa:To, wsa:Action, wsa:MessageID); de SOAP-header bevat verder niets.',
    '  Het eerste element van elk verzoek is Gemeentecode: de gemeente namens wie de afnemer handelt.',
    '  De dienst levert dit document op GET <endpoint>?wsdl met zijn echte adres, en de schema\'s op',
    '  <endpoint>?xsd=<naam>. Geschreven door `npm run contract` uit de operaties van de dienst.',
    '-->',
    '<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"',
    '                  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"',
    '                  xmlns:xs="http://www.w3.org/2001/XMLSchema"',
    '                  xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata"',
    '                  xmlns:wsp="http://www.w3.org/ns/ws-policy"',
    '                  xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl"',
    `                  xmlns:ib="${NS.ib}"`,
    `                  xmlns:tns="${NS.ib}"`,
    `                  targetNamespace="${NS.ib}"`,
    '                  name="CvsKoppelingWi2021_v1">',
    '',
  );
  line(1, '<wsdl:types>');
  line(2, '<xs:schema>');
  line(3, `<xs:import namespace="${NS.ib}" schemaLocation="../xsd/Wi2021_v1.xsd"/>`);
  line(2, '</xs:schema>');
  line(1, '</wsdl:types>');
  out.push('');
  line(1, `<wsdl:message name="${FOUT_BERICHT}">`);
  line(2, '<wsdl:part name="Fout" element="ib:Fout"/>');
  line(1, '</wsdl:message>');
  for (const op of operations) {
    out.push('');
    for (const [bericht, element] of [[`${op.naam}Verzoek`, op.naam], [`${op.naam}Antwoord`, `${op.naam}Response`]]) {
      line(1, `<wsdl:message name="${bericht}">`);
      line(2, `<wsdl:part name="parameters" element="ib:${element}"/>`);
      line(1, '</wsdl:message>');
    }
  }
  out.push('');
  line(1, '<wsdl:portType name="CvsKoppelingWi2021PortType_v1">');
  for (const op of operations) {
    line(2, `<wsdl:operation name="${op.naam}">`);
    line(3, `<wsdl:documentation>${esc(operatieDocumentatie(op)).replace(/\n/g, `\n${'  '.repeat(4)}`)}</wsdl:documentation>`);
    line(3, `<wsdl:input message="tns:${op.naam}Verzoek" wsam:Action="${ACTION_PREFIX}${op.naam}"/>`);
    line(3, `<wsdl:output message="tns:${op.naam}Antwoord" wsam:Action="${ACTION_PREFIX}${op.naam}Response"/>`);
    line(3, `<wsdl:fault name="Fout" message="tns:${FOUT_BERICHT}" wsam:Action="${FAULT_ACTION}"/>`);
    line(2, '</wsdl:operation>');
  }
  line(1, '</wsdl:portType>');
  out.push('');
  line(1, '<wsdl:binding name="CvsKoppelingWi2021Binding_v1" type="tns:CvsKoppelingWi2021PortType_v1">');
  // WS-Addressing twice, for the two ways importers look: WCF's svcutil reads only policy
  // assertions (wsam:Addressing in a wsp:Policy of the binding), JAX-WS also the WSDL extension.
  line(2, '<wsp:Policy>');
  line(3, '<wsam:Addressing><wsp:Policy><wsam:AnonymousResponses/></wsp:Policy></wsam:Addressing>');
  line(2, '</wsp:Policy>');
  line(2, '<wsaw:UsingAddressing/>');
  line(2, '<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>');
  for (const op of operations) {
    line(2, `<wsdl:operation name="${op.naam}">`);
    line(3, `<soap:operation soapAction="${ACTION_PREFIX}${op.naam}" style="document"/>`);
    line(3, '<wsdl:input><soap:body use="literal"/></wsdl:input>');
    line(3, '<wsdl:output><soap:body use="literal"/></wsdl:output>');
    line(3, '<wsdl:fault name="Fout"><soap:fault name="Fout" use="literal"/></wsdl:fault>');
    line(2, '</wsdl:operation>');
  }
  line(1, '</wsdl:binding>');
  out.push('');
  line(1, '<wsdl:service name="CvsKoppelingWi2021Service_v1">');
  line(2, '<wsdl:port name="CvsKoppelingWi2021Port_v1" binding="tns:CvsKoppelingWi2021Binding_v1">');
  line(3, `<soap:address location="${WSDL_ADDRESS}"/>`);
  line(2, '</wsdl:port>');
  line(1, '</wsdl:service>');
  out.push('</wsdl:definitions>', '');
  return out.join('\n');
}
