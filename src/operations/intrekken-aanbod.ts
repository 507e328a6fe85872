/**
 * IntrekkenAanbod, appendix 4.2 e (PIB 3.6.7.3): withdraws aanbiedingen of the asking gemeente,
 * and the uren of types 6, 8 and 9 registered for their instellingen. Nothing is erased: the
 * withdrawal is a new version of each, in one transaction with its mutation record.
 */
import { isValidBsn } from '../domain/bsn.js';
import { intrekkenAanbod, type IntrekkenAanbodVerzoek } from '../rules/intrekken-aanbod.js';
import { lijst, tekst, tekstVan, type XmlObject } from '../soap/xml-object.js';
import { aanbodVanGemeente } from './aanbod-inhoud.js';
import { mutatieVan, type Operation } from './operation.js';

function leesIntrekking(body: XmlObject): IntrekkenAanbodVerzoek {
  const groep = lijst(body, 'Cursusinstellingen')[0];
  return {
    bsn: tekst(body, 'Bsn'),
    ...(groep !== undefined ? { instellingen: typeof groep === 'string' ? [] : lijst(groep, 'Instelling').map((n) => tekstVan(n) ?? '') } : {}),
  };
}

export const intrekkenAanbodOperatie: Operation<IntrekkenAanbodVerzoek> = {
  naam: 'IntrekkenAanbod',
  handeling: 'e',
  documentatie:
    'Trekt het aanbod van de gemeente in bij de instellingen in Cursusinstellingen, of zonder Cursusinstellingen elk aanbod van de gemeente (PIB 3.6.7.3). De uren van type 6, 8 en 9 bij die instellingen gaan mee; alles blijft in de historie.',
  muteert: true,
  leesVerzoek: leesIntrekking,
  bsn: (v) => v.bsn,
  verwerk: (v, ctx) =>
    ctx.store.transaction(async (tx) => {
      const dossier = isValidBsn(v.bsn) ? await tx.dossier(v.bsn) : undefined;
      const instellingen = dossier && v.instellingen ? await tx.instellingen(v.instellingen) : new Map();
      const besluit = intrekkenAanbod(v, dossier, ctx.caller, ctx.today, instellingen);
      if (!besluit.intrekking) return { meldingen: besluit.meldingen };
      const mutatieId = await tx.registreerMutatie(mutatieVan(ctx, 'IntrekkenAanbod'), v.bsn);
      for (const versie of besluit.intrekking.aanbod) await tx.voegAanbodVersieToe(v.bsn!, versie, mutatieId);
      for (const versie of besluit.intrekking.uren) await tx.voegUrenVersieToe(v.bsn!, versie, mutatieId);
      const na = { ...dossier!, aanbod: [...dossier!.aanbod, ...besluit.intrekking.aanbod] };
      return { meldingen: besluit.meldingen, inhoud: { Inburgeringsaanbod: aanbodVanGemeente(na, ctx.caller.gemeente) } };
    }),
};
