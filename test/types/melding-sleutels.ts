/**
 * A type-level test, checked by `tsc --noEmit` (the first step of `npm test`) and never run: a
 * melding key that its catalogue section does not hold fails the type check, instead of answering
 * a request with fault 0099 at run time. Each `@ts-expect-error` below must meet an error: were
 * the key type `string` (or the check gone), the directive would be unused and tsc would fail.
 */
import { melding } from '../../src/meldingen/catalogus.js';
import { Velden } from '../../src/rules/velden.js';

export function sleutels(): void {
  // Rows that exist: no error.
  melding('a', 'bsnOngeldig');
  melding('i', 'foutOpslaan', { waarden: ['0014', '1'] });
  new Velden('b').fout('niveauNietToegestaan', 'Niveau');
  new Velden('b').inGroep(1).code('Leerroute', 'Z', ['Z', 'B']);

  // @ts-expect-error no row bestaatNiet in appendix 4.2 a
  melding('a', 'bestaatNiet');
  // @ts-expect-error a code is no key
  melding('a', 'FS603');
  // @ts-expect-error FS 640 geenWijziging is a row of section b, not of a
  melding('a', 'geenWijziging');
  // @ts-expect-error a rule's field check names a row its section does not hold
  new Velden('b').fout('bestaatNiet', 'Niveau');
  // @ts-expect-error nor in a repeating group
  new Velden('d').inGroep(2).fout('emailOngeldig', 'Email');
  // @ts-expect-error section e has no Formaatfout row for a code check to give
  new Velden('e').code('Instelling', 'X', ['BOW0001']);
  // @ts-expect-error section j has no Lengte is ongeldig row for a text check to give
  new Velden('j').tekst('Naam', 'x', { min: 1, max: 2 });
}
