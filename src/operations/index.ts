/** The operations of the contract. A new handeling adds its module here, and its XSD and WSDL parts. */
import type { Operation } from './operation.js';
import { intrekkenPipOperatie } from './intrekken-pip.js';
import { opvoerenPipOperatie, wijzigenPipOperatie } from './opvoeren-wijzigen-pip.js';
import { opvragenPersoon } from './opvragen-persoon.js';
import { opvragenPipHistorie } from './opvragen-pip-historie.js';
import { ACTION_PREFIX } from '../soap/ns.js';

export const OPERATIONS: readonly Operation<any>[] = [
  opvragenPersoon,
  opvoerenPipOperatie,
  wijzigenPipOperatie,
  intrekkenPipOperatie,
  opvragenPipHistorie,
];

/** The operations by the wsa:Action of their input. */
export function operationsByAction(operations: readonly Operation<unknown>[] = OPERATIONS): ReadonlyMap<string, Operation<unknown>> {
  return new Map(operations.map((op) => [`${ACTION_PREFIX}${op.naam}`, op]));
}
