/**
 * Dossiers built in a test, for the pure rules and the signaal engine: a person under Wi2021 with
 * nothing registered yet, and one PIP version; each test says what differs.
 */
import type { Dossier, Persoon, PipVersie } from '../../src/domain/dossier.js';

export function testDossier(persoon: Partial<Persoon> & Pick<Persoon, 'datumStartPlicht'>, delen: Partial<Omit<Dossier, 'persoon'>> = {}): Dossier {
  return {
    persoon: { bsn: '999901333', achternaam: 'Test', geboortedatum: '19900101', wet: 'WI2021', woongemeente: '0014', woontInAzc: false, doelgroep: 'Asielstatushouder', ...persoon },
    examens: [],
    aanvragen: [],
    pip: [],
    aanbod: [],
    map: [],
    pvt: [],
    uren: [],
    contactpersonen: [],
    signalen: [],
    ...delen,
  };
}

/** A PIP version in the B1-route, registered on its dagtekening unless the test says otherwise. */
export function testPipVersie(v: Pick<PipVersie, 'versie' | 'gemeente' | 'datumDagtekening' | 'datumDagtekeningInitieel'> & Partial<PipVersie>): PipVersie {
  return { initieel: v.versie === 1, datumRegistratie: v.datumDagtekening, leerroute: 'B', toestemming: false, ingetrokken: false, ...v };
}
