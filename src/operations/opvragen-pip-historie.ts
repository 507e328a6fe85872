/**
 * OpvragenPipHistorie (PIB 3.6.6.4): every version of the PIP, most recent first, withdrawn ones
 * included. A read: the checks of appendix 4.2 a, as OpvragenPersoon.
 */
import { isFout } from '../meldingen/catalogus.js';
import { controleerBsn, controleerPersoon } from '../rules/persoon.js';
import type { Operation } from './operation.js';
import { tekst } from './xml-object.js';

interface Verzoek {
  readonly bsn: string | undefined;
}

export const opvragenPipHistorie: Operation<Verzoek> = {
  naam: 'OpvragenPipHistorie',
  handeling: 'a',
  xsd: 'Pip_v1.xsd',
  muteert: false,
  leesVerzoek: (body) => ({ bsn: tekst(body, 'Bsn') }),
  bsn: (v) => v.bsn,

  async verwerk(v, ctx) {
    const bsnFout = controleerBsn('a', v.bsn);
    if (bsnFout) return { meldingen: [bsnFout] };
    const dossier = await ctx.store.dossier(v.bsn!);
    const meldingen = controleerPersoon('a', dossier, ctx.caller.gemeente, ctx.today);
    if (meldingen.some(isFout)) return { meldingen };
    return {
      meldingen,
      inhoud: {
        PipHistorie: {
          PipVersie: [...dossier!.pip].reverse().map((p) => ({
            Versie: p.versie,
            DatumRegistratie: p.datumRegistratie,
            DatumDagtekeningInitielePip: p.datumDagtekeningInitieel,
            DatumDagtekeningPip: p.datumDagtekening,
            Leerroute: p.leerroute,
            Niveau: p.niveau,
            Alfabetisering: p.alfabetisering,
            GeschatteUrenIntensiteit: p.geschatteUren,
            GeschatteUrenResterend: p.geschatteUrenResterend,
            ToestemmingNietVrijstellendeOpleiding: p.toestemming,
            ContactVolgnummer: p.contactVolgnummer,
            Gemeente: p.gemeente,
            Ingetrokken: p.ingetrokken,
          })),
        },
      },
    };
  },
};
