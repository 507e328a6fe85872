/**
 * OpvoerenPip and WijzigenPip, appendix 4.2 b (PIB 3.6.6.1 and 3.6.6.2). The rules are in
 * rules/opvoeren-wijzigen-pip.ts; this module loads, asks them and stores the new version in the
 * same transaction, so that concurrent changes of one person follow each other and none is lost.
 */
import { isValidBsn } from '../domain/bsn.js';
import { actuelePipVersies } from '../domain/dossier.js';
import { GRENZEN } from '../domain/grenzen.js';
import { opvoerenPip, wijzigenPip, type PipVerzoek } from '../rules/opvoeren-wijzigen-pip.js';
import { geheelGetal } from '../rules/velden.js';
import { tekst, type XmlObject } from '../soap/xml-object.js';
import { mutatieVan, type Operation } from './operation.js';
import { pipInhoud } from './pip-inhoud.js';

function leesPip(body: XmlObject): PipVerzoek {
  return {
    bsn: tekst(body, 'Bsn'),
    datumDagtekeningInitielePip: tekst(body, 'DatumDagtekeningInitielePip'),
    datumDagtekeningPip: tekst(body, 'DatumDagtekeningPip'),
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
function pipOperatie(naam: string, documentatie: string, regels: typeof opvoerenPip): Operation<PipVerzoek> {
  return {
    naam,
    handeling: 'b',
    documentatie,
    muteert: true,
    leesVerzoek: leesPip,
    bsn: (v) => v.bsn,
    verwerk: (v, ctx) =>
      ctx.store.transaction(async (tx) => {
        const dossier = isValidBsn(v.bsn) ? await tx.dossier(v.bsn) : undefined;
        const volgnummer = v.contactVolgnummer ? geheelGetal(v.contactVolgnummer, GRENZEN.contactVolgnummer) : undefined;
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

export const opvoerenPipOperatie = pipOperatie(
  'OpvoerenPip',
  'Geeft het initiële PIP van een inburgeringsplichtige door (PIB 3.6.6.1). Het antwoord bevat het PIP zoals het nu is.',
  opvoerenPip,
);
export const wijzigenPipOperatie = pipOperatie(
  'WijzigenPip',
  'Geeft een nieuwe versie van het actuele PIP door, ook van het PIP van de vorige gemeente na een verhuizing (PIB 3.6.6.2). Het verzoek bevat het hele PIP: een weggelaten veld is leeg.',
  wijzigenPip,
);
