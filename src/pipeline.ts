/**
 * The request pipeline (docs/design.md "The pipeline"). Each phase is one module:
 *
 *   receive       soap/receive.ts    size limit, content type (in app.ts, before this)
 *   envelope      soap/envelope.ts   hardened parse, SOAP 1.1, WS-Addressing headers
 *   dispatch      (here)             wsa:Action and SOAPAction -> operation
 *   limit         edge/limits.ts     per OIN: rate and requests in flight (fault 0052, nothing stored)
 *   authenticate  auth/caller.ts     OIN -> afnemer (a stranger costs no schema work)
 *   validate      soap/xsd.ts        the Body element against the XSD
 *   authorise     auth/caller.ts     afnemer + Gemeentecode of the Body -> role
 *   operation     operations/*.ts    map -> rules -> store
 *   respond       soap/respond.ts    SOAP response or fault
 *   log           log/logger.ts      one JSON line
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { authenticate, authorise, oinFromRequest, vastgesteldeOin, type AfnemerBron } from './auth/caller.js';
import type { Identiteit } from './auth/identiteit.js';
import { isValidBsn } from './domain/bsn.js';
import type { Clock } from './domain/datum.js';
import { code, isFout } from './meldingen/catalogus.js';
import type { Operation } from './operations/operation.js';
import { errorForLog, type RequestRecord } from './log/logger.js';
import { messageIdVoorLog, pseudoniem } from './log/pseudoniem.js';
import { parseEnvelope, type Envelope } from './soap/envelope.js';
import { fault, naam, SoapFault } from './soap/fault.js';
import { ACTION_PREFIX } from './soap/ns.js';
import { answer, faultAnswer } from './soap/respond.js';
import type { ParserLimits } from './soap/prescan.js';
import type { RequestValidator } from './soap/xsd.js';
import { tekst, toObject } from './soap/xml-object.js';
import { StoreUnavailable, type Store } from './store/port.js';
import type { OinLimieten } from './edge/limits.js';

export interface SoapRequest {
  readonly body: Buffer;
  /** The address of this endpoint as the WSDL states it: wsa:To must name it. */
  readonly endpoint: string;
  readonly soapAction: string | undefined;
  readonly httpHeaders: Record<string, string | string[] | undefined>;
  /** Where the caller's OIN comes from (auth/identiteit.ts); the request itself only in the sandbox. */
  readonly identiteit?: Identiteit;
}

export interface SoapReply {
  readonly status: number;
  readonly body: string;
  /** HTTP headers of the answer besides its content type (Retry-After of fault 0052). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PipelineDeps {
  readonly operations: ReadonlyMap<string, Operation<unknown>>;
  readonly validator: RequestValidator;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly pseudonymKey: string;
  readonly parserLimits?: ParserLimits;
  /** The afnemers table; the store's when not given. */
  readonly afnemers?: AfnemerBron;
  /** The limits per caller OIN; none when not given. */
  readonly limieten?: OinLimieten;
}

export class Pipeline {
  constructor(private readonly deps: PipelineDeps) {}

