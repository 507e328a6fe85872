/**
 * MAP, PVT and deelgenomen uren as answers carry them (Afronding_v1.xsd, Uren_v1.xsd): the
 * overview shows them, and the operations that change them answer with them as they now are.
 */
import { actuelePip, actueleAfronding, actueleUren, totaalUren, type Dossier } from '../domain/dossier.js';
import type { XmlContent } from '../soap/respond.js';

/** MAP is not part of the Onderwijsroute: VanToepassing false, and no date (the PIB shows NVT). */
export function mapInhoud(d: Dossier): XmlContent {
  const vanToepassing = actuelePip(d)?.leerroute !== 'O';
  const map = vanToepassing ? actueleAfronding(d.map) : undefined;
  return { VanToepassing: vanToepassing, DatumEindgesprek: map?.datum, Gemeente: map?.gemeente };
}

export function pvtInhoud(d: Dossier): XmlContent {
  const pvt = actueleAfronding(d.pvt);
  return { DatumOndertekening: pvt?.datum, Gemeente: pvt?.gemeente };
}

/** The current registration per type uren (and instelling), each its Uren group beside its gemeente, with their total. */
export function urenInhoud(d: Dossier): XmlContent {
  const uren = actueleUren(d);
  return {
    UrenRegistratie: uren.map((u) => ({
      Uren: { TypeUren: u.typeUren, Cursusinstelling: u.instelling, DatumTot: u.datumTot, UrenDeelname: u.aantalUren },
      Gemeente: u.gemeente,
    })),
    TotaalUren: totaalUren(uren),
  };
}
