/**
 * OpvragenInstellingen: the instellingen DUO knows, with their keurmerk, so that a CVS can offer
 * the codes that OpvoerenAanbod (Instelling) and DoorgevenUren (Cursusinstelling) take (PIB 3.6.7).
 * A read of DUO's own list: no person, role raadplegen. The rule is in rules/instellingen.ts.
 */
import { opvragenInstellingen as regels } from '../rules/instellingen.js';
import { tekst } from '../soap/xml-object.js';
import type { Operation } from './operation.js';

export const opvragenInstellingen: Operation<{ readonly leerroute?: string }> = {
  naam: 'OpvragenInstellingen',
  handeling: 'd',
  meldingen: ['leerrouteFormaatfout'],
  documentatie:
    'De instellingen die DUO kent, met code, naam en keurmerk: Blik op Werk (BoW) of erkende taalschakelinstelling (PIB 3.6.7). Met Leerroute alleen de instellingen die in een aanbod bij die leerroute mogen: B en Z alleen BoW, O ook taalschakelinstellingen. De code is de Instelling van OpvoerenAanbod en de Cursusinstelling van DoorgevenUren.',
  muteert: false,
  leesVerzoek: (body) => ({ leerroute: tekst(body, 'Leerroute') }),
  bsn: () => undefined,
  async verwerk(v, ctx) {
    const { meldingen, instellingen } = regels(v.leerroute, await ctx.store.alleInstellingen());
    if (!instellingen) return { meldingen };
    return {
      meldingen,
      inhoud: {
        Instellingen: {
          ErkendeInstelling: instellingen.map((i) => ({ Instelling: i.code, Naam: i.naam, KeurmerkBow: i.soort === 'BOW', KeurmerkTaalschakel: i.soort === 'TSI' })),
        },
      },
    };
  },
};
