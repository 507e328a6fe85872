/**
 * The registry: the one list of the operations of the contract. The WSDL (soap/wsdl.ts), the
 * dispatch table, the XSD slices and the tests' lists of operations all follow from it; a test
 * holds the committed WSDL and the XSD's request and response elements to it. A new handeling adds
 * its module here, its elements to xsd/, and its fixtures (docs/development.md "Adding a handeling").
 */
import { ACTION_PREFIX } from '../soap/ns.js';
import {
  koppelenContactpersoon,
  ontkoppelenContactpersoon,
  opvoerenContactpersoon,
  opvragenContactpersonen,
  overdragenCaseloadOperatie,
  verwijderenContactpersoon,
  wijzigenContactpersoon,
} from './contactpersonen.js';
import { doorgevenUrenOperatie } from './doorgeven-uren.js';
import { opvragenSignalen, wijzigenStatusSignalen } from './signalen.js';
import { intrekkenAanbodOperatie } from './intrekken-aanbod.js';
import { intrekkenPipOperatie } from './intrekken-pip.js';
import { doorgevenMap, doorgevenPvt, verwijderenMap, verwijderenPvt } from './map-pvt.js';
import type { Operation } from './operation.js';
import { opvoerenAanbodOperatie, wijzigenAanbodOperatie } from './opvoeren-wijzigen-aanbod.js';
import { opvoerenPipOperatie, wijzigenPipOperatie } from './opvoeren-wijzigen-pip.js';
import { opvragenAanbodHistorie } from './opvragen-aanbod-historie.js';
import { opvragenInstellingen } from './opvragen-instellingen.js';
import { opvragenPersoon } from './opvragen-persoon.js';
import { opvragenPipHistorie } from './opvragen-pip-historie.js';

export const OPERATIONS: readonly Operation<any>[] = [
  opvragenPersoon,
  opvoerenPipOperatie,
  wijzigenPipOperatie,
  intrekkenPipOperatie,
  opvragenPipHistorie,
  opvoerenAanbodOperatie,
  wijzigenAanbodOperatie,
  intrekkenAanbodOperatie,
  opvragenAanbodHistorie,
  opvragenInstellingen,
  doorgevenMap,
  verwijderenMap,
  doorgevenPvt,
  verwijderenPvt,
  doorgevenUrenOperatie,
  opvoerenContactpersoon,
  wijzigenContactpersoon,
  verwijderenContactpersoon,
  overdragenCaseloadOperatie,
  opvragenContactpersonen,
  koppelenContactpersoon,
  ontkoppelenContactpersoon,
  opvragenSignalen,
  wijzigenStatusSignalen,
];

/** The operations by the wsa:Action of their input. */
export function operationsByAction(operations: readonly Operation<unknown>[] = OPERATIONS): ReadonlyMap<string, Operation<unknown>> {
  return new Map(operations.map((op) => [`${ACTION_PREFIX}${op.naam}`, op]));
}
