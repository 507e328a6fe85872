// @ts-check
/**
 * Baseline 2: a node-soap server (soap.listen on a plain http server) with the bench's own WSDL
 * (bench/targets/bench.wsdl). Each operation answers one fixed object, calibrated at start so that
 * the serialised answer has exactly the byte size the bench asks for, spread over as many elements
 * as the gateway's answer has. Nothing else: no validation, no store. Plain JavaScript, run by
 * plain node like the compiled gateway; type-checked with the bench (checkJs).
 *
 *   node bench/targets/soap.mjs <port> <overzicht-bytes> <overzicht-elements> <kort-bytes> <kort-elements>
 *
 * GET /ready answers 200, with the calibrated sizes, once the calibration is done.
 */
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import * as soap from 'soap';

const PATH = '/bench';
const args = process.argv.slice(2).map(Number);
if (args.length !== 5 || args.some((n) => !Number.isInteger(n) || n <= 0)) {
  process.stderr.write('usage: soap.mjs <port> <overzicht-bytes> <overzicht-elements> <kort-bytes> <kort-elements>\n');
  process.exit(2);
}
const [port, overzichtBytes, overzichtElements, kortBytes, kortElements] = /** @type {[number, number, number, number, number]} */ (args);

/** @typedef {'Overzicht' | 'Kort'} Operatie */
/** @type {Record<Operatie, { Regel: string[] }>} */
const answers = {
  Overzicht: { Regel: [] },
  Kort: { Regel: [] },
};
/** @type {Record<string, number> | undefined} */
let sizes;

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/ready') {
    res.writeHead(sizes ? 200 : 503, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(sizes ? { status: 'ready', ...sizes } : { status: 'calibrating' }));
    return;
  }
  res.writeHead(404);
  res.end();
});

const wsdl = readFileSync(new URL('./bench.wsdl', import.meta.url), 'utf8');
soap.listen(server, PATH, {
  BenchService: {
    BenchPort: {
      Overzicht: () => answers.Overzicht,
      Kort: () => answers.Kort,
    },
  },
}, wsdl);

/**
 * @param {Operatie} operation
 * @returns {Promise<number>} the size of the answer in bytes
 */
function call(operation) {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:b="urn:cvs-koppeling:bench">' +
    `<soap:Body><b:${operation}><b:Gemeentecode>0000</b:Gemeentecode><b:Bsn>000000000</b:Bsn></b:${operation}></soap:Body></soap:Envelope>`;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: PATH, method: 'POST', agent: false, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"urn:cvs-koppeling:bench/${operation}"` } },
      (res) => {
        let bytes = 0;
        res.on('data', (/** @type {Buffer} */ chunk) => (bytes += chunk.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`calibration of ${operation}: HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Fills the answer with `elements` Regel strings so that the serialised answer is `target` bytes.
 * @param {Operatie} operation
 * @param {number} target
 * @param {number} elements
 */
async function calibrate(operation, target, elements) {
  answers[operation].Regel = Array.from({ length: elements }, () => 'x');
  const base = await call(operation);
  const extra = target - base;
  if (extra < 0) throw new Error(`${operation}: ${elements} elements already take ${base} bytes, more than ${target}`);
  const each = Math.floor(extra / elements);
  const rest = extra % elements;
  answers[operation].Regel = Array.from({ length: elements }, (_, i) => 'x'.repeat(1 + each + (i < rest ? 1 : 0)));
  return call(operation);
}

server.listen(port, '127.0.0.1', () => {
  void (async () => {
    const overzicht = await calibrate('Overzicht', overzichtBytes, overzichtElements);
    const kort = await calibrate('Kort', kortBytes, kortElements);
    sizes = { overzicht, kort };
  })().catch((/** @type {Error} */ err) => {
    process.stderr.write(`node-soap target: ${err.message}\n`);
    process.exit(1);
  });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
