/**
 * IntrekkenAanbod, appendix 4.2 e (PIB 3.6.7.3): withdraws aanbiedingen of the asking gemeente,
 * and the uren of types 6, 8 and 9 registered for their instellingen. Nothing is erased: the
 * withdrawal is a new version of each, in one transaction with its mutation record.
 */
import { intrekkenAanbod, type IntrekkenAanbodVerzoek } from '../rules/intrekken-aanbod.js';
import { lijst, tekst, tekstVan, type XmlObject } from '../soap/xml-object.js';
import { aanbodVanGemeente } from './aanbod-inhoud.js';
import { persoonMuteren } from './operation.js';

function leesIntrekking(body: XmlObject): IntrekkenAanbodVerzoek {
  const groep = lijst(body, 'Cursusinstellingen')[0];
  return {
    bsn: tekst(body, 'Bsn'),
    ...(groep !== undefined ? { instellingen: typeof groep === 'string' ? [] : lijst(groep, 'Instelling').map((n) => tekstVan(n) ?? '') } : {}),
  };
}

export const intrekkenAanbodOperatie = persoonMuteren<IntrekkenAanbodVerzoek>({
  naam: 'IntrekkenAanbod',
  handeling: 'e',
  documentatie:
    'Trekt het aanbod van de gemeente in bij de instellingen in Cursusinstellingen, of zonder Cursusinstellingen elk aanbod van de gemeente (PIB 3.6.7.3). De uren van type 6, 8 en 9 bij die instellingen gaan mee; alles blijft in de historie.',
  leesVerzoek: leesIntrekking,
  async beslis(v, dossier, tx, ctx) {
    const instellingen = dossier && v.instellingen ? await tx.instellingen(v.instellingen) : new Map();
    const { meldingen, intrekking } = intrekkenAanbod(v, dossier, ctx.caller, ctx.today, instellingen);
    if (!intrekking) return { meldingen };
    const na = { ...dossier!, aanbod: [...dossier!.aanbod, ...intrekking.aanbod] };
    return {
      meldingen,
      schrijf: async (tx, bsn, id) => {
        for (const versie of intrekking.aanbod) await tx.voegAanbodVersieToe(bsn, versie, id);
        for (const versie of intrekking.uren) await tx.voegUrenVersieToe(bsn, versie, id);
      },
      inhoud: { Inburgeringsaanbod: aanbodVanGemeente(na, ctx.caller.gemeente) },
    };
  },
});
