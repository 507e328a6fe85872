/**
 * DoorgevenUren, appendix 4.2 h (PIB 3.6.10.1): the new total of one type uren (for types 6, 8
 * and 9 at one instelling) up to DatumTot. One registration per request: the meldingen of 4.2 h
 * name no group, so a request with several could not say which one a melding is about. Every
 * registration is kept; the latest per type and instelling counts.
 */
import { doorgevenUren, type UrenVerzoek } from '../rules/doorgeven-uren.js';
import { groep, tekst } from '../soap/xml-object.js';
import { persoonMuteren } from './operation.js';
import { urenInhoud } from './traject-inhoud.js';

export const doorgevenUrenOperatie = persoonMuteren<UrenVerzoek>({
  naam: 'DoorgevenUren',
  handeling: 'h',
  documentatie:
    'Registreert het nieuwe totaal aantal deelgenomen uren van één type uren tot en met DatumTot (PIB 3.6.10.1): 2, 3 en 4 bij de gemeente, 6, 8 en 9 bij een instelling waar de gemeente een aanbod heeft. Eén registratie per verzoek; de laatste per type en instelling telt.',
  leesVerzoek: (body) => {
    const uren = groep(body, 'Uren');
    return {
      bsn: tekst(body, 'Bsn'),
      typeUren: tekst(uren, 'TypeUren'),
      cursusinstelling: tekst(uren, 'Cursusinstelling'),
      datumTot: tekst(uren, 'DatumTot'),
      urenDeelname: tekst(uren, 'UrenDeelname'),
    };
  },
  async beslis(v, dossier, tx, ctx) {
    const instellingen = dossier && v.cursusinstelling ? await tx.instellingen([v.cursusinstelling]) : new Map();
    const { meldingen, versie } = doorgevenUren(v, dossier, ctx.caller, ctx.today, instellingen);
    if (!versie) return { meldingen };
    return {
      meldingen,
      schrijf: (tx, bsn, id) => tx.voegUrenVersieToe(bsn, versie, id),
      inhoud: { DeelgenomenUren: urenInhoud({ ...dossier!, uren: [...dossier!.uren, versie] }) },
    };
  },
});
