/**
 * Datasets of any size, for measuring at DUO's scale (`npm run dataset`, bench/): the fixture
 * dataset's persons copied under new BSNs, each copy with the dates of its original (a dataset's
 * dates are relative to the day it is loaded), its signalen and its link to a contactpersoon.
 */
import { isValidBsn } from '../domain/bsn.js';

/** A dataset file as JSON (dataset/schema.ts): what a copy needs of it. */
export interface DatasetJson {
  personen: Array<Record<string, unknown>>;
  [deel: string]: unknown;
}

/**
 * BSNs that pass the elfproef and are not in `bezet`, from the 8-digit stem `stam` upwards (one per
 * stem, the first check digit that passes). Each source of its own stem range never meets another.
 */
export function bsnBron(bezet: ReadonlySet<string>, stam: number, tot = 99_999_999): () => string {
  return () => {
    for (; stam <= tot; stam++) {
      for (let check = 0; check < 10; check++) {
        const bsn = `${String(stam).padStart(8, '0')}${check}`;
        if (isValidBsn(bsn) && !bezet.has(bsn)) {
          stam++;
          return bsn;
        }
      }
    }
    throw new Error('no BSNs left in the range');
  };
}

/**
 * Adds `aantal` copies of `origineel` to `dataset` under BSNs from `nieuweBsn`, each labelled
 * `<prefix>-<n>`, with `extra` of each copy laid over it. Returns the new BSNs in order.
 */
export function kopieer(
  dataset: DatasetJson,
  origineel: Record<string, unknown>,
  aantal: number,
  nieuweBsn: () => string,
  prefix: string,
  extra: (i: number) => Record<string, unknown> = () => ({}),
): string[] {
  return Array.from({ length: aantal }, (_, i) => {
    const bsn = nieuweBsn();
    dataset.personen.push({ ...origineel, label: `${prefix}-${i + 1}`, bsn, ...extra(i) });
    return bsn;
  });
}

/**
 * The fixture dataset with `personen` persons more: copies of each of its persons in turn, so that
 * the store holds every kind of dossier the fixtures have, in their proportions.
 */
export function vergroot(dataset: DatasetJson, personen: number): DatasetJson {
  const originelen = [...dataset.personen];
  const bron = bsnBron(new Set(originelen.map((p) => String(p.bsn))), 20_000_000, 89_999_999);
  const uit: DatasetJson = { ...dataset, personen: [...originelen] };
  for (let i = 0; i < personen; i++) {
    const origineel = originelen[i % originelen.length]!;
    kopieer(uit, { ...origineel, toelichting: `A copy of ${String(origineel.label)} (npm run dataset).` }, 1, bron, `kopie-${i + 1}`);
  }
  return uit;
}
