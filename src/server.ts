/**
 * The listener per mode: plain HTTP for the sandbox and behind a TLS-terminating proxy, and in
 * production HTTPS with Node's TLS, TLS 1.2 and 1.3 only, the cipher suites the NCSC's TLS
 * guidelines rate good, and a required client certificate chained to the configured CA files
 * (PKIoverheid private services in real life). A client without a valid certificate, or with
 * TLS 1.1, is refused at the handshake: its request never reaches the pipeline.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type Koa from 'koa';
import type { Config } from './config.js';

/** NCSC ICT-beveiligingsrichtlijnen voor TLS, "goed": ECDHE with AES-GCM or ChaCha20-Poly1305 (TLS 1.2). */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
].join(':');

export function maakServer(config: Config, app: Koa): Server {
  const server: Server =
    config.modus === 'productie' && config.tls
      ? createHttpsServer(
          {
            cert: readFileSync(config.tls.cert),
            key: readFileSync(config.tls.key),
            ca: config.tls.ca.map((f) => readFileSync(f)),
            requestCert: true,
            rejectUnauthorized: true,
            minVersion: 'TLSv1.2',
            maxVersion: 'TLSv1.3',
            ciphers: TLS12_CIPHERS,
            honorCipherOrder: true,
          },
          app.callback(),
        )
      : createHttpServer(app.callback());
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(config.requestTimeoutMs, 60_000);
  return server;
}
