/**
 * The signaal engine: raises the time-driven signalen (SS102, SS126, SS127, SS120, SS121, SS122;
 * domain/signalen.ts says when) and applies the retention of PIB 3.2 (afgehandeld a week ago, or
 * still Nieuw after a quarter). It runs at start and on a schedule, on the injected clock, so a
 * sandbox started with a later CVS_TODAY shows what became due.
 *
 * Each signaal has a unique key (person, gemeente, code, occasion) in the store: a second run, or
 * a second gateway instance running at the same time, adds nothing.
 */
import type { Datum } from '../domain/datum.js';
import { dueSignalen, teVerwijderen } from '../domain/signalen.js';
import type { Mutatie } from '../domain/dossier.js';
import type { Store } from '../store/port.js';

export interface EngineUitkomst {
  readonly nieuw: number;
  readonly verwijderd: number;
}

const mutatie = (operatie: string, today: Datum): Mutatie => ({
  oin: 'signaal-engine',
  gemeente: '0000',
  messageId: `signaal-engine:${today}`,
  operatie,
  tijdstip: new Date().toISOString(),
});

export async function draaiSignaalEngine(store: Store, today: Datum): Promise<EngineUitkomst> {
  const due = [];
  for (const bsn of await store.bsns()) {
    const dossier = await store.dossier(bsn);
    if (dossier) due.push(...dueSignalen(dossier, today));
  }
  const nieuw = due.length > 0 ? await store.voegSignalenToe(due, mutatie('SignaalEngine', today)) : 0;
  const verwijderd = await store.ruimSignalenOp((s) => teVerwijderen(s, today), today, mutatie('SignaalRetentie', today));
  return { nieuw, verwijderd };
}