  /** Runs one request through every phase; never throws. `record` collects the log line. */
  async handle(request: SoapRequest, record: RequestRecord): Promise<SoapReply> {
    let envelope: Envelope | undefined;
    let vrij: (() => void) | undefined;
    try {
      envelope = parseEnvelope(request.body, request.endpoint, this.deps.parserLimits);
      record.messageId = messageIdVoorLog(envelope.messageId, this.deps.pseudonymKey);
      const operation = this.dispatch(envelope, request.soapAction);
      record.operation = operation.naam;
      const identiteit = request.identiteit ?? { bron: 'verzoek' };
      const oin = identiteit.bron === 'verzoek' ? oinFromRequest(envelope, request.httpHeaders) : vastgesteldeOin(identiteit.oin);
      record.oin = oin;
      // Before anything else is spent on the caller, and before anything is stored.
      const toegang = this.deps.limieten?.neem(oin);
      if (toegang && !toegang.toegelaten) {
        record.limited = toegang.limiet;
        const f = toegang.limiet === 'rate' ? fault.teVeelVerzoeken() : fault.teVeelGelijktijdig();
        f.retryAfterS = toegang.retryAfterS;
        throw f;
      }
      vrij = toegang?.vrij;
      const store = timed(this.deps.store, record);
      const afnemer = await authenticate(this.deps.afnemers ?? store, oin);
      const body = toObject(this.deps.validator.validate(operation.naam, envelope.body()));
      // The tree is read: its WebAssembly memory goes back now, not after the store's work.
      envelope.release();
      // The XSD requires Gemeentecode, four digits, as the first element of every request.
      record.gemeente = tekst(body, 'Gemeentecode')!;
      const caller = authorise(afnemer, oin, record.gemeente, operation.muteert);
      const verzoek = operation.leesVerzoek(body);
      const bsn = operation.bsn(verzoek);
      if (isValidBsn(bsn)) record.bsnPseudoniem = pseudoniem(bsn, this.deps.pseudonymKey);

      const messageId = envelope.messageId;
      const inzage = (verwerkt: boolean) => ({
        tijdstip: new Date().toISOString(),
        oin,
        gemeente: caller.gemeente,
        operatie: operation.naam,
        ...(record.bsnPseudoniem ? { bsnPseudoniem: record.bsnPseudoniem } : {}),
        messageId,
        verwerkt,
      });
      const uitkomst = await operation.verwerk(verzoek, {
        store,
        caller,
        today: this.deps.clock(),
        messageId,
        // Only a change is stored under its MessageID, so only a change needs the digest.
        verzoekDigest: () => createHash('sha256').update(operation.naam).update('\n').update(JSON.stringify(body)).digest('hex'),
        inzage,
      });
      if (uitkomst.herhaald) record.herhaald = true;
      record.verwerkt = !uitkomst.meldingen.some(isFout);
      // A change's record is in its transaction; a read's joins the next group of reads' records.
      if (!uitkomst.inzageGeregistreerd) await store.registreerInzage(inzage(record.verwerkt));
      record.meldingen = uitkomst.meldingen.map(code);
      return {
        status: 200,
        body: answer(
          { action: `${ACTION_PREFIX}${operation.naam}Response`, relatesTo: envelope.messageId },
          `${operation.naam}Response`,
          uitkomst.meldingen,
          uitkomst.inhoud,
        ),
      };
    } catch (err) {
      const relatesTo = envelope?.messageId ?? (err instanceof SoapFault ? err.relatesTo : undefined);
      if (relatesTo !== undefined) record.messageId ??= messageIdVoorLog(relatesTo, this.deps.pseudonymKey);
      return this.faultReply(err, relatesTo, record);
    } finally {
      // Also when a phase before the mapping refused the request.
      envelope?.release();
      vrij?.();
    }
  }

  /** wsa:Action names the operation; a SOAPAction header must be empty or equal to it. */
  private dispatch(envelope: Envelope, soapAction: string | undefined): Operation<unknown> {
    if (soapAction === undefined) throw fault.soapAction('HTTP-header SOAPAction ontbreekt');
    const action = soapAction.trim().replace(/^"(.*)"$/, '$1');
    if (action !== '' && action !== envelope.action) {
      throw fault.soapAction('SOAPAction en wsa:Action verschillen', 'Action');
    }
    const operation = this.deps.operations.get(envelope.action);
    if (!operation) throw fault.soapAction('wsa:Action noemt geen operatie van deze dienst', 'Action');
    const bodyName = naam(envelope.bodyName);
    if (bodyName !== operation.naam) {
      throw fault.xsd(`Element ${bodyName} wordt hier niet verwacht; verwacht is ${operation.naam}`, bodyName);
    }
    return operation;
  }

  faultReply(err: unknown, relatesTo: string | undefined, record: RequestRecord): SoapReply {
    let f: SoapFault;
    if (err instanceof SoapFault) f = err;
    else if (err instanceof StoreUnavailable) {
      f = fault.nietBeschikbaar();
      this.deps.logger.error({ messageId: record.messageId, err: errorForLog(err) }, 'store unavailable');
    } else {
      f = fault.intern();
      this.deps.logger.error({ messageId: record.messageId, err: errorForLog(err) }, 'internal error');
    }
    record.fault = f.code;
    return { status: 500, body: faultAnswer(f, relatesTo), ...(f.retryAfterS ? { headers: { 'Retry-After': String(f.retryAfterS) } } : {}) };
  }
}

/** The store, with the time spent in it added to the log record. */
function timed(store: Store, record: RequestRecord): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const start = performance.now();
        try {
          return await value.apply(target, args);
        } finally {
          record.storeMs = (record.storeMs ?? 0) + (performance.now() - start);
        }
      };
    },
  });
}
