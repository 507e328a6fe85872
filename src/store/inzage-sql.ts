/**
 * The inzage trail's search in SQL, the same for both stores (sqlite/, mssql/): the records of one
 * person, message or afnemer in a window of time, one slice at a time in order of (tijdstip,
 * inzage_id), for an AVG request (`npm run inzage`, cli/inzage.ts).
 *
 * A search is read from the index of its leading criterion (the most selective one given: the
 * MessageID, then the person, then the afnemer), each of them on (criterion, tijdstip): the slice
 * after the previous one's last record is a range of that index, read in its order, whatever the
 * length of the trail. The other criteria are checked on the rows the range gives.
 */
import type { InzageCriteria, InzageRegel } from './port.js';
import { bool, type Row } from './rijen.js';

/** Records per slice. */
export const INZAGE_PLAK = 1000;

/** The criteria a search may lead with, each a column with an index on (column, tijdstip). */
export const INZAGE_SLEUTELS = ['message_id', 'bsn_pseudoniem', 'oin'] as const;
export type InzageSleutel = (typeof INZAGE_SLEUTELS)[number];

/** The leading criterion of a search: the first of INZAGE_SLEUTELS it gives. */
export function inzageSleutel(c: InzageCriteria): InzageSleutel {
  if (c.messageId !== undefined) return 'message_id';
  if (c.bsnPseudoniem !== undefined) return 'bsn_pseudoniem';
  if (c.oin !== undefined) return 'oin';
  throw new Error('an inzage search needs a person, a MessageID or an OIN');
}

/**
 * One slice of the search led by `sleutel`: the records with @<sleutel>, the other criteria where
 * given (not NULL), from @na_tijdstip on and before @tot_tijdstip, after the record (@na_tijdstip,
 * @na_id); `eerste` and `limiet` put the slice's size where each dialect wants it (TOP, LIMIT).
 */
export function inzageSpoorSql(sleutel: InzageSleutel, eerste: string, limiet: string): string {
  const overige = INZAGE_SLEUTELS.filter((k) => k !== sleutel).map((k) => `\n   AND (@${k} IS NULL OR ${k} = @${k})`).join('');
  return `SELECT ${eerste}inzage_id, tijdstip, oin, gemeentecode, operatie, bsn_pseudoniem, message_id, verwerkt
  FROM inzage
 WHERE ${sleutel} = @${sleutel}${overige}
   AND tijdstip >= @na_tijdstip AND (tijdstip > @na_tijdstip OR inzage_id > @na_id) AND tijdstip < @tot_tijdstip
 ORDER BY tijdstip, inzage_id${limiet}`;
}

/** Before every moment the trail can hold: the search's upper bound when none is given. */
const EINDE = '9999-12-31T00:00:00.000Z';
/** After no record: the first slice's lower bound when none is given. */
const BEGIN = '1800-01-01T00:00:00.000Z';

/** The parameters of inzageSpoorSql for `c`, the slice after `na` (none: the first). */
export function inzageSpoorParameters(c: InzageCriteria, na: InzageRegel | undefined) {
  return {
    message_id: c.messageId ?? null,
    bsn_pseudoniem: c.bsnPseudoniem ?? null,
    oin: c.oin ?? null,
    na_tijdstip: na ? na.tijdstip : (c.vanaf ?? BEGIN),
    na_id: na ? na.id : 0,
    tot_tijdstip: c.tot ?? EINDE,
  };
}

/** A row of inzageSpoorSql as the port gives it (SQL Server's bigint key comes as a string). */
export function mapInzageRegel(r: Row): InzageRegel {
  return {
    id: Number(r.inzage_id),
    tijdstip: r.tijdstip as string,
    oin: r.oin as string,
    gemeente: r.gemeentecode as string,
    operatie: r.operatie as string,
    ...(r.bsn_pseudoniem ? { bsnPseudoniem: r.bsn_pseudoniem as string } : {}),
    messageId: r.message_id as string,
    verwerkt: bool(r.verwerkt),
  };
}
