/**
 * The evenly spaced client in a process of its own (forked by `openLoopApart` in http.ts): it counts
 * each request's latency from the moment it was due, so a pause of the sending process counts as
 * the gateway's. In the bench's own process that would be the collections of a heap that holds the
 * latencies of every earlier run (tried: a client with 150 MB of changing heap beside it measured the
 * same gateway at 500 req/s with a p99 of 17-35 ms instead of 6-7).
 */
import { openLoop, type OpenLoopSpec } from './http.js';
import { freshBodies } from './requests.js';

process.once('message', (spec: OpenLoopSpec) => {
  void openLoop({ ...spec, body: freshBodies(spec.body, spec.bsns) }).then((uitkomst) => process.send!(uitkomst, () => process.exit(0)));
});
