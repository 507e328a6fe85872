/**
 * IntrekkenPip, appendix 4.2 c (PIB 3.6.6.3): withdraws the current PIP while it is not definitief,
 * and its aanbiedingen with it. Nothing is erased: the versions stay, marked withdrawn, in the
 * historie, and the mutation records who withdrew them.
 */
import { isValidBsn } from '../domain/bsn.js';
import { intrekkenPip } from '../rules/pip.js';
import { mutatieVan, type BsnVerzoek, type Operation } from './operation.js';
import { tekst } from './xml-object.js';

export const intrekkenPipOperatie: Operation<BsnVerzoek> = {
  naam: 'IntrekkenPip',
  handeling: 'c',
  muteert: true,
  leesVerzoek: (body) => ({ bsn: tekst(body, 'Bsn') }),
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
