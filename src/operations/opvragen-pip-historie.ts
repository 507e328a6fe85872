/**
 * OpvragenPipHistorie (PIB 3.6.6.4): every version of the PIP, most recent first, withdrawn ones
 * included. A read: the checks of appendix 4.2 a, as OpvragenPersoon.
 */
import { persoonLezen } from './operation.js';
import { pipVersie } from './pip-inhoud.js';

export const opvragenPipHistorie = persoonLezen(
  'OpvragenPipHistorie',
  'Alle versies van het PIP van één persoon, de meest recente eerst, ook de ingetrokken (PIB 3.6.6.4). Een raadpleging: de controles van bijlage 4.2 a.',
  (d) => ({
    PipHistorie: {
      PipVersie: [...d.pip].reverse().map(pipVersie),
    },
  }),
);
