/**
 * OpvoerenPip and WijzigenPip, appendix 4.2 b (PIB 3.6.6.1 and 3.6.6.2). The rules are in
 * rules/pip.ts; this module loads, asks them and stores the new version in the same transaction,
 * so that concurrent changes of one person follow each other and none is lost.
 */
import { isValidBsn } from '../domain/bsn.js';
import { actuelePipVersies } from '../domain/dossier.js';
import { geheelGetal, opvoerenPip, wijzigenPip, type PipVerzoek } from '../rules/pip.js';
import { mutatieVan, type Operation, type OperationContext, type Uitkomst } from './operation.js';
import { pipInhoud } from './opvragen-persoon.js';
import { tekst, type XmlObject } from './xml-object.js';

function leesPip(body: XmlObject): PipVerzoek {
  return {
    bsn: tekst(body, 'Bsn'),
    datumDagtekeningInitielePip: tekst(body, 'DatumDagtekeningInitielePip'),
    datumDagtekening: tekst(body, 'DatumDagtekening'),
    leerroute: tekst(body, 'Leerroute'),
    niveau: tekst(body, 'Niveau'),
    alfabetisering: tekst(body, 'Alfabetisering'),
    geschatteUrenIntensiteit: tekst(body, 'GeschatteUrenIntensiteit'),
    geschatteUrenResterend: tekst(body, 'GeschatteUrenResterend'),
    toestemming: tekst(body, 'ToestemmingNietVrijstellendeOpleiding'),
    contactVolgnummer: tekst(body, 'ContactVolgnummer'),
  };
}

/** One operation per PIP handeling of 4.2 b: load, ask `regels`, store the new version in the same transaction. */
function pipOperatie(naam: string, regels: typeof opvoerenPip): Operation<PipVerzoek> {
  return {
    naam,
    handeling: 'b',
    muteert: true,
    leesVerzoek: leesPip,
    bsn: (v) => v.bsn,
    verwerk: (v: PipVerzoek, ctx: OperationContext): Promise<Uitkomst> =>
      ctx.store.transaction(async (tx) => {
        const dossier = isValidBsn(v.bsn) ? await tx.dossier(v.bsn) : undefined;
        const volgnummer = v.contactVolgnummer ? geheelGetal(v.contactVolgnummer, 1) : undefined;
        const contactpersoonBestaat = volgnummer !== undefined && (await tx.contactpersoon(ctx.caller.gemeente, volgnummer)) !== undefined;
        const besluit = regels(v, dossier, ctx.caller, ctx.today, { contactpersoonBestaat });
        if (!besluit.versie) return { meldingen: besluit.meldingen };
        const mutatieId = await tx.registreerMutatie(mutatieVan(ctx, naam), v.bsn);
        await tx.voegPipVersieToe(v.bsn!, besluit.versie, mutatieId);
        const na = actuelePipVersies({ ...dossier!, pip: [...dossier!.pip, besluit.versie] });
        return { meldingen: besluit.meldingen, inhoud: { Pip: pipInhoud(na, ctx.today) } };
      }),
  };
}

export const opvoerenPipOperatie = pipOperatie('OpvoerenPip', opvoerenPip);
export const wijzigenPipOperatie = pipOperatie('WijzigenPip', wijzigenPip);
