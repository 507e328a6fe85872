/**
 * IntrekkenPip, appendix 4.2 c (PIB 3.6.6.3): withdraws the current PIP while it is not definitief,
 * and its aanbiedingen with it. Nothing is erased: the versions stay, marked withdrawn, in the
 * historie, and the mutation records who withdrew them.
 */
import { isValidBsn } from '../domain/bsn.js';
import { intrekkenPip } from '../rules/intrekken-pip.js';
import { leesBsn, mutatieVan, type BsnVerzoek, type Operation } from './operation.js';

export const intrekkenPipOperatie: Operation<BsnVerzoek> = {
  naam: 'IntrekkenPip',
  handeling: 'c',
  documentatie:
    'Trekt het actuele PIP in zolang het niet definitief is, met de aanbiedingen van dat PIP (PIB 3.6.6.3, in de Handleiding "verwijderen PIP"). De versies blijven in de historie.',
  muteert: true,
  leesVerzoek: leesBsn,
  bsn: (v) => v.bsn,
  verwerk: (v, ctx) =>
    ctx.store.transaction(async (tx) => {
      const dossier = isValidBsn(v.bsn) ? await tx.dossier(v.bsn) : undefined;
      const besluit = intrekkenPip(v.bsn, dossier, ctx.caller, ctx.today);
      if (!besluit.intrekking) return { meldingen: besluit.meldingen };
      const mutatieId = await tx.registreerMutatie(mutatieVan(ctx, 'IntrekkenPip'), v.bsn);
      await tx.trekPipIn(v.bsn!, besluit.intrekking.initieleVersie, mutatieId);
      let versie = dossier!.aanbod.length;
      for (const aanbod of besluit.intrekking.aanbod) {
        await tx.voegAanbodVersieToe(v.bsn!, { ...aanbod, versie: ++versie, ingetrokken: true }, mutatieId);
      }
      return { meldingen: besluit.meldingen };
    }),
};
