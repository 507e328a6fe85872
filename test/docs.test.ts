/**
 * docs/integrators.md quotes the examples the interop tests run: every code block it introduces
 * with `<!-- snippet: <file>#<name> -->` is that file's region between `[snippet:<name>]` and
 * `[/snippet]`, word for word (less the region's common indentation), and every region of those
 * files is quoted. So a change of the contract that breaks an example fails its interop test, and
 * a change of an example that the documentation does not follow fails here.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';

const VOORBEELDEN = [
  'test/interop/java/Voorbeeld.java',
  'test/interop/dotnet/Voorbeeld.cs',
  'test/interop/php/voorbeeld.php',
  'test/interop/python/voorbeeld.py',
  'test/interop/node/voorbeeld.mjs',
];

/** The regions of a file by name, each without the indentation its lines share. */
function regions(file: string): Map<string, string> {
  const out = new Map<string, string>();
  let naam: string | undefined;
  let regels: string[] = [];
  for (const regel of readFileSync(`${ROOT}${file}`, 'utf8').split('\n')) {
    const begin = /\[snippet:([\w-]+)\]\s*$/.exec(regel);
    if (begin) {
      expect(naam, `${file}: region ${begin[1]} inside ${naam}`).to.equal(undefined);
      naam = begin[1]!;
      regels = [];
    } else if (/\[\/snippet\]\s*$/.test(regel)) {
      expect(naam, `${file}: an end without a start`).not.to.equal(undefined);
      const inspringing = Math.min(...regels.filter((r) => r.trim() !== '').map((r) => r.length - r.trimStart().length));
      out.set(naam!, regels.map((r) => r.slice(inspringing)).join('\n'));
      naam = undefined;
    } else if (naam !== undefined) {
      regels.push(regel);
    }
  }
  expect(naam, `${file}: region ${naam} has no end`).to.equal(undefined);
  return out;
}

describe('docs/integrators.md', () => {
  const doc = readFileSync(`${ROOT}docs/integrators.md`, 'utf8');
  const citaten = [...doc.matchAll(/<!-- snippet: (\S+)#([\w-]+) -->\n```\w*\n([^]*?)\n```/g)].map((m) => ({ file: m[1]!, naam: m[2]!, tekst: m[3]! }));

  it('quotes each marked region of the examples word for word', () => {
    expect(citaten.length).to.be.greaterThan(0);
    for (const { file, naam, tekst } of citaten) {
      expect(VOORBEELDEN, file).to.include(file);
      const bron = regions(file).get(naam);
      expect(bron, `${file}#${naam} is no region of the file`).not.to.equal(undefined);
      expect(tekst, `${file}#${naam}`).to.equal(bron);
    }
  });

  it('quotes every region of every example, for Java, .NET, PHP, Python and Node', () => {
    const geciteerd = new Set(citaten.map((c) => `${c.file}#${c.naam}`));
    for (const file of VOORBEELDEN) {
      const namen = [...regions(file).keys()];
      expect(namen.length, file).to.be.greaterThan(0);
      for (const naam of namen) expect(geciteerd.has(`${file}#${naam}`), `${file}#${naam} is not in the documentation`).to.equal(true);
    }
  });

  it('introduces every code block of an example with the file it quotes', () => {
    // A block in one of the examples' languages without its marker would be a copy nobody checks.
    const blokken = [...doc.matchAll(/(<!-- snippet: [^\n]+ -->\n)?```(java|csharp|php|python|javascript)\n/g)];
    expect(blokken.filter((b) => !b[1]).map((b) => b[2])).to.deep.equal([]);
  });
});
