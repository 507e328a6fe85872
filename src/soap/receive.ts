/**
 * Phase 1, receive: the HTTP part of a SOAP 1.1 request. Reads the body up to the size limit and
 * checks the content type. Everything after this works on the bytes it returns.
 */
import type { IncomingMessage } from 'node:http';
import { fault } from './fault.js';

export function checkContentType(contentType: string | undefined): void {
  const [mediaType = '', ...params] = (contentType ?? '').split(';').map((s) => s.trim().toLowerCase());
  if (mediaType === 'application/soap+xml') throw fault.versie();
  if (mediaType !== 'text/xml') throw fault.envelop('Content-Type moet text/xml zijn (SOAP 1.1)');
  for (const param of params) {
    const [name, value = ''] = param.split('=').map((s) => s.trim());
    if (name === 'charset' && value.replace(/"/g, '') !== 'utf-8') throw fault.geenUtf8('Alleen UTF-8 wordt ondersteund');
  }
}

/** Reads the request body; more than `maxBytes` is refused without reading further. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    // A client that goes away before its body is complete is not an internal error.
    const onError = () => {
      cleanup();
      reject(new ClientWeg());
    };
    const onClose = () => {
      if (req.complete) return;
      cleanup();
      reject(new ClientWeg());
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** The client closed the connection (or it broke) before its request was read: nobody waits for an answer. */
export class ClientWeg extends Error {
  override readonly name = 'ClientWeg';
  constructor() {
    super('the client went away before its request was read');
  }
}

function tooLarge(maxBytes: number) {
  return fault.envelop(`Bericht is groter dan ${maxBytes} bytes`);
}
