/**
 * OpvragenAanbodHistorie (PIB 3.6.7.4): every version of every aanbod, withdrawn ones and those of
 * a previous gemeente included, sorted on datum inschrijving, most recent first (then the latest
 * version first). A read: the checks of appendix 4.2 a, as OpvragenPersoon.
 */
import { aanbodVersie } from './aanbod-inhoud.js';
import { persoonLezen } from './operation.js';

export const opvragenAanbodHistorie = persoonLezen(
  'OpvragenAanbodHistorie',
  'Alle versies van het inburgeringsaanbod van één persoon, ook de ingetrokken en die van een vorige gemeente, gesorteerd op datum inschrijving met de meest recente bovenaan (PIB 3.6.7.4). Een raadpleging: de controles van bijlage 4.2 a.',
  (d) => ({
    AanbodHistorie: {
      AanbodVersie: [...d.aanbod]
        .sort((a, b) => b.datumInschrijving.localeCompare(a.datumInschrijving) || b.versie - a.versie)
        .map(aanbodVersie),
    },
  }),
);
