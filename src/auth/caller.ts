/**
 * Phase 3, authenticate and authorise: who calls, for which gemeente, with which role.
 *
 * In production the OIN comes from the PKIoverheid client certificate (subject.serialNumber);
 * that source arrives with mTLS. In the sandbox the caller names its OIN in the request:
 * `wsa:From/wsa:Address` with a query parameter `OIN=`, or the HTTP header `X-OIN`.
 * The afnemers table then says for which gemeenten the OIN may act and with which role; a
 * mutation needs the role `muteren`. Every refusal is fault 0002.
 */
import type libxml from 'libxmljs2';
import type { Store, Rol } from '../store/port.js';
import type { Envelope } from '../soap/envelope.js';
import { fault } from '../soap/fault.js';
import { NS } from '../soap/ns.js';

export interface Caller {
  readonly oin: string;
  readonly gemeente: string;
  readonly rol: Rol;
}

export const OIN_HEADER = 'x-oin';

/** The caller's OIN as the sandbox takes it from the request. */
export function oinFromRequest(envelope: Envelope, httpHeaders: Record<string, string | string[] | undefined>): string {
  const header = httpHeaders[OIN_HEADER];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  let fromWsa: string | undefined;
  if (envelope.from) {
    const query = envelope.from.split('?')[1] ?? '';
    fromWsa = new URLSearchParams(query).get('OIN') ?? undefined;
  }
  if (fromHeader && fromWsa && fromHeader.trim() !== fromWsa.trim()) {
    throw fault.nietGeautoriseerd('OIN in wsa:From en X-OIN verschillen');
  }
  const oin = (fromWsa ?? fromHeader)?.trim();
  if (!oin) throw fault.nietGeautoriseerd('Geen OIN: geef wsa:From met ?OIN= of de HTTP-header X-OIN');
  if (!/^\d{20}$/.test(oin)) throw fault.nietGeautoriseerd('OIN moet uit 20 cijfers bestaan');
  return oin;
}

export async function authorise(store: Store, oin: string, envelope: Envelope, muteert: boolean): Promise<Caller> {
  const gemeente = envelope.gemeente?.get<libxml.Element>('ib:Gemeentecode', { ib: NS.ib })?.text().trim();
  if (!gemeente) throw fault.xsd('Header Gemeente met Gemeentecode ontbreekt', 'Gemeente');
  const afnemer = await store.afnemer(oin);
  if (!afnemer) throw fault.nietGeautoriseerd('OIN is geen bekende afnemer');
  const rol = afnemer.get(gemeente);
  if (!rol) throw fault.nietGeautoriseerd('OIN mag niet handelen voor deze gemeente');
  if (muteert && rol !== 'muteren') throw fault.nietGeautoriseerd('OIN heeft voor deze gemeente alleen de rol raadplegen');
  return { oin, gemeente, rol };
}
