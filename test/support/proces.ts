/**
 * The gateway as its own process (`node --import tsx src/main.ts`), as production runs it: for the
 * tests of the process itself (CVS_WORKERS, CVS_METRICS, signals). Its environment is the test's
 * without any CVS_* setting (a CVS_MSSQL_URL of the test run must not choose its store), plus `env`.
 * And a SOAP call on a connection of its own, so that under a cluster every call is a new
 * connection for the primary to hand to a worker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { ROOT } from '../../src/config.js';
import { TODAY } from './sandbox.js';

export interface GatewayProces {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal) once the process is gone. */
  readonly exited: Promise<number | string | null>;
  out(): string;
  err(): string;
  /** Its stdout as JSON log lines. */
  regels(): Array<Record<string, unknown>>;
  /** Waits (20 s at most) until `klaar` holds for the log lines, and gives what it returns. */
  wacht<T>(klaar: (regels: Array<Record<string, unknown>>) => T | undefined | false, wat: string): Promise<T>;
  /** Waits for the line `cvs-koppeling listening` and gives its endpoint. */
  endpoint(): Promise<string>;
  /** Kills whatever of its process group is left. */
  opruimen(): void;
}

export function startGateway(env: Record<string, string>): GatewayProces {
  const schoon = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CVS_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...schoon, CVS_PORT: '0', CVS_TODAY: TODAY, CVS_SIGNAAL_INTERVAL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  let weg = false;
  void exited.then(() => (weg = true));
  const regels = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const wacht = async <T>(klaar: (r: Array<Record<string, unknown>>) => T | undefined | false, wat: string): Promise<T> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const uitkomst = klaar(regels());
      if (uitkomst !== undefined && uitkomst !== false) return uitkomst;
      if (weg || Date.now() > deadline) throw new Error(`${wat}: not seen\n${out}\n${err}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    child,
    exited,
    out: () => out,
    err: () => err,
    regels,
    wacht,
    endpoint: () => wacht((r) => r.find((l) => l.msg === 'cvs-koppeling listening')?.endpoint as string | undefined, 'cvs-koppeling listening'),
    opruimen: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
    },
  };
}

/** GET on a new connection: status and body. */
export function haal(url: string): Promise<{ status: number; body: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A SOAP request on a new connection, as test/support/client.ts builds it; gives status and body. */
export function soap(
  endpoint: string,
  operation: string,
  fields: Array<[string, string]>,
  options: { gemeente?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  const action = `http://www.duo.nl/cvs-koppeling/wi2021_v1/${operation}`;
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:ib="http://www.duo.nl/cvs-koppeling/wi2021_v1">
  <soap:Header><wsa:To>${endpoint}</wsa:To><wsa:Action>${action}</wsa:Action><wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID></soap:Header>
  <soap:Body><ib:${operation}><ib:Gemeentecode>${options.gemeente ?? '0014'}</ib:Gemeentecode>${fields.map(([k, v]) => `<ib:${k}>${v}</ib:${k}>`).join('')}</ib:${operation}></soap:Body>
</soap:Envelope>`;
  return new Promise((resolve, reject) => {
    const req = request(
      endpoint,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${action}"`, 'X-OIN': '00000001000000000014', ...options.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The value of the sample `name{labels}` in Prometheus text, or undefined; `labels` must match exactly. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const gevonden = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    const a = Object.keys(gevonden).sort();
    const b = Object.keys(labels).sort();
    if (a.length === b.length && a.every((k, i) => k === b[i] && gevonden[k] === labels[k])) return Number(m[3]);
  }
  return undefined;
}

/**
 * A loopback port free now, for a gateway that must know its own port before it listens: outside
 * the sandbox CVS_PUBLIC_URL names it.
 */
export async function vrijePoort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What a gateway outside the sandbox needs besides its mode's settings: its public URL on `port`, and its operations listener on any free port. */
export function buitenSandbox(port: number, scheme: 'http' | 'https' = 'http'): Record<string, string> {
  return { CVS_PORT: String(port), CVS_PUBLIC_URL: `${scheme}://127.0.0.1:${port}/cvs-koppeling/wi2021_v1`, CVS_OPS_PORT: '0' };
}

/** Waits for the line `operations listening` and gives the operations listener's origin. */
export function opsOrigin(gateway: GatewayProces): Promise<string> {
  return gateway.wacht((r) => r.find((l) => l.msg === 'operations listening')?.ops as string | undefined, 'operations listening');
}
