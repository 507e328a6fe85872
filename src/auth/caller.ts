/**
 * Phase 3, authenticate and authorise: who calls, for which gemeente, with which role.
 *
 * In production the OIN comes from the PKIoverheid client certificate (subject.serialNumber);
 * that source arrives with mTLS. In the sandbox the caller names its OIN in the request:
 * `wsa:From/wsa:Address` with a query parameter `OIN=`, or the HTTP header `X-OIN`.
 *
 * Two steps, around XSD validation: `authenticate` knows the OIN as an afnemer before any schema
 * work is spent on a stranger; `authorise` then reads the gemeente from the validated Body (its
 * first element, Gemeentecode) and checks the afnemers table: may this OIN act for it, and, for a
 * mutation, with the role `muteren`. Every refusal is fault 0002.
 */
import type { Caller } from '../domain/caller.js';
import type { Afnemer } from '../store/port.js';
import type { Envelope } from '../soap/envelope.js';
import { fault } from '../soap/fault.js';

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

/** The OIN a certificate or a trusted proxy gave; fault 0002 without one of 20 digits. */
export function vastgesteldeOin(oin: string | undefined): string {
  if (!oin) throw fault.nietGeautoriseerd('Geen OIN in het clientcertificaat');
  if (!/^\d{20}$/.test(oin)) throw fault.nietGeautoriseerd('OIN moet uit 20 cijfers bestaan');
  return oin;
}

/** Where the afnemers are: the store (sandbox: the dataset's), or the configured file (production). */
export interface AfnemerBron {
  afnemer(oin: string): Promise<Afnemer | undefined>;
}

/** The afnemer behind an OIN; fault 0002 for an OIN the table does not know. */
export async function authenticate(afnemers: AfnemerBron, oin: string): Promise<Afnemer> {
  const afnemer = await afnemers.afnemer(oin);
  if (!afnemer) throw fault.nietGeautoriseerd('OIN is geen bekende afnemer');
  return afnemer;
}

/** The caller, when the afnemer may act for `gemeente` (the validated Gemeentecode) with the role the operation needs. */
export function authorise(afnemer: Afnemer, oin: string, gemeente: string, muteert: boolean): Caller {
  const rol = afnemer.get(gemeente);
  if (!rol) throw fault.nietGeautoriseerd('OIN mag niet handelen voor deze gemeente');
  if (muteert && rol !== 'muteren') throw fault.nietGeautoriseerd('OIN heeft voor deze gemeente alleen de rol raadplegen');
  return { oin, gemeente, rol };
}
