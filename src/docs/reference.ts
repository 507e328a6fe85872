/**
 * The contract reference: one static HTML page a person can read, written from what the gateway
 * itself runs on: the registry of operations, the documentation in the XSDs, the melding catalogue
 * (appendix 4.2), the fault codes and an example request and answer per operation from fixtures/.
 * `npm run docs` writes it to docs/contract.html; the gateway serves it at GET <endpoint>?doc and
 * GET /docs, built once per process.
 *
 * `buildReference` is pure: sources in, HTML out. `readSources` reads the files. The page loads
 * nothing: its CSS is inline, allowed by its hash in the Content-Security-Policy it is served with,
 * and it has no script.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../config.js';
import { loadCases } from '../fixtures/replay.js';
import { bijlage42, type MeldingDef } from '../meldingen/catalogus.js';
import type { Operation } from '../operations/operation.js';
import { FOUTCODES } from '../soap/fault.js';
import { kindElementen, parseXml, type XmlElement } from '../soap/libxml2.js';
import { ACTION_PREFIX, NS } from '../soap/ns.js';

export type ReferenceOperation = Pick<Operation, 'naam' | 'handeling' | 'meldingen' | 'documentatie' | 'muteert'>;

export interface Example {
  /** The fixture case, e.g. "OpvoerenPip/51-asielstatushouder-b1-route". */
  readonly naam: string;
  readonly request: string;
  readonly response: string;
}

export interface ReferenceSources {
  readonly operations: readonly ReferenceOperation[];
  /** The text of every XSD of the contract. */
  readonly xsds: readonly string[];
  /** An example per operation name. */
  readonly examples: ReadonlyMap<string, Example>;
  readonly versie: string;
}

export interface ReferencePage {
  readonly html: string;
  /** The Content-Security-Policy to serve it with: nothing but its own inline CSS. */
  readonly csp: string;
}

// ---------------------------------------------------------------------------------------------
// The schemas, as far as the page needs them: elements, their sequences, types and facets.
// ---------------------------------------------------------------------------------------------

interface Veld {
  readonly naam: string;
  readonly type?: string;
  readonly min: string;
  readonly max: string;
  readonly doc: string;
  /** The sequence of an anonymous complexType. */
  readonly velden?: readonly Veld[];
}

interface SimpleType {
  readonly doc: string;
  readonly base: string;
  readonly facetten: readonly string[];
}

interface Schemas {
  readonly elementen: Map<string, Veld>;
  readonly complex: Map<string, { doc: string; velden: readonly Veld[] }>;
  readonly simple: Map<string, SimpleType>;
}

const kind = (el: XmlElement, naam: string) => kindElementen(el).filter((c) => c.name === naam);
const eerste = (el: XmlElement, naam: string) => kind(el, naam)[0];
const doc = (el: XmlElement) => {
  const annotatie = eerste(el, 'annotation');
  return annotatie ? kind(annotatie, 'documentation').map((d) => d.content.replace(/\s+/g, ' ').trim()).join(' ') : '';
};
const sequentie = (complexType: XmlElement | undefined): Veld[] => {
  const seq = complexType && eerste(complexType, 'sequence');
  return seq ? kind(seq, 'element').map(veld) : [];
};

function veld(el: XmlElement): Veld {
  const type = el.attr('type')?.value.replace(/^ib:/, '');
  const anoniem = eerste(el, 'complexType');
  return {
    naam: el.attr('name')?.value ?? '',
    ...(type ? { type } : {}),
    min: el.attr('minOccurs')?.value ?? '1',
    max: el.attr('maxOccurs')?.value ?? '1',
    doc: doc(el),
    ...(anoniem ? { velden: sequentie(anoniem) } : {}),
  };
}

