/**
 * The aanbod as answers carry it (AanbodGegevens in Aanbod_v1.xsd): the fields of the request with
 * the same names, plus the instelling's naam and the gemeente that registered it.
 */
import { actueelAanbod, type AanbodVersie, type Dossier } from '../domain/dossier.js';
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

/** The Inburgeringsaanbod element: the current aanbiedingen (PIB 3.6.7.2). */
export function inburgeringsaanbod(d: Dossier): XmlContent {
  return { Aanbod: actueelAanbod(d).map(aanbodGegevens) };
}
