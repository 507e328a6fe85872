/**
 * The checks every handeling that takes a BSN starts with, in the order of docs/design.md
 * "Order of checks":
 *
 *   1. FS 603 BSN format, stop on failure;
 *   2. person preconditions, the first failure stops: FS 642 not in ISI, FS 636 not under Wi2021,
 *      FS 617 not relevant for this gemeente, FS 602 overleden (for a read: AS 602 and go on),
 *      FS 655 not inburgeringsplichtig, FS 674 plicht ingetrokken more than a month ago,
 *      FS 675 plicht voldaan.
 *
 * Only the checks whose row appendix 4.2 lists for the handeling apply.
 */
import { bijlage42, isFout, melding, type EnigeMeldingKey, type Handeling, type Invulling, type Melding, type MeldingKey } from '../meldingen/catalogus.js';
import { isValidBsn } from '../domain/bsn.js';
import { addDays, addMonths, type Datum } from '../domain/datum.js';
import type { Caller } from '../domain/caller.js';
import { actuelePipVersies, REDEN_VOLDAAN, type Dossier } from '../domain/dossier.js';

/** Whether the section of `h` holds the row `key` (a key no section holds fails the type check). */
function heeft(h: Handeling, key: EnigeMeldingKey): boolean {
  return key in bijlage42[h].meldingen;
}

/** The row `key` of the section of `h`, filled. */
function rij<H extends Handeling>(h: H, key: EnigeMeldingKey, invulling?: Invulling): Melding {
  return melding(h, key as MeldingKey<H>, invulling);
}

/** FS 603: nine digits, elfproef, not 000000000. */
export function controleerBsn(h: Handeling, bsn: string | undefined): Melding | undefined {
  return isValidBsn(bsn) ? undefined : rij(h, 'bsnOngeldig', { veld: 'Bsn' });
}

/**
 * FS 617 follows DUO: the person lives in the gemeente (and not at a COA location), or COA linked
 * the person to it, or the current PIP is the gemeente's, or the gemeente gave the previous
 * version of the current PIP and the new gemeente's version is less than 4 weeks old (PIB
 * 3.6.6.2: the old gemeente keeps access for 4 weeks after the dagtekening of the new PIP).
 */
export function isRelevantVoorGemeente(d: Dossier, gemeente: string, today: Datum): boolean {
  const p = d.persoon;
  if (p.woongemeente === gemeente && !p.woontInAzc) return true;
  if (p.coaGemeente === gemeente) return true;
  const versies = actuelePipVersies(d);
  const huidige = versies[versies.length - 1];
  if (!huidige) return false;
  if (huidige.gemeente === gemeente) return true;
  let overname = versies.length - 1;
  while (overname > 0 && versies[overname - 1]!.gemeente === huidige.gemeente) overname--;
  const vorige = versies[overname - 1];
  return vorige?.gemeente === gemeente && today < addDays(versies[overname]!.datumDagtekening, 28);
}

/**
 * Step 2 of docs/design.md "Order of checks". Returns the meldingen; the caller stops when one of
 * them is an FS. A read
 * (appendix 4.2 a) lists overlijden as AS 602: that melding is given and the checks go on.
 */
export function controleerPersoon(h: Handeling, dossier: Dossier | undefined, gemeente: string, today: Datum): Melding[] {
  if (!dossier) return [rij(h, 'nietInIsi')];
  const p = dossier.persoon;
  if (p.wet !== 'WI2021' && heeft(h, 'nietWi2021')) return [rij(h, 'nietWi2021')];
  if (heeft(h, 'nietRelevant') && !isRelevantVoorGemeente(dossier, gemeente, today)) return [rij(h, 'nietRelevant')];

  const meldingen: Melding[] = [];
  if (p.overlijdensdatum && heeft(h, 'overleden')) {
    const m = rij(h, 'overleden');
    meldingen.push(m);
    if (m.soort === 'FS') return meldingen;
  }
  if (!p.datumStartPlicht && heeft(h, 'nietInburgeringsplichtig')) return [...meldingen, rij(h, 'nietInburgeringsplichtig')];

  const beeindigd = p.datumEindePlicht !== undefined && p.datumEindePlicht <= today;
  if (beeindigd && p.redenEindePlicht !== REDEN_VOLDAAN && heeft(h, 'plichtIngetrokken')) {
    // "More than a month ago": the end lies before the day one month before today.
    if (p.datumEindePlicht! < addMonths(today, -1)) return [...meldingen, rij(h, 'plichtIngetrokken')];
  }
  if (beeindigd && p.redenEindePlicht === REDEN_VOLDAAN && heeft(h, 'plichtVoldaan')) {
    return [...meldingen, rij(h, 'plichtVoldaan')];
  }
  return meldingen;
}

/**
 * Steps 1 and 2 together, for every handeling that takes a BSN: the meldingen so far, and the
 * dossier when the checks may go on (undefined after an FS). `dossier` is what the store holds for
 * the BSN; the operation reads it only when the BSN is valid.
 */
export function voorwaarden(
  h: Handeling,
  bsn: string | undefined,
  dossier: Dossier | undefined,
  caller: Caller,
  today: Datum,
): { meldingen: Melding[]; dossier?: Dossier } {
  const bsnFout = controleerBsn(h, bsn);
  if (bsnFout) return { meldingen: [bsnFout] };
  const meldingen = controleerPersoon(h, dossier, caller.gemeente, today);
  return meldingen.some(isFout) ? { meldingen } : { meldingen, dossier: dossier! };
}