function leesSchemas(xsds: readonly string[]): Schemas {
  const schemas: Schemas = { elementen: new Map(), complex: new Map(), simple: new Map() };
  for (const xsd of xsds) {
    const document = parseXml(xsd);
    try {
      for (const el of kindElementen(document.root)) {
        const naam = el.attr('name')?.value;
        if (!naam) continue;
        if (el.name === 'element') schemas.elementen.set(naam, veld(el));
        if (el.name === 'complexType') schemas.complex.set(naam, { doc: doc(el), velden: sequentie(el) });
        if (el.name === 'simpleType') {
          const restriction = eerste(el, 'restriction');
          const facetten = restriction ? kindElementen(restriction).map((f) => `${f.name} ${f.attr('value')?.value ?? ''}`) : [];
          const opsomming = facetten.filter((f) => f.startsWith('enumeration ')).map((f) => f.slice('enumeration '.length));
          schemas.simple.set(naam, {
            doc: doc(el),
            base: restriction?.attr('base')?.value ?? '',
            facetten: [...facetten.filter((f) => !f.startsWith('enumeration ')), ...(opsomming.length ? [`one of ${opsomming.join(', ')}`] : [])],
          });
        }
      }
    } finally {
      document.dispose();
    }
  }
  return schemas;
}

// ---------------------------------------------------------------------------------------------
// The page.
// ---------------------------------------------------------------------------------------------

/** Escapes text for HTML content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem}h2{border-bottom:2px solid #154273;padding-bottom:.2rem;margin-top:2.5rem}h3{margin-top:1.5rem}
a{color:#154273}nav ol{columns:2}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eef2f7}td.nr,td.kard{white-space:nowrap}
.pad{color:#777}.toevoeging{font-style:italic;color:#555}
pre{background:#f6f8fa;border:1px solid #ddd;padding:.6rem;overflow-x:auto;font-size:13px}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0}
`;

const ROL = (op: ReferenceOperation) => (op.muteert ? 'muteren (Wi2021MUT)' : 'raadplegen (Wi2021) or muteren (Wi2021MUT)');

/** The rows of its appendix 4.2 section an operation can answer with (as the WSDL lists them). */
function meldingenVan(op: ReferenceOperation): MeldingDef[] {
  return Object.entries(bijlage42[op.handeling].meldingen as Record<string, MeldingDef>)
    .filter(([key]) => !op.meldingen || op.meldingen.includes(key))
    .map(([, def]) => def);
}

function veldRijen(schemas: Schemas, velden: readonly Veld[], pad: readonly string[], bezocht: ReadonlySet<string>): string[] {
  return velden.flatMap((v) => {
    const simple = v.type ? schemas.simple.get(v.type) : undefined;
    const complex = v.type ? schemas.complex.get(v.type) : undefined;
    const type = simple ? `<a href="#type-${esc(v.type!)}">${esc(v.type!)}</a>` : esc(v.type ?? 'group');
    const kardinaliteit = `${v.min}..${v.max === 'unbounded' ? 'n' : v.max}`;
    const rij = `<tr><td>${pad.length ? `<span class="pad">${esc(pad.join(' / '))} / </span>` : ''}<b>${esc(v.naam)}</b></td>` +
      `<td>${type}</td><td class="kard">${esc(kardinaliteit)}</td><td>${esc(simple?.facetten.join('; ') ?? '')}</td><td>${esc(v.doc || complex?.doc || '')}</td></tr>`;
    const kinderen = v.velden ?? (complex && !bezocht.has(v.type!) ? complex.velden : undefined);
    return [rij, ...(kinderen ? veldRijen(schemas, kinderen, [...pad, v.naam], new Set([...bezocht, v.type ?? ''])) : [])];
  });
}

function veldTabel(schemas: Schemas, element: string): string {
  const el = schemas.elementen.get(element);
  if (!el) return `<p>The schemas have no element ${esc(element)}.</p>`;
  return `<p>${esc(el.doc)}</p>\n<table class="velden"><thead><tr><th>Field</th><th>Type</th><th>Occurs</th><th>Length / pattern</th><th>Documentation</th></tr></thead><tbody>\n` +
    `${veldRijen(schemas, el.velden ?? [], [], new Set()).join('\n')}\n</tbody></table>`;
}

