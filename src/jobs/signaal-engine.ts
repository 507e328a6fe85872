/**
 * The signaal engine: raises the time-driven signalen (SS102, SS126, SS127, SS120, SS121, SS122;
 * domain/signalen.ts says when) and applies the retention of PIB 3.2 (afgehandeld a week ago, or
 * still Nieuw after a quarter). It runs at start and on a schedule, on the injected clock, so a
 * sandbox started with a later CVS_TODAY shows what became due.
 *
 * Each signaal has a unique key (person, gemeente, code, occasion) in the store: a second run, or
 * a second gateway instance running at the same time, adds nothing.
 *
 * A run reads only the persons with an occasion in the window of domain/signalen.ts
 * (`engineVenster`), which the store selects from an index, a slice at a time; each slice's
 * signalen commit on their own. The engine gives the event loop back every 2 ms, so requests are
 * answered while it runs. Where the gateway runs workers, the engine runs in the primary, which
 * serves no requests (main.ts).
 */
import { setImmediate as beurt } from 'node:timers/promises';
import type { Datum } from '../domain/datum.js';
import type { Mutatie } from '../domain/dossier.js';
import { dueSignalen, ENGINE_PLAK, engineVenster, GELEGENHEDEN, retentieGrenzen, type NieuwSignaal } from '../domain/signalen.js';
import type { EngineKandidaat, Store } from '../store/port.js';

export interface EngineUitkomst {
  /** Persons whose dossier the run read. */
  readonly gelezen: number;
  readonly nieuw: number;
  readonly verwijderd: number;
}

/** The most the engine holds the event loop at a time, in milliseconds (a dossier read and judged takes about 0.08). */
const BEURT_MS = 2;

const mutatie = (operatie: string, today: Datum): Mutatie => ({
  oin: 'signaal-engine',
  gemeente: '0000',
  messageId: `signaal-engine:${today}`,
  operatie,
  tijdstip: new Date().toISOString(),
});

export async function draaiSignaalEngine(store: Store, today: Datum): Promise<EngineUitkomst> {
  const { vanaf, tot } = engineVenster(today);
  // A person with occasions of more than one kind is a candidate of each: read once.
  const gezien = new Set<string>();
  let nieuw = 0;
  for (const gelegenheid of GELEGENHEDEN) {
    let na: EngineKandidaat | undefined;
    for (;;) {
      const plak = await store.engineKandidaten(gelegenheid, vanaf, tot, na);
      const due: NieuwSignaal[] = [];
      let sinds = performance.now();
      for (const { bsn } of plak) {
        if (gezien.has(bsn)) continue;
        gezien.add(bsn);
        const dossier = await store.dossier(bsn);
        if (dossier) due.push(...dueSignalen(dossier, today));
        // A request takes a few turns of the event loop: each turn the engine holds adds to it.
        if (performance.now() - sinds > BEURT_MS) {
          await beurt();
          sinds = performance.now();
        }
      }
      if (due.length > 0) nieuw += await store.voegSignalenToe(due, mutatie('SignaalEngine', today));
      if (plak.length < ENGINE_PLAK) break;
      na = plak[plak.length - 1];
      await beurt();
    }
  }
  const verwijderd = await store.ruimSignalenOp(retentieGrenzen(today), today, mutatie('SignaalRetentie', today));
  return { gelezen: gezien.size, nieuw, verwijderd };
}
