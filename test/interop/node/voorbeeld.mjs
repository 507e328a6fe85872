/**
 * cvs-koppeling from Node.js: a node-soap client built from the WSDL the service serves, with the
 * WS-Addressing headers the service requires on every request.
 *
 * Usage: node voorbeeld.mjs [endpoint]   (default: the sandbox of `npm start`)
 * Needs the npm package soap.
 */
import { randomUUID } from 'node:crypto';
import soap from 'soap';

// [snippet:connect]
const endpoint = process.argv[2] ?? 'http://127.0.0.1:8080/cvs-koppeling/wi2021_v1';
const client = await soap.createClientAsync(`${endpoint}?wsdl`);
// The sandbox takes your OIN from the HTTP header X-OIN. In production the OIN is the one in your
// PKIoverheid client certificate instead (client.setSecurity(new soap.ClientSSLSecurity(key, cert))).
client.addHttpHeader('X-OIN', '00000001000000000014');

const WSA = 'http://www.w3.org/2005/08/addressing';
const ACTION = 'http://www.duo.nl/cvs-koppeling/wi2021_v1/';

/** node-soap has no WS-Addressing of its own: every call gets wsa:To, wsa:Action and a fresh wsa:MessageID. */
async function aanroep(operatie, verzoek) {
  client.clearSoapHeaders();
  client.addSoapHeader(`<wsa:To xmlns:wsa="${WSA}">${endpoint}</wsa:To>`);
  client.addSoapHeader(`<wsa:Action xmlns:wsa="${WSA}">${ACTION}${operatie}</wsa:Action>`);
  client.addSoapHeader(`<wsa:MessageID xmlns:wsa="${WSA}">urn:uuid:${randomUUID()}</wsa:MessageID>`);
  const [antwoord] = await client[`${operatie}Async`](verzoek);
  return antwoord;
}
// [/snippet]

// [snippet:pip]
// Every request starts with the gemeente you act for. Persoon is absent when Verwerkt is false.
let antwoord = await aanroep('OpvragenPersoon', { Gemeentecode: '0014', Bsn: '999901333' });
const pip = antwoord.Persoon.PipRegistratie.Pip;

// The Pip of an answer goes back unchanged as the Pip of WijzigenPip.
antwoord = await aanroep('WijzigenPip', { Gemeentecode: '0014', Bsn: '999901333', Pip: pip });

// A refused change is an answer too: Verwerkt false and an FS melding. Melding is absent when there is none.
console.log(`Verwerkt: ${antwoord.Verwerkt}`);
for (const melding of [antwoord.Meldingen?.Melding ?? []].flat()) console.log(`${melding.Soort} ${melding.Nummer} ${melding.Tekst}`);
// [/snippet]

// [snippet:fault]
// A request the service does not handle at all (here: a gemeente this OIN may not act for) is a
// SOAP Fault: node-soap throws, and the parsed fault holds the Digikoppeling Foutcode.
try {
  await aanroep('OpvragenPersoon', { Gemeentecode: '0363', Bsn: '999901333' });
} catch (err) {
  const fault = err.root?.Envelope?.Body?.Fault;
  if (!fault) throw err;
  console.log(`Fault ${fault.faultcode}: Foutcode ${fault.detail.Fout.Foutcode} (${fault.detail.Fout.Omschrijving})`);
}
// [/snippet]
