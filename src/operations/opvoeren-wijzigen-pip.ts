/**
 * OpvoerenPip and WijzigenPip, appendix 4.2 b (PIB 3.6.6.1 and 3.6.6.2). The rules are in
 * rules/opvoeren-wijzigen-pip.ts; this module looks up the contactpersoon, asks them and stores
 * the new version.
 */
import { actuelePipVersies } from '../domain/dossier.js';
import { GRENZEN } from '../domain/grenzen.js';
import { opvoerenPip, wijzigenPip, type PipVerzoek } from '../rules/opvoeren-wijzigen-pip.js';
import { geheelGetal } from '../rules/velden.js';
import { groep, tekst, type XmlObject } from '../soap/xml-object.js';
import { persoonMuteren } from './operation.js';
import { pipRegistratie } from './pip-inhoud.js';

/** Bsn beside the Pip group, whose fields are those an answer's Pip has. */
function leesPip(body: XmlObject): PipVerzoek {
  const pip = groep(body, 'Pip');
  return {
    bsn: tekst(body, 'Bsn'),
    datumDagtekeningInitielePip: tekst(pip, 'DatumDagtekeningInitielePip'),
    datumDagtekeningPip: tekst(pip, 'DatumDagtekeningPip'),
    leerroute: tekst(pip, 'Leerroute'),
    niveau: tekst(pip, 'Niveau'),
    alfabetisering: tekst(pip, 'Alfabetisering'),
    geschatteUrenIntensiteit: tekst(pip, 'GeschatteUrenIntensiteit'),
    geschatteUrenResterend: tekst(pip, 'GeschatteUrenResterend'),
    toestemming: tekst(pip, 'ToestemmingNietVrijstellendeOpleiding'),
    contactVolgnummer: tekst(pip, 'ContactVolgnummer'),
  };
}

function pipOperatie(naam: string, documentatie: string, regels: typeof opvoerenPip) {
  return persoonMuteren<PipVerzoek>({
    naam,
    handeling: 'b',
    documentatie,
    leesVerzoek: leesPip,
    async beslis(v, dossier, tx, ctx) {
      const volgnummer = v.contactVolgnummer ? geheelGetal(v.contactVolgnummer, GRENZEN.contactVolgnummer) : undefined;
      const contactpersoonBestaat = volgnummer !== undefined && (await tx.contactpersoon(ctx.caller.gemeente, volgnummer)) !== undefined;
      const { meldingen, versie } = regels(v, dossier, ctx.caller, ctx.today, { contactpersoonBestaat });
      if (!versie) return { meldingen };
      const na = actuelePipVersies({ ...dossier!, pip: [...dossier!.pip, versie] });
      return { meldingen, schrijf: (tx, bsn, id) => tx.voegPipVersieToe(bsn, versie, id), inhoud: { PipRegistratie: pipRegistratie(na, ctx.today) } };
    },
  });
}

export const opvoerenPipOperatie = pipOperatie(
  'OpvoerenPip',
  'Geeft het initiële PIP van een inburgeringsplichtige door (PIB 3.6.6.1). Het antwoord bevat het PIP zoals het nu is.',
  opvoerenPip,
);
export const wijzigenPipOperatie = pipOperatie(
  'WijzigenPip',
  'Geeft een nieuwe versie van het actuele PIP door, ook van het PIP van de vorige gemeente na een verhuizing (PIB 3.6.6.2). Het verzoek bevat het hele PIP: een weggelaten veld is leeg. Het Pip uit een antwoord kan ongewijzigd worden teruggestuurd.',
  wijzigenPip,
);
