/**
 * Replays every fixture against a running gateway and reports which answers differ from the
 * documented ones: `npm run replay -- http://127.0.0.1:8080/cvs-koppeling/wi2021_v1`.
 * Set CVS_TODAY (JJJJMMDD) when the gateway runs with a fixed date. Exits 1 when a case differs.
 * A request the gateway's limit per OIN refuses (fault 0052) is sent again after its Retry-After, as
 * a client should: nothing of it was stored.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../config.js';
import { todayInNetherlands } from '../domain/datum.js';
import { expected, loadCases, normalise, send } from '../fixtures/replay.js';

const url = process.argv[2] ?? 'http://127.0.0.1:8080/cvs-koppeling/wi2021_v1';
const today = process.env.CVS_TODAY || todayInNetherlands();
let failed = 0;
const cases = loadCases(`${ROOT}fixtures`);
for (const c of cases) {
  let reply = await send(url, c, today);
  for (let poging = 0; poging < 10 && reply.retryAfter && reply.body.includes('<Foutcode>0052</Foutcode>'); poging++) {
    await sleep(Number(reply.retryAfter) * 1000);
    reply = await send(url, c, today);
  }
  let ok: boolean;
  try {
    ok = normalise(reply.body) === expected(c, today);
  } catch {
    ok = false;
  }
  if (!ok) failed++;
  process.stdout.write(`${ok ? 'ok  ' : 'DIFF'} ${c.group}/${c.name}\n`);
}
process.stdout.write(`${cases.length - failed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
