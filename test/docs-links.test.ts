/**
 * The documentation's links hold: every relative Markdown link of README.md and docs/*.md names a
 * file of the repository, and where it has an #anchor, a heading of that file (GitHub's slugs); and
 * README.md stays the short page a newcomer reads (the rest is in docs/).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';

const README_MAX_REGELS = 200;

const BESTANDEN = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The lines of a Markdown file, each undefined where it belongs to a fenced code block. */
function buitenHekken(markdown: string): Array<string | undefined> {
  let hek: string | undefined;
  return markdown.split('\n').map((regel) => {
    const fence = /^\s*(`{3,}|~{3,})/.exec(regel);
    if (fence) {
      if (hek === undefined) hek = fence[1]![0]!;
      else if (fence[1]![0] === hek) hek = undefined;
      return undefined;
    }
    return hek === undefined ? regel : undefined;
  });
}

/** The text outside fenced code blocks and inline code, where a link or a heading can be. */
function proza(markdown: string): string[] {
  return buitenHekken(markdown).map((regel) => (regel === undefined ? '' : regel.replace(/`[^`]*`/g, '``')));
}

/** GitHub's anchor of a heading: lowercase, punctuation dropped except - and _, spaces to -. */
export function slug(kop: string): string {
  return kop
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings, a repeated one numbered as GitHub does (-1, -2). */
function ankers(markdown: string): Set<string> {
  const gezien = new Map<string, number>();
  const uit = new Set<string>();
  for (const regel of buitenHekken(markdown)) {
    if (regel === undefined) continue;
    const kop = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(regel);
    if (!kop) continue;
    // Inline code keeps its text in the anchor; a link keeps its label.
    const tekst = kop[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
    const basis = slug(tekst);
    const n = gezien.get(basis) ?? 0;
    gezien.set(basis, n + 1);
    uit.add(n === 0 ? basis : `${basis}-${n}`);
  }
  return uit;
}

interface Link {
  readonly bestand: string;
  readonly regel: number;
  readonly doel: string;
}

/** The relative links and images of a file: [text](target) and ![alt](target), not URLs. */
function links(bestand: string): Link[] {
  const uit: Link[] = [];
  proza(readFileSync(join(ROOT, bestand), 'utf8')).forEach((regel, i) => {
    for (const m of regel.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const doel = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(doel)) continue; // http:, https:, mailto:
      uit.push({ bestand, regel: i + 1, doel });
    }
  });
  return uit;
}

describe('the documentation', () => {
  it('finds the files it checks', () => {
    expect(BESTANDEN).to.include.members(['README.md', 'docs/integrators.md', 'docs/operations.md', 'docs/development.md', 'docs/design.md']);
    expect(BESTANDEN.flatMap(links).length).to.be.greaterThan(20);
  });

  it('links only to files of the repository that exist, and to headings they have', () => {
    const fout: string[] = [];
    for (const link of BESTANDEN.flatMap(links)) {
      const [pad = '', anker] = link.doel.split('#', 2);
      const doel = pad === '' ? join(ROOT, link.bestand) : join(ROOT, dirname(link.bestand), decodeURIComponent(pad));
      const waar = `${link.bestand}:${link.regel} → ${link.doel}`;
      if (relative(ROOT, doel).startsWith('..')) {
        fout.push(`${waar}: outside the repository`);
        continue;
      }
      if (!existsSync(doel)) {
        fout.push(`${waar}: no such file`);
        continue;
      }
      if (anker === undefined) continue;
      if (!statSync(doel).isFile() || !doel.endsWith('.md')) {
        fout.push(`${waar}: an anchor into a file that is not Markdown`);
        continue;
      }
      if (!ankers(readFileSync(doel, 'utf8')).has(anker)) fout.push(`${waar}: no heading with that anchor`);
    }
    expect(fout).to.deep.equal([]);
  });

  it('names no place outside the repository', () => {
    for (const bestand of BESTANDEN) {
      const tekst = readFileSync(join(ROOT, bestand), 'utf8');
      expect(tekst, bestand).not.to.match(/\.\.\/shared\b|DESIGN\.md/);
    }
  });

  it(`keeps README.md under ${README_MAX_REGELS} lines`, () => {
    const regels = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length;
    expect(regels).to.be.below(README_MAX_REGELS);
  });

  it('makes anchors as GitHub does', () => {
    expect(slug('One process per core (CVS_WORKERS)')).to.equal('one-process-per-core-cvs_workers');
    expect(slug("When a stack's defaults break a call")).to.equal('when-a-stacks-defaults-break-a-call');
    expect(slug('Signalen (appendix 4.2 j, PIB 3.2, appendix 4.1)')).to.equal('signalen-appendix-42-j-pib-32-appendix-41');
    expect(slug('Fixtures: recording their answers')).to.equal('fixtures-recording-their-answers');
    expect([...ankers('# A\n## B\n```\n# not a heading\n```\n## B\n')]).to.deep.equal(['a', 'b', 'b-1']);
  });
});
