/**
 * The HTTP edge on Koa: the SOAP endpoint (POST), its contract (GET ?wsdl, ?xsd=), and, unless the
 * operations listener serves them (CVS_OPS_PORT; always outside the sandbox), the operator
 * endpoints /health, /ready and /metrics (edge/ops.ts).
 */
import Koa from 'koa';
import type { Logger } from 'pino';
import { performance } from 'node:perf_hooks';
import type { Config } from './config.js';
import type { Clock } from './domain/datum.js';
import { operationsByAction, OPERATIONS } from './operations/index.js';
import type { Operation } from './operations/operation.js';
import { errorForLog, type RequestRecord } from './log/logger.js';
import type { Metrics } from './metrics.js';
import { Pipeline } from './pipeline.js';
import { Contract } from './soap/contract.js';
import type { AfnemerBron } from './auth/caller.js';
import { identiteitVan } from './auth/identiteit.js';
import { checkContentType, ClientWeg, readBody } from './soap/receive.js';
import { lazyReference, serveReference } from './docs/reference.js';
import { writeWsdl } from './soap/wsdl.js';
import { RequestValidator } from './soap/xsd.js';
import type { Store } from './store/port.js';
import { Gereedheid } from './edge/gereedheid.js';
import type { OinLimieten } from './edge/limits.js';
import { operatorEndpoint } from './edge/ops.js';

export interface AppDeps {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly operations?: readonly Operation<any>[];
  /** The afnemers table when it is not the store's (production: the afnemers file). */
  readonly afnemers?: AfnemerBron;
  /** The metrics served at GET /metrics; without them /metrics is 404 (CVS_METRICS=0). */
  readonly metrics?: Metrics;
  /** The limits per caller OIN (edge/limits.ts); without them none. */
  readonly limieten?: OinLimieten;
  /** The readiness check of GET /ready; by default one of `store`. */
  readonly gereedheid?: Gereedheid;
}

const XML = 'text/xml; charset=utf-8';

export function createApp(deps: AppDeps): Koa {
  const { config, store, logger, metrics } = deps;
  const operations = deps.operations ?? OPERATIONS;
  const contract = new Contract(writeWsdl(operations), config.xsdDir);
  const referentie = lazyReference(operations, config.xsdDir);
  const validator = new RequestValidator(config.xsdDir, operations.map((op) => op.naam));
  const pipeline = new Pipeline({
    operations: operationsByAction(operations),
    validator,
    store,
    clock: deps.clock,
    logger,
    pseudonymKey: config.pseudonymKey,
    parserLimits: config.parserLimits,
    ...(deps.afnemers ? { afnemers: deps.afnemers } : {}),
    ...(deps.limieten ? { limieten: deps.limieten } : {}),
  });
  // On this listener only when there is no operations listener.
  const operator = config.ops ? undefined : { gereedheid: deps.gereedheid ?? new Gereedheid(store, logger, metrics?.gereed), logger, ...(metrics ? { metrics } : {}) };

  const app = new Koa();
  app.proxy = false;
  app.silent = true;

  app.use(async (ctx) => {
    if (operator && (await operatorEndpoint(ctx, operator))) return;
    // The contract reference for a person (docs/reference.ts), built on the first request.
    if (ctx.method === 'GET' && (ctx.path === '/docs' || (ctx.path === config.endpointPath && 'doc' in ctx.query))) {
      serveReference(ctx, referentie());
      return;
    }
    if (ctx.path !== config.endpointPath) {
      ctx.status = 404;
      return;
    }
    const endpoint = config.publicUrl ?? `${ctx.protocol}://${ctx.host}${config.endpointPath}`;

    if (ctx.method === 'GET') {
      if (Object.keys(ctx.query).some((k) => k.toLowerCase() === 'wsdl')) {
        ctx.type = XML;
        ctx.body = contract.wsdlFor(endpoint);
        return;
      }
      const file = ctx.query.xsd;
      const xsd = typeof file === 'string' ? contract.xsdFor(file, endpoint) : undefined;
      if (xsd === undefined) {
        ctx.status = 404;
        return;
      }
      ctx.type = XML;
      ctx.body = xsd;
      return;
    }
    if (ctx.method !== 'POST') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, POST');
      return;
    }

    const started = performance.now();
    const record: RequestRecord = {};
    let reply;
    try {
      checkContentType(ctx.get('Content-Type'));
      const body = await readBody(ctx.req, config.maxBodyBytes);
      const soapAction = ctx.req.headers.soapaction;
      reply = await pipeline.handle(
        {
          body,
          endpoint,
          soapAction: Array.isArray(soapAction) ? soapAction[0] : soapAction,
          httpHeaders: ctx.req.headers,
          identiteit: identiteitVan(ctx.req, config.modus, config.proxy),
        },
        record,
      );
    } catch (err) {
      if (err instanceof ClientWeg) {
        // Nobody to answer; not a fault and not an internal error.
        logger.info({ durationMs: round(performance.now() - started), ...record }, 'client went away');
        metrics?.verzoek(record);
        ctx.respond = false;
        return;
      }
      // Refused before the body was read: do not keep a connection with unread bytes on it.
      ctx.set('Connection', 'close');
      reply = pipeline.faultReply(err, undefined, record);
    }
    ctx.status = reply.status;
    if (reply.headers) ctx.set(reply.headers);
    ctx.type = XML;
    ctx.body = reply.body;
    record.httpStatus = reply.status;
    record.durationMs = round(performance.now() - started);
    if (record.storeMs !== undefined) record.storeMs = round(record.storeMs);
    logger.info(record, 'request');
    metrics?.verzoek(record);
  });

  app.on('error', (err: Error) => {
    logger.error({ err: errorForLog(err) }, 'http error');
  });
  return app;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
