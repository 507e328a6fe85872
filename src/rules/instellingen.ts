/**
 * OpvragenInstellingen: the instellingen DUO knows, as the PIB offers them when an aanbod is given
 * (PIB 3.6.7), optionally only those an aanbod in one leerroute may name: the same test as the
 * aanbod rules (`magAanbodGeven`). The appendix has no section for this read; its one melding is an
 * addition to section d: FS 999 "Leerroute: Formaatfout" for a leerroute that is not B, O or Z.
 */
import { magAanbodGeven, type Instelling, type Leerroute } from '../domain/dossier.js';
import type { Melding } from '../meldingen/catalogus.js';
import { Velden } from './velden.js';

const LEERROUTES = ['B', 'O', 'Z'] as const satisfies readonly Leerroute[];

export function opvragenInstellingen(leerroute: string | undefined, alle: readonly Instelling[]): { meldingen: Melding[]; instellingen?: Instelling[] } {
  const velden = new Velden('d');
  const route = velden.aanwezig('Leerroute', leerroute);
  if (route !== undefined && !(LEERROUTES as readonly string[]).includes(route)) {
    velden.fout('leerrouteFormaatfout', 'Leerroute');
    return { meldingen: velden.meldingen };
  }
  return { meldingen: [], instellingen: route === undefined ? [...alle] : alle.filter((i) => magAanbodGeven(i, route as Leerroute)) };
}