function operatie(schemas: Schemas, op: ReferenceOperation, example: Example | undefined): string {
  const sectie = bijlage42[op.handeling];
  const meldingen = meldingenVan(op).map((m) =>
    `<tr><td class="nr">${esc(m.soort)}</td><td class="nr">${esc(m.nummer)}</td><td>${m.soort === 'FS' ? 'error (foutmelding)' : 'attention (attentiemelding)'}</td>` +
    `<td class="tekst">${esc(m.tekst)}</td><td>${esc(m.controle)}${m.toevoeging ? ' <span class="toevoeging">(addition to the appendix)</span>' : ''}</td></tr>`);
  return `<section id="op-${esc(op.naam)}" class="operatie">
<h2>${esc(op.naam)}</h2>
<p>${esc(op.documentatie)}</p>
<dl><dt>Appendix 4.2</dt><dd><a href="#bijlage-${esc(op.handeling)}">${esc(op.handeling)}: ${esc(sectie.titel)}</a></dd>
<dt>Role</dt><dd>${esc(ROL(op))}</dd>
<dt>wsa:Action</dt><dd><code>${esc(ACTION_PREFIX + op.naam)}</code></dd></dl>
<h3 id="op-${esc(op.naam)}-verzoek">Request: ${esc(op.naam)}</h3>
${veldTabel(schemas, op.naam)}
<h3 id="op-${esc(op.naam)}-antwoord">Answer: ${esc(op.naam)}Response</h3>
${veldTabel(schemas, `${op.naam}Response`)}
<h3 id="op-${esc(op.naam)}-meldingen">Meldingen</h3>
<table class="meldingen"><thead><tr><th>Soort</th><th>Number</th><th>Kind</th><th>Text</th><th>When (Controle)</th></tr></thead><tbody>
${meldingen.join('\n')}
</tbody></table>
<h3 id="op-${esc(op.naam)}-voorbeeld">Example${example ? `: ${esc(example.naam)}` : ''}</h3>
${example
    ? `<p>Request</p><pre class="voorbeeld-verzoek"><code>${esc(example.request)}</code></pre>\n<p>Answer</p><pre class="voorbeeld-antwoord"><code>${esc(example.response)}</code></pre>`
    : '<p>No example in this installation (fixtures/ is missing).</p>'}
</section>`;
}

