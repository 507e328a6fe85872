/**
 * Loads a dataset file: validates it against the dataset schema (ajv) and a few rules a schema
 * cannot state, resolves relative dates against today and returns it in the Store's terms.
 *
 * An error names the bad entry by its place and label (personen[3] "overleden"), never by a BSN or
 * a name, and stops start-up.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { isValidBsn } from '../domain/bsn.js';
import { isDatum, resolveDatum, type Datum } from '../domain/datum.js';
import type { ContactpersoonGegevens, Dossier, PipVersie, Signaal } from '../domain/dossier.js';
import { AANLEIDING } from '../domain/signalen.js';
import type { Dataset } from '../store/port.js';
import { datasetSchema } from './schema.js';

export class DatasetFout extends Error {
  override readonly name = 'DatasetFout';
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(datasetSchema);

type Json = any;

export function laadDatasetBestand(path: string, today: Datum): Dataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DatasetFout(`dataset ${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DatasetFout(`dataset ${path}: not valid JSON (${(err as Error).message})`);
  }
  return leesDataset(json, today, path);
}

export function leesDataset(json: Json, today: Datum, bron = 'dataset'): Dataset {
  if (!validate(json as unknown)) {
    const lines = (validate.errors ?? []).slice(0, 10).map((e) => `  ${plaats(json, e.instancePath)}: ${uitleg(e)}`);
    throw new DatasetFout(`dataset ${bron} is not valid:\n${lines.join('\n')}`);
  }
  const fouten: string[] = [];
  const datum = (value: string | undefined, waar: string): Datum | undefined => {
    if (value === undefined) return undefined;
    const resolved = resolveDatum(value, today);
    if (!resolved || !isDatum(resolved)) {
      fouten.push(`${waar}: not a real date`);
      return today;
    }
    return resolved;
  };

  const instellingen = new Map<string, string>();
  (json.instellingen as Json[]).forEach((i) => instellingen.set(i.code, i.naam));
  const contactpersonen = new Set<string>();
  ((json.contactpersonen ?? []) as Json[]).forEach((c, i) => {
    const key = `${c.gemeente}|${c.volgnummer}`;
    if (contactpersonen.has(key)) fouten.push(`contactpersonen[${i}]: gemeente and volgnummer used twice`);
    contactpersonen.add(key);
  });

  const bsns = new Set<string>();
  const dossiers = (json.personen as Json[]).map((p, index) => {
    const waar = `personen[${index}] "${p.label}"`;
    if (!isValidBsn(p.bsn)) fouten.push(`${waar}: bsn fails the elfproef`);
    if (bsns.has(p.bsn)) fouten.push(`${waar}: bsn is used by an earlier entry`);
    bsns.add(p.bsn);
    if (p.inburgeringsplicht && !p.doelgroep) fouten.push(`${waar}: an inburgeringsplichtige needs a doelgroep`);
    const d = (field: string, value: string | undefined) => datum(value, `${waar} ${field}`);
    /**
     * A signaal's occasion as the store keeps it (domain/signalen.ts AANLEIDING): the date of
     * "verhuizing-…" and "start-…" resolved, "pip-n" only when PIP entry n starts a PIP.
     */
    const leesAanleiding = (value: string, pip: readonly PipVersie[], field: string): string => {
      const m = /^(verhuizing|start)-(.+)$/.exec(value);
      if (m) {
        const opDatum = d(field, m[2]);
        return m[1] === 'verhuizing' ? AANLEIDING.verhuizing(opDatum!) : AANLEIDING.start(opDatum!);
      }
      const versie = Number(value.slice('pip-'.length));
      if (!pip[versie - 1]?.initieel) fouten.push(`${waar} ${field}: pip[${versie - 1}] is not an entry that starts a PIP`);
      return AANLEIDING.pip(versie);
    };

    let initieel: PipVersie | undefined;
    const pip: PipVersie[] = ((p.pip ?? []) as Json[]).map((v, i) => {
      const dagtekening = d(`pip[${i}].datumDagtekening`, v.datumDagtekening)!;
      const nieuw = i === 0 || v.nieuwPip === true;
      const versie: PipVersie = {
        versie: i + 1,
        initieel: nieuw,
        gemeente: v.gemeente,
        datumDagtekeningInitieel:
          d(`pip[${i}].datumDagtekeningInitieel`, v.datumDagtekeningInitieel) ??
          (nieuw ? dagtekening : initieel!.datumDagtekeningInitieel),
        datumDagtekening: dagtekening,
        datumRegistratie: d(`pip[${i}].datumRegistratie`, v.datumRegistratie)!,
        leerroute: v.leerroute,
        niveau: v.niveau,
        alfabetisering: v.alfabetisering,
        geschatteUren: v.geschatteUren,
        geschatteUrenResterend: v.geschatteUrenResterend,
        toestemming: v.toestemming === true,
        contactVolgnummer: v.contactVolgnummer,
        ingetrokken: false,
      };
      if (nieuw) initieel = versie;
      return versie;
    });
    // A withdrawn PIP is withdrawn as a whole: every version from its initial one on.
    ((p.pip ?? []) as Json[]).forEach((v, i) => {
      if (v.ingetrokken !== true) return;
      let start = i;
      while (start > 0 && !pip[start]!.initieel) start--;
      let end = start + 1;
      while (end < pip.length && !pip[end]!.initieel) end++;
      for (let k = start; k < end; k++) pip[k]!.ingetrokken = true;
    });

    const aanbod = ((p.aanbod ?? []) as Json[]).map((a, i) => {
      const naam = instellingen.get(a.instelling);
      if (!naam) fouten.push(`${waar} aanbod[${i}]: unknown instelling`);
      return {
        versie: i + 1,
        instelling: a.instelling,
        instellingNaam: naam ?? '',
        gemeente: a.gemeente,
        datumInschrijving: d(`aanbod[${i}].datumInschrijving`, a.datumInschrijving)!,
        datumStartOpleiding: d(`aanbod[${i}].datumStartOpleiding`, a.datumStartOpleiding),
        datumEindeOpleiding: d(`aanbod[${i}].datumEindeOpleiding`, a.datumEindeOpleiding),
        alfabetisering: a.alfabetisering,
        ingetrokken: a.ingetrokken === true,
      };
    });
    const uren = ((p.uren ?? []) as Json[]).map((u, i) => {
      const perInstelling = ['6', '8', '9'].includes(u.typeUren);
      if (perInstelling && !instellingen.has(u.instelling)) fouten.push(`${waar} uren[${i}]: type ${u.typeUren} needs a known instelling`);
      if (!perInstelling && u.instelling !== undefined) fouten.push(`${waar} uren[${i}]: type ${u.typeUren} has no instelling`);
      return {
        versie: i + 1,
        typeUren: u.typeUren,
        instelling: u.instelling,
        datumTot: d(`uren[${i}].datumTot`, u.datumTot)!,
        aantalUren: u.aantalUren,
        gemeente: u.gemeente,
      };
    });
    const koppelingen = ((p.contactpersoon ?? []) as Json[]).map((k, i) => {
      if (!contactpersonen.has(`${k.gemeente}|${k.volgnummer}`)) fouten.push(`${waar} contactpersoon[${i}]: unknown contactpersoon`);
      const datumKoppeling = d(`contactpersoon[${i}].datumKoppeling`, k.datumKoppeling);
      if (datumKoppeling !== undefined && datumKoppeling > today) fouten.push(`${waar} contactpersoon[${i}]: datumKoppeling lies after today`);
      return { gemeente: k.gemeente as string, volgnummer: k.volgnummer as number, ...(datumKoppeling !== undefined ? { datumKoppeling } : {}) };
    });
    const signalen: Signaal[] = ((p.signalen ?? []) as Json[]).map((s, i) => {
      const datum = d(`signalen[${i}].datum`, s.datum)!;
      const datumStatus = d(`signalen[${i}].datumStatus`, s.datumStatus);
      if (datumStatus !== undefined && datumStatus < datum) fouten.push(`${waar} signalen[${i}]: datumStatus lies before datum`);
      if (datumStatus !== undefined && datumStatus > today) fouten.push(`${waar} signalen[${i}]: datumStatus lies after today`);
      const aanleiding = s.aanleiding === undefined ? undefined : leesAanleiding(s.aanleiding, pip, `signalen[${i}].aanleiding`);
      return {
        id: i + 1,
        gemeente: s.gemeente,
        code: s.code,
        datum,
        status: s.status,
        ...(datumStatus !== undefined ? { datumStatus } : {}),
        ...(aanleiding !== undefined ? { aanleiding } : {}),
      };
    });
    const gezien = new Set<string>();
    signalen.forEach((s, i) => {
      if (s.aanleiding === undefined) return;
      const sleutel = `${s.gemeente}|${s.code}|${s.aanleiding}`;
      if (gezien.has(sleutel)) fouten.push(`${waar} signalen[${i}]: gemeente, code and aanleiding used by an earlier signaal`);
      gezien.add(sleutel);
    });

    const t = p.leerbaarheidstoets;
    const dossier: Dossier = {
      persoon: {
        bsn: p.bsn,
        voornamen: p.voornamen,
        achternaam: p.achternaam,
        geboortedatum: d('geboortedatum', p.geboortedatum)!,
        wet: p.wet,
        woongemeente: p.woongemeente,
        woontInAzc: p.woontInAzc === true,
        coaGemeente: p.coaGemeente,
        overlijdensdatum: d('overlijdensdatum', p.overlijdensdatum),
        doelgroep: p.doelgroep,
        verblijfsdoelGewijzigd: p.verblijfsdoelGewijzigd?.omschrijving,
        datumWijzigingVerblijfsdoel: d('verblijfsdoelGewijzigd.datum', p.verblijfsdoelGewijzigd?.datum),
        datumStartPlicht: d('inburgeringsplicht.datumStart', p.inburgeringsplicht?.datumStart),
        datumEindePlicht: d('inburgeringsplicht.datumEinde', p.inburgeringsplicht?.datumEinde),
        redenEindePlicht: p.inburgeringsplicht?.redenEinde,
        datumStartTermijnPip: d('datumStartTermijnPip', p.datumStartTermijnPip),
        datumEindeTermijnGewijzigd: d('termijnWijziging.datumEinde', p.termijnWijziging?.datumEinde),
        redenWijzigingTermijn: p.termijnWijziging?.reden,
        datumWijzigingTermijn: d('termijnWijziging.datum', p.termijnWijziging?.datum),
        pvtPlichtVoldaan: p.pvtPlichtVoldaan === true,
        ...(p.verhuizing ? { verhuizing: { van: p.verhuizing.van, naar: p.verhuizing.naar, datum: d('verhuizing.datum', p.verhuizing.datum)! } } : {}),
      },
      ...(t
        ? {
            leerbaarheidstoets: {
              examennummer: t.examennummer,
              gemeente: t.gemeente,
              datumAanmelding: d('leerbaarheidstoets.datumAanmelding', t.datumAanmelding),
              datumStartPeriode: d('leerbaarheidstoets.datumStartPeriode', t.datumStartPeriode),
              datumEindePeriode: d('leerbaarheidstoets.datumEindePeriode', t.datumEindePeriode),
              datumToetsafname: d('leerbaarheidstoets.datumToetsafname', t.datumToetsafname),
              maximumScore: t.maximumScore,
              behaaldeScore: t.behaaldeScore,
              benodigdeScore: t.benodigdeScore,
              resultaat: t.resultaat,
              ontheven: t.ontheven === true,
            },
          }
        : {}),
      examens: ((p.examens ?? []) as Json[]).map((e, i) => ({
        onderdeel: e.onderdeel,
        niveau: e.niveau,
        datumExamen: d(`examens[${i}].datumExamen`, e.datumExamen),
        gratisPogingenOver: e.gratisPogingenOver,
        status: e.status,
      })),
      aanvragen: ((p.aanvragen ?? []) as Json[]).map((a, i) => ({
        typeVerzoek: a.typeVerzoek,
        toelichting: a.toelichting,
        status: a.status,
        datumOntvangst: d(`aanvragen[${i}].datumOntvangst`, a.datumOntvangst)!,
        datumBesluit: d(`aanvragen[${i}].datumBesluit`, a.datumBesluit),
      })),
      pip,
      aanbod,
      map: ((p.map ?? []) as Json[]).map((m, i) => ({
        versie: i + 1,
        gemeente: m.gemeente,
        datum: d(`map[${i}].datumEindgesprek`, m.datumEindgesprek),
      })),
      pvt: ((p.pvt ?? []) as Json[]).map((m, i) => ({
        versie: i + 1,
        gemeente: m.gemeente,
        datum: d(`pvt[${i}].datumOndertekening`, m.datumOndertekening),
      })),
      uren,
      contactpersonen: [],
      signalen,
    };
    return { dossier, koppelingen };
  });

  if (fouten.length > 0) throw new DatasetFout(`dataset ${bron} is not valid:\n${fouten.slice(0, 10).map((f) => `  ${f}`).join('\n')}`);

  return {
    afnemers: (json.afnemers as Json[]).flatMap((a) =>
      (a.gemeenten as Json[]).map((g) => ({ oin: a.oin as string, gemeente: g.gemeente as string, rol: g.rol, naam: a.naam as string })),
    ),
    instellingen: json.instellingen,
    contactpersonen: ((json.contactpersonen ?? []) as Json[]).map((c) => ({ ...c, algemeen: c.algemeen === true })) as ContactpersoonGegevens[],
    dossiers,
  };
}

/** "personen[3] "label" /geboortedatum" for an ajv instance path. */
export function plaats(json: Json, instancePath: string): string {
  const parts = instancePath.split('/').slice(1);
  if (parts.length === 0) return 'the file';
  if (parts[0] === 'personen' && parts[1] !== undefined) {
    const label = json?.personen?.[Number(parts[1])]?.label;
    const rest = parts.slice(2).join('/');
    return `personen[${parts[1]}]${typeof label === 'string' ? ` "${label}"` : ''}${rest ? ` /${rest}` : ''}`;
  }
  return `${parts[0]}${parts[1] !== undefined ? `[${parts[1]}]` : ''}${parts.length > 2 ? ` /${parts.slice(2).join('/')}` : ''}`;
}

/** ajv's message, without the offending value (it may be a BSN or a name). */
export function uitleg(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum') return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return e.message ?? e.keyword;
}
