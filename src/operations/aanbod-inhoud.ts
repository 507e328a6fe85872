/**
 * The aanbod as answers carry it (Aanbod_v1.xsd): the Aanbod group with exactly the fields and types
 * of the request, so that a CVS can send back what it read, and beside it the instelling's naam and
 * the gemeente that registered it.
 */
import { aanbodVan, actueelAanbod, type AanbodVersie, type Dossier } from '../domain/dossier.js';
import type { XmlContent } from '../soap/respond.js';

/** The Aanbod group of one version, in the order of the type Aanbod. */
function aanbod(a: AanbodVersie): XmlContent {
  return {
    Instelling: a.instelling,
    DatumInschrijving: a.datumInschrijving,
    DatumStartOpleiding: a.datumStartOpleiding,
    DatumEindeOpleiding: a.datumEindeOpleiding,
    Alfabetisering: a.alfabetisering,
  };
}

/** An AanbodRegistratie: the Aanbod, its instelling's naam and the gemeente that registered it. */
export function aanbodRegistratie(a: AanbodVersie): XmlContent {
  return { Aanbod: aanbod(a), InstellingNaam: a.instellingNaam, Gemeente: a.gemeente };
}

/** An AanbodVersie of the historie: the registration with its version number and whether it withdrew the aanbod. */
export function aanbodVersie(a: AanbodVersie): XmlContent {
  return { Versie: a.versie, Aanbod: aanbod(a), InstellingNaam: a.instellingNaam, Gemeente: a.gemeente, Ingetrokken: a.ingetrokken };
}

/** The Inburgeringsaanbod element of the overview: the current aanbiedingen (PIB 3.6.7.2). */
export function inburgeringsaanbod(d: Dossier): XmlContent {
  return { AanbodRegistratie: actueelAanbod(d).map(aanbodRegistratie) };
}

/**
 * The Inburgeringsaanbod element of an answer to a change: the aanbiedingen of the asking gemeente
 * that are not withdrawn. For the gemeente of the current PIP these are the current aanbiedingen;
 * after a move, the previous gemeente sees its own, which it may still change for 4 weeks.
 */
export function aanbodVanGemeente(d: Dossier, gemeente: string): XmlContent {
  const codes = [...new Set(d.aanbod.filter((a) => a.gemeente === gemeente).map((a) => a.instelling))];
  const lijst = codes.map((code) => aanbodVan(d, gemeente, code)).filter((a): a is AanbodVersie => a !== undefined);
  lijst.sort((a, b) => a.datumInschrijving.localeCompare(b.datumInschrijving) || a.instelling.localeCompare(b.instelling));
  return { AanbodRegistratie: lijst.map(aanbodRegistratie) };
}
