/**
 * Where the caller's OIN comes from, per mode (docs/operations.md "Production"):
 *
 *   sandbox     the request names it: wsa:From ?OIN= or the X-OIN header (auth/caller.ts)
 *   productie   the TLS client certificate, subject.serialNumber (Digikoppeling); the handshake
 *               already refused a missing, expired or foreign certificate
 *   proxy       a header that the configured TLS-terminating proxy sets, and only from its address
 *
 * Outside the sandbox an OIN in wsa:From or X-OIN is ignored.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Modus, ProxyInstelling } from '../config.js';

export type Identiteit = { readonly bron: 'verzoek' } | { readonly bron: 'certificaat' | 'proxy'; readonly oin: string | undefined };

export function identiteitVan(req: IncomingMessage, modus: Modus, proxy?: ProxyInstelling): Identiteit {
  if (modus === 'sandbox') return { bron: 'verzoek' };
  if (modus === 'productie') {
    const socket = req.socket as TLSSocket;
    const oin = socket.authorized ? socket.getPeerCertificate()?.subject?.serialNumber : undefined;
    return { bron: 'certificaat', oin: typeof oin === 'string' ? oin : undefined };
  }
  const adres = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const waarde = proxy && proxy.adressen.includes(adres) ? req.headers[proxy.oinHeader.toLowerCase()] : undefined;
  return { bron: 'proxy', oin: typeof waarde === 'string' ? waarde.trim() : undefined };
}
