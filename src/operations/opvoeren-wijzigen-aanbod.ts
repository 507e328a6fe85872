/**
 * OpvoerenAanbod and WijzigenAanbod, appendix 4.2 d (PIB 3.6.7.1 and 3.6.7.2). The rules are in
 * rules/opvoeren-wijzigen-aanbod.ts; this module reads the groups, looks up the instellingen they
 * name, asks the rules and appends one aanbod version per group in one transaction.
 */
import { isValidBsn } from '../domain/bsn.js';
import { opvoerenAanbod, wijzigenAanbod, type AanbodVerzoek } from '../rules/opvoeren-wijzigen-aanbod.js';
import { lijst, tekst, type XmlObject } from '../soap/xml-object.js';
import { aanbodVanGemeente } from './aanbod-inhoud.js';
import { mutatieVan, type Operation } from './operation.js';

function leesAanbod(body: XmlObject): AanbodVerzoek {
  return {
    bsn: tekst(body, 'Bsn'),
    aanbod: lijst(body, 'Aanbod').map((node) => {
      const g = typeof node === 'string' ? {} : node;
      return {
        instelling: tekst(g, 'Instelling'),
        datumInschrijving: tekst(g, 'DatumInschrijving'),
        datumStartOpleiding: tekst(g, 'DatumStartOpleiding'),
        datumEindeOpleiding: tekst(g, 'DatumEindeOpleiding'),
        alfabetisering: tekst(g, 'Alfabetisering'),
      };
    }),
  };
}

function aanbodOperatie(naam: string, documentatie: string, regels: typeof opvoerenAanbod): Operation<AanbodVerzoek> {
  return {
    naam,
    handeling: 'd',
    documentatie,
    muteert: true,
    leesVerzoek: leesAanbod,
    bsn: (v) => v.bsn,
    verwerk: (v, ctx) =>
      ctx.store.transaction(async (tx) => {
        const dossier = isValidBsn(v.bsn) ? await tx.dossier(v.bsn) : undefined;
        const codes = v.aanbod.map((g) => g.instelling).filter((c): c is string => !!c);
        const instellingen = dossier ? await tx.instellingen(codes) : new Map();
        const besluit = regels(v, dossier, ctx.caller, ctx.today, { instellingen });
        if (!besluit.versies) return { meldingen: besluit.meldingen };
        const mutatieId = await tx.registreerMutatie(mutatieVan(ctx, naam), v.bsn);
        for (const versie of besluit.versies) await tx.voegAanbodVersieToe(v.bsn!, versie, mutatieId);
        const na = { ...dossier!, aanbod: [...dossier!.aanbod, ...besluit.versies] };
        return { meldingen: besluit.meldingen, inhoud: { Inburgeringsaanbod: aanbodVanGemeente(na, ctx.caller.gemeente) } };
      }),
  };
}

export const opvoerenAanbodOperatie = aanbodOperatie(
  'OpvoerenAanbod',
  'Registreert een of meer inburgeringsaanbiedingen van een asielstatushouder, een groep per instelling (PIB 3.6.7.1). Per gemeente en instelling is er één actueel aanbod. Het antwoord bevat het actuele inburgeringsaanbod.',
  opvoerenAanbod,
);
export const wijzigenAanbodOperatie = aanbodOperatie(
  'WijzigenAanbod',
  'Wijzigt het actuele aanbod van de gemeente bij de instelling van elke groep (PIB 3.6.7.2); elke groep bevat het hele aanbod. Na een verhuizing kan de vorige gemeente haar aanbod nog wijzigen zolang de persoon voor haar relevant is (4 weken na het nieuwe PIP).',
  wijzigenAanbod,
);
