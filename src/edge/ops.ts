/**
 * The operator endpoints: GET /health (the process answers), GET /ready (the store reads and takes
 * a write: edge/gereedheid.ts) and GET /metrics (Prometheus text: metrics.ts, when metrics are on).
 *
 * Where: on the operations listener (CVS_OPS_HOST, CVS_OPS_PORT; plain HTTP), and then never on the
 * SOAP listener. Outside the sandbox the operations listener is always there (by default
 * 127.0.0.1:9090), so that no client of the SOAP port (in production: any certificate of the CA,
 * also one whose OIN is no afnemer) reads the metrics. In the sandbox without CVS_OPS_PORT they are
 * on the SOAP listener, as they always were. Under a cluster the primary serves the operations
 * listener (cluster.ts): it aggregates the workers' metrics itself.
 */
import { createServer, type Server } from 'node:http';
import Koa from 'koa';
import type { Logger } from 'pino';
import { errorForLog } from '../log/logger.js';
import type { MetricsTekst } from '../metrics.js';
import type { Gereedheid } from './gereedheid.js';

export interface OpsDeps {
  readonly gereedheid: Pick<Gereedheid, 'controleer'>;
  /** Without them /metrics is 404 (CVS_METRICS=0). */
  readonly metrics?: MetricsTekst;
  readonly logger: Logger;
}

/** Answers `ctx` when it asks for an operator endpoint; false when it asks for something else. */
export async function operatorEndpoint(ctx: Koa.Context, deps: OpsDeps): Promise<boolean> {
  if (ctx.method !== 'GET') return false;
  if (ctx.path === '/health') {
    ctx.body = { status: 'ok' };
    return true;
  }
  if (ctx.path === '/ready') {
    if (await deps.gereedheid.controleer()) ctx.body = { status: 'ready' };
    else {
      ctx.status = 503;
      ctx.body = { status: 'store unavailable' };
    }
    return true;
  }
  if (ctx.path === '/metrics' && deps.metrics) {
    try {
      ctx.body = await deps.metrics.tekst();
      ctx.set('Content-Type', deps.metrics.contentType);
    } catch (err) {
      deps.logger.error({ err: errorForLog(err) }, 'metrics unavailable');
      ctx.status = 503;
    }
    return true;
  }
  return false;
}

/** The operations listener: the operator endpoints and nothing else, over plain HTTP. */
export function startOps(ops: { readonly host: string; readonly port: number }, deps: OpsDeps): Server {
  const app = new Koa();
  app.silent = true;
  app.use(async (ctx) => {
    if (!(await operatorEndpoint(ctx, deps))) ctx.status = 404;
  });
  const server = createServer(app.callback());
  server.requestTimeout = 30_000;
  const kanNiet = (err: Error) => {
    process.stderr.write(`cvs-koppeling cannot start: the operations listener: ${err.message}\n`);
    process.exit(1);
  };
  server.once('error', kanNiet);
  server.once('listening', () => {
    server.off('error', kanNiet);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : ops.port;
    deps.logger.info({ ops: `http://${ops.host}:${port}` }, 'operations listening');
  });
  server.listen(ops.port, ops.host);
  return server;
}
