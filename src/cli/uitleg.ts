/** For the command-line tools' messages: an error with its causes, none of which carries the password. */
export function uitleg(err: unknown): string {
  const delen: string[] = [];
  for (let e: unknown = err; e instanceof Error && delen.length < 3; e = e.cause) delen.push(e.message);
  return delen.join(': ') || String(err);
}
