/**
 * OpvoerenAanbod and WijzigenAanbod, appendix 4.2 d (PIB 3.6.7.1 and 3.6.7.2). The rules are in
 * rules/opvoeren-wijzigen-aanbod.ts; this module reads the groups, looks up the instellingen they
 * name, asks the rules and appends one aanbod version per group in one transaction.
 */
import { opvoerenAanbod, wijzigenAanbod, type AanbodVerzoek } from '../rules/opvoeren-wijzigen-aanbod.js';
import { lijst, tekst, type XmlObject } from '../soap/xml-object.js';
import { aanbodVanGemeente } from './aanbod-inhoud.js';
import { persoonMuteren } from './operation.js';

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

function aanbodOperatie(naam: string, documentatie: string, regels: typeof opvoerenAanbod) {
  return persoonMuteren<AanbodVerzoek>({
    naam,
    handeling: 'd',
    documentatie,
    leesVerzoek: leesAanbod,
    async beslis(v, dossier, tx, ctx) {
      const codes = v.aanbod.map((g) => g.instelling).filter((c): c is string => !!c);
      const instellingen = dossier ? await tx.instellingen(codes) : new Map();
      const { meldingen, versies } = regels(v, dossier, ctx.caller, ctx.today, { instellingen });
      if (!versies) return { meldingen };
      const na = { ...dossier!, aanbod: [...dossier!.aanbod, ...versies] };
      return {
        meldingen,
        schrijf: async (tx, bsn, id) => {
          for (const versie of versies) await tx.voegAanbodVersieToe(bsn, versie, id);
        },
        inhoud: { Inburgeringsaanbod: aanbodVanGemeente(na, ctx.caller.gemeente) },
      };
    },
  });
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
