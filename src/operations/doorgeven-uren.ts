/**
 * DoorgevenUren, appendix 4.2 h (PIB 3.6.10.1): the new total of one type uren (for types 6, 8
 * and 9 at one instelling) up to DatumTot. One registration per request: the meldingen of 4.2 h
 * name no group, so a request with several could not say which one a melding is about. Every
 * registration is kept; the latest per type and instelling counts.
 */
import { isValidBsn } from '../domain/bsn.js';
import { doorgevenUren, type UrenVerzoek } from '../rules/doorgeven-uren.js';
import { tekst } from '../soap/xml-object.js';
import { mutatieVan, type Operation } from './operation.js';
import { urenInhoud } from './traject-inhoud.js';

export const doorgevenUrenOperatie: Operation<UrenVerzoek> = {
  naam: 'DoorgevenUren',
  handeling: 'h',
  documentatie:
    'Registreert het nieuwe totaal aantal deelgenomen uren van één type uren tot en met DatumTot (PIB 3.6.10.1): 2, 3 en 4 bij de gemeente, 6, 8 en 9 bij een instelling waar de gemeente een aanbod heeft. Eén registratie per verzoek; de laatste per type en instelling telt.',
  muteert: true,
  leesVerzoek: (body) => ({
    bsn: tekst(body, 'Bsn'),
    typeUren: tekst(body, 'TypeUren'),
    cursusinstelling: tekst(body, 'Cursusinstelling'),
    datumTot: tekst(body, 'DatumTot'),
    urenDeelname: tekst(body, 'UrenDeelname'),
  }),
  bsn: (v) => v.bsn,
  verwerk: (v, ctx) =>
    ctx.store.transaction(async (tx) => {
      const dossier = isValidBsn(v.bsn) ? await tx.dossier(v.bsn) : undefined;
      const instellingen = dossier && v.cursusinstelling ? await tx.instellingen([v.cursusinstelling]) : new Map();
      const besluit = doorgevenUren(v, dossier, ctx.caller, ctx.today, instellingen);
      if (!besluit.versie) return { meldingen: besluit.meldingen };
      const mutatieId = await tx.registreerMutatie(mutatieVan(ctx, 'DoorgevenUren'), v.bsn);
      await tx.voegUrenVersieToe(v.bsn!, besluit.versie, mutatieId);
      return { meldingen: besluit.meldingen, inhoud: { DeelgenomenUren: urenInhoud({ ...dossier!, uren: [...dossier!.uren, besluit.versie] }) } };
    }),
};
