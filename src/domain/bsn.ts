/**
 * FS 603 "BSN is ongeldig": nine digits that pass the elfproef (weights 9..2 and -1 for the
 * last digit, the sum divisible by 11). 000000000 passes the arithmetic and is refused.
 */
export function isValidBsn(value: string | undefined): value is string {
  if (value === undefined || !/^\d{9}$/.test(value)) return false;
  if (value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * (9 - i);
  sum -= Number(value[8]);
  return sum % 11 === 0;
}
