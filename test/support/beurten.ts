/** Counts the turns of the event loop from now until the returned function is called, which gives the count. */
export function telBeurten(): () => number {
  let beurten = 0;
  let loopt = true;
  const teller = () => {
    if (!loopt) return;
    beurten++;
    setImmediate(teller);
  };
  setImmediate(teller);
  return () => {
    loopt = false;
    return beurten;
  };
}
