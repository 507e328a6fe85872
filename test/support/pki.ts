/**
 * A test PKI made at run time with the openssl command: a CA (standing in for PKIoverheid private
 * services), a foreign CA, the server's certificate for 127.0.0.1, and client certificates with the
 * OIN in subject.serialNumber: a valid one, one whose OIN is no afnemer, one without a serialNumber,
 * one from the foreign CA and an expired one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sleutelpaar {
  readonly cert: string;
  readonly key: string;
}

export interface Pki {
  readonly dir: string;
  readonly ca: string;
  readonly server: Sleutelpaar;
  readonly geldig: Sleutelpaar;
  readonly onbekend: Sleutelpaar;
  readonly zonderSerial: Sleutelpaar;
  readonly vreemd: Sleutelpaar;
  readonly verlopen: Sleutelpaar;
}

export function opensslAanwezig(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function maakPki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'cvs-pki-'));
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30', '-subj', '/CN=Test PKIoverheid Private Services CA');
  ssl('req', '-x509', ...ec, '-keyout', 'vreemd-ca.key', '-out', 'vreemd-ca.crt', '-days', '30', '-subj', '/CN=Foreign CA');
  const ondertekend = (naam: string, subject: string, ca = 'ca', ext?: string): Sleutelpaar => {
    ssl('req', ...ec, '-keyout', `${naam}.key`, '-out', `${naam}.csr`, '-subj', subject);
    const extra = ext ? ['-extfile', ext] : [];
    ssl('x509', '-req', '-in', `${naam}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${naam}.crt`, '-days', '30', ...extra);
    return { cert: join(dir, `${naam}.crt`), key: join(dir, `${naam}.key`) };
  };
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  const server = ondertekend('server', '/CN=localhost', 'ca', 'server.ext');
  const geldig = ondertekend('geldig', '/serialNumber=00000001000000000014/O=Gemeente Groningen/CN=CVS Groningen');
  const onbekend = ondertekend('onbekend', '/serialNumber=00000001999999999999/CN=Onbekend');
  const zonderSerial = ondertekend('zonder-serial', '/CN=Zonder OIN');
  const vreemd = ondertekend('vreemd', '/serialNumber=00000001000000000014/CN=Vreemd', 'vreemd-ca');
  // Expired: `openssl ca` can set both dates in the past.
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    '[ca]\ndefault_ca = test\n[test]\ndir = .\ndatabase = index.txt\nserial = serial\nnew_certs_dir = .\ncertificate = ca.crt\nprivate_key = ca.key\ndefault_md = sha256\npolicy = alles\nunique_subject = no\n[alles]\nserialNumber = optional\ncommonName = optional\n',
  );
  ssl('req', ...ec, '-keyout', 'verlopen.key', '-out', 'verlopen.csr', '-subj', '/serialNumber=00000001000000000014/CN=Verlopen');
  ssl('ca', '-batch', '-config', 'ca.cnf', '-in', 'verlopen.csr', '-out', 'verlopen.crt', '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-notext');
  return { dir, ca: join(dir, 'ca.crt'), server, geldig, onbekend, zonderSerial, vreemd, verlopen: { cert: join(dir, 'verlopen.crt'), key: join(dir, 'verlopen.key') } };
}