export function buildReference(sources: ReferenceSources): ReferencePage {
  const schemas = leesSchemas(sources.xsds);
  const ops = sources.operations;
  const toc = ops.map((op) => `<li><a href="#op-${esc(op.naam)}">${esc(op.naam)}</a> (${esc(op.handeling)})</li>`).join('\n');
  const secties = (Object.entries(bijlage42) as Array<[string, { titel: string }]>)
    .map(([h, s]) => {
      const wie = ops.filter((op) => op.handeling === h).map((op) => `<a href="#op-${esc(op.naam)}">${esc(op.naam)}</a>`);
      return `<tr id="bijlage-${esc(h)}"><td>${esc(h)}</td><td>${esc(s.titel)}</td><td>${wie.join(', ')}</td></tr>`;
    });
  const typen = [...schemas.simple].map(([naam, t]) =>
    `<tr id="type-${esc(naam)}"><td><b>${esc(naam)}</b></td><td>${esc(t.base)}</td><td>${esc(t.facetten.join('; '))}</td><td>${esc(t.doc)}</td></tr>`);
  const fouten = FOUTCODES.map((f) =>
    `<tr id="fout-${esc(f.code)}"><td class="nr">${esc(f.code)}</td><td>${esc(f.faultcode)}</td><td>${esc(f.betekenis)}</td></tr>`);
  const fout = schemas.elementen.get('Fout');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cvs-koppeling Wi2021: contract reference</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>cvs-koppeling Wi2021: contract reference</h1>
<p>Every operation of the SOAP service through which a CVS reads and changes Wet inburgering 2021 data at DUO: who may call it,
its request and answer field by field, every melding of appendix 4.2 it can answer with, and an example. Written from the
service's own registry, schemas, melding catalogue and test fixtures.</p></header>
<nav id="inhoud"><h2>Contents</h2><ol>
<li><a href="#versies">Versions</a></li><li><a href="#bijlage">Appendix 4.2 sections</a></li>
${toc}
<li><a href="#fouten">SOAP Faults</a></li><li><a href="#typen">Field types</a></li>
</ol></nav>
<section id="versies"><h2>Versions</h2><dl>
<dt>Service version</dt><dd>${esc(sources.versie)}</dd>
<dt>Target namespace (WSDL and XSD)</dt><dd><code>${esc(NS.ib)}</code></dd>
<dt>wsa:Action</dt><dd><code>${esc(ACTION_PREFIX)}</code>&lt;operation&gt;; the answer adds <code>Response</code></dd>
<dt>Contract</dt><dd>WSDL at <code>GET &lt;endpoint&gt;?wsdl</code>, schemas at <code>?xsd=&lt;file&gt;</code>; this page at <code>?doc</code></dd>
</dl>
<p>Every request starts with Gemeentecode; every answer starts with Verwerkt and Meldingen. Verwerkt is false exactly when
there is at least one FS melding; nothing is then stored. In the examples <code>{{vandaag}}</code> and <code>{{vandaag-N}}</code>
stand for today's date and N days before it (JJJJMMDD), <code>{{endpoint}}</code> for the service's address.</p></section>
<section id="bijlage"><h2>Appendix 4.2 sections</h2>
<table><thead><tr><th></th><th>Section</th><th>Operations</th></tr></thead><tbody>
${secties.join('\n')}
</tbody></table></section>
${ops.map((op) => operatie(schemas, op, sources.examples.get(op.naam))).join('\n')}
<section id="fouten"><h2>SOAP Faults</h2>
<p>A message that is not a business request gets a SOAP Fault (HTTP 500) instead of an answer. ${esc(fout?.doc ?? '')}</p>
<table><thead><tr><th>Foutcode</th><th>faultcode</th><th>Meaning</th></tr></thead><tbody>
${fouten.join('\n')}
</tbody></table>
${veldTabel(schemas, 'Fout')}</section>
<section id="typen"><h2>Field types</h2>
<table><thead><tr><th>Type</th><th>Base</th><th>Length / pattern</th><th>Documentation</th></tr></thead><tbody>
${typen.join('\n')}
</tbody></table></section>
</body>
</html>
`;
  const hash = createHash('sha256').update(CSS).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return { html, csp };
}

// ---------------------------------------------------------------------------------------------
// The sources, from the files.
// ---------------------------------------------------------------------------------------------

/**
 * An example per operation from the fixtures: the first case answered with `Verwerkt` true and no
 * melding, else with `Verwerkt` true, else its first case; its own folder before the scenarios.
 * None when there are no fixtures.
 */
export function leesExamples(fixturesDir: string, operations: readonly ReferenceOperation[]): Map<string, Example> {
  let cases: ReturnType<typeof loadCases>;
  try {
    cases = loadCases(fixturesDir).filter((c) => c.group !== 'faults');
  } catch {
    return new Map();
  }
  const gelezen = cases.map((c) => ({ c, request: readFileSync(c.requestFile, 'utf8'), response: readFileSync(c.responseFile, 'utf8') }));
  const out = new Map<string, Example>();
  for (const op of operations) {
    const action = `<wsa:Action>${ACTION_PREFIX}${op.naam}</wsa:Action>`;
    const van = gelezen.filter((g) => g.request.includes(action)).sort((a, b) => Number(b.c.group === op.naam) - Number(a.c.group === op.naam));
    const gekozen =
      van.find((g) => g.response.includes('<Verwerkt>true</Verwerkt>') && g.response.includes('<Meldingen/>')) ??
      van.find((g) => g.response.includes('<Verwerkt>true</Verwerkt>')) ??
      van[0];
    if (gekozen) out.set(op.naam, { naam: `${gekozen.c.group}/${gekozen.c.name}`, request: gekozen.request.trimEnd(), response: gekozen.response.trimEnd() });
  }
  return out;
}

export function readSources(operations: readonly ReferenceOperation[], xsdDir: string, fixturesDir = `${ROOT}fixtures`): ReferenceSources {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { name: string; version: string };
  return {
    operations,
    xsds: readdirSync(xsdDir).filter((f) => f.endsWith('.xsd')).sort().map((f) => readFileSync(join(xsdDir, f), 'utf8')),
    examples: leesExamples(fixturesDir, operations),
    versie: `${pkg.name} ${pkg.version}`,
  };
}

/** The page, built on the first call and kept: what the gateway serves. */
export function lazyReference(operations: readonly ReferenceOperation[], xsdDir: string): () => ReferencePage {
  let page: ReferencePage | undefined;
  return () => (page ??= buildReference(readSources(operations, xsdDir)));
}

/** Answers with the page: HTML, its own strict Content-Security-Policy, no sniffing. */
export function serveReference(ctx: { set(field: string, value: string): void; type: string; body: unknown }, page: ReferencePage): void {
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', page.csp);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = page.html;
}
