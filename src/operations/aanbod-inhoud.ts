/**
 * The aanbod as answers carry it (AanbodGegevens in Aanbod_v1.xsd): the fields of the request with
 * the same names, plus the instelling's naam and the gemeente that registered it.
 */
import { aanbodVan, actueelAanbod, type AanbodVersie, type Dossier } from '../domain/dossier.js';
import type { XmlContent } from '../soap/respond.js';

export function aanbodGegevens(a: AanbodVersie): XmlContent {
  return {
    Instelling: a.instelling,
    InstellingNaam: a.instellingNaam,
    DatumInschrijving: a.datumInschrijving,
    DatumStartOpleiding: a.datumStartOpleiding,
    DatumEindeOpleiding: a.datumEindeOpleiding,
    Alfabetisering: a.alfabetisering,
    Gemeente: a.gemeente,
  };
}

/** The Inburgeringsaanbod element of the overview: the current aanbiedingen (PIB 3.6.7.2). */
export function inburgeringsaanbod(d: Dossier): XmlContent {
  return { Aanbod: actueelAanbod(d).map(aanbodGegevens) };
}

/**
 * The Inburgeringsaanbod element of an answer to a change: the aanbiedingen of the asking gemeente
 * that are not withdrawn. For the gemeente of the current PIP these are the current aanbiedingen;
 * after a move, the previous gemeente sees its own, which it may still change for 4 weeks.
 */
export function aanbodVanGemeente(d: Dossier, gemeente: string): XmlContent {
  const codes = [...new Set(d.aanbod.filter((a) => a.gemeente === gemeente).map((a) => a.instelling))];
  const aanbod = codes.map((code) => aanbodVan(d, gemeente, code)).filter((a): a is AanbodVersie => a !== undefined);
  aanbod.sort((a, b) => a.datumInschrijving.localeCompare(b.datumInschrijving) || a.instelling.localeCompare(b.instelling));
  return { Aanbod: aanbod.map(aanbodGegevens) };
}
