/**
 * IntrekkenPip, appendix 4.2 c (PIB 3.6.6.3): withdraws the current PIP while it is not definitief,
 * and its aanbiedingen with it. Nothing is erased: the versions stay, marked withdrawn, in the
 * historie, and the mutation records who withdrew them.
 */
import { intrekkenPip } from '../rules/intrekken-pip.js';
import { leesBsn, persoonMuteren, type BsnVerzoek } from './operation.js';

export const intrekkenPipOperatie = persoonMuteren<BsnVerzoek>({
  naam: 'IntrekkenPip',
  handeling: 'c',
  documentatie:
    'Trekt het actuele PIP in zolang het niet definitief is, met de aanbiedingen van dat PIP (PIB 3.6.6.3, in de Handleiding "verwijderen PIP"). De versies blijven in de historie.',
  leesVerzoek: leesBsn,
  async beslis(v, dossier, _tx, ctx) {
    const { meldingen, intrekking } = intrekkenPip(v.bsn, dossier, ctx.caller, ctx.today);
    if (!intrekking) return { meldingen };
    return {
      meldingen,
      schrijf: async (tx, bsn, id) => {
        await tx.trekPipIn(bsn, intrekking.initieleVersie, id);
        let versie = dossier!.aanbod.length;
        for (const aanbod of intrekking.aanbod) await tx.voegAanbodVersieToe(bsn, { ...aanbod, versie: ++versie, ingetrokken: true }, id);
      },
    };
  },
});
