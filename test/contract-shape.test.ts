/**
 * The contract in the shape every generator recognises (wsimport, svcutil and wsdl.exe, PHP's
 * ext/soap, zeep, node-soap), walked from what the sandbox serves: the WSDL at ?wsdl and every
 * schema it imports at ?xsd=. Strict document/literal wrapped, one type per element name in both
 * directions, no names a standard library owns, and WS-Addressing declared so that PHP accepts it.
 */
import { expect } from 'chai';
import { OPERATIONS } from '../src/operations/index.js';
import { NS } from '../src/soap/ns.js';
import { startSandbox, type Sandbox } from './support/sandbox.js';
import { element, elementen, kinderen, leesXml, type XmlDocument, XmlElement } from './support/xml.js';

const W = {
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  soap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  wsaw: 'http://www.w3.org/2006/05/addressing/wsdl',
  wsam: 'http://www.w3.org/2007/05/addressing/metadata',
  wsp: 'http://www.w3.org/ns/ws-policy',
  xs: 'http://www.w3.org/2001/XMLSchema',
};

/**
 * Names a mainstream language's standard library owns, as a generated class would clash with them
 * (java.lang, java.util, System in .NET, PHP's built-in classes, Python's builtins).
 */
const STANDAARDNAMEN = [
  'Map', 'List', 'Set', 'Collection', 'Iterator', 'Iterable', 'Optional', 'Object', 'String', 'Integer', 'Long', 'Short', 'Byte',
  'Boolean', 'Character', 'Number', 'Math', 'Class', 'Record', 'Module', 'Process', 'Thread', 'Runnable', 'Exception', 'Error',
  'Void', 'Override', 'Date', 'Type', 'Action', 'Func', 'Array', 'Enum', 'Version', 'Attribute', 'DateTime', 'Guid', 'Decimal',
  'Tuple', 'Closure', 'Generator', 'Dict', 'Int', 'Float', 'Bytes', 'Range', 'Service', 'SoapClient', 'SoapFault', 'SoapHeader', 'SoapVar',
];

interface Schema {
  readonly elements: Map<string, XmlElement>;
  readonly types: Map<string, XmlElement>;
  readonly all: XmlElement[];
}

/** Every schema the served WSDL imports, followed through its includes. */
async function served(endpoint: string): Promise<{ wsdl: XmlDocument; schema: Schema }> {
  const wsdl = leesXml(await (await fetch(`${endpoint}?wsdl`)).text());
  const schema: Schema = { elements: new Map(), types: new Map(), all: [] };
  const seen = new Set<string>();
  const queue = elementen(wsdl, '//xs:import/@schemaLocation/..', W).map((el) => el.attr('schemaLocation')!.value);
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const root = leesXml(await (await fetch(url)).text()).root;
    for (const inc of elementen(root, 'xs:include|xs:import', W)) queue.push(inc.attr('schemaLocation')!.value);
    schema.all.push(root);
    for (const el of elementen(root, 'xs:element', W)) schema.elements.set(el.attr('name')!.value, el);
    for (const t of elementen(root, 'xs:complexType|xs:simpleType', W)) schema.types.set(t.attr('name')!.value, t);
  }
  return { wsdl, schema };
}

/** Every element declared in the tree of `el` (itself excluded), as name -> the types it is declared with. */
function boom(schema: Schema, el: XmlElement, into = new Map<string, Set<string>>(), gezien = new Set<string>()): Map<string, Set<string>> {
  const type = el.attr('type')?.value;
  const inhoud = type?.startsWith('ib:') ? schema.types.get(type.slice(3)) : element(el, 'xs:complexType', W);
  if (!inhoud || inhoud.name !== 'complexType' || (type && gezien.has(type))) return into;
  if (type) gezien.add(type);
  for (const kind of elementen(inhoud, './/xs:element', W)) {
    const naam = kind.attr('name')!.value;
    into.set(naam, (into.get(naam) ?? new Set()).add(kind.attr('type')?.value ?? '(anoniem)'));
    boom(schema, kind, into, gezien);
  }
  return into;
}

describe('the contract in the shape every generator recognises', () => {
  let sandbox: Sandbox;
  let wsdl: XmlDocument;
  let schema: Schema;
  before(async () => {
    sandbox = await startSandbox();
    ({ wsdl, schema } = await served(sandbox.endpoint));
  });
  after(async () => sandbox.close());

  const operaties = () => elementen(wsdl, '//wsdl:portType/wsdl:operation', W).map((op) => op.attr('name')!.value);
  const bericht = (naam: string) => element(wsdl, `//wsdl:message[@name="${naam.replace(/^tns:/, '')}"]`, W)!;

  it('has the registered operations, each with one part naming its wrapper element, and messages named unlike any element', () => {
    expect(operaties().sort()).to.deep.equal(OPERATIONS.map((op) => op.naam).sort());
    const globaal = new Set(schema.elements.keys());
    for (const op of operaties()) {
      const o = element(wsdl, `//wsdl:portType/wsdl:operation[@name="${op}"]`, W)!;
      for (const [io, wrapper] of [['input', op], ['output', `${op}Response`]] as const) {
        const m = bericht(element(o, `wsdl:${io}`, W)!.attr('message')!.value);
        const parts = elementen(m, 'wsdl:part', W);
        expect(parts.map((p) => [p.attr('name')?.value, p.attr('element')?.value]), `${op} ${io}`).to.deep.equal([['parameters', `ib:${wrapper}`]]);
        expect(globaal.has(m.attr('name')!.value), `${op}: message ${m.attr('name')!.value} is also an element`).to.equal(false);
      }
      const fout = bericht(element(o, 'wsdl:fault', W)!.attr('message')!.value);
      expect(element(fout, 'wsdl:part', W)!.attr('element')!.value).to.equal('ib:Fout');
      expect(globaal.has(fout.attr('name')!.value), 'the fault message is named like an element').to.equal(false);
    }
  });

  it('gives every wrapper element an anonymous complex type that is a plain sequence of element declarations', () => {
    for (const op of operaties()) {
      for (const naam of [op, `${op}Response`]) {
        const el = schema.elements.get(naam)!;
        expect(el.attr('type'), `${naam} has a named type`).to.equal(null);
        expect(el.attr('nillable'), naam).to.equal(null);
        const type = element(el, 'xs:complexType', W)!;
        const model = kinderen(type).filter((n) => n.name !== 'annotation');
        expect(model.map((n) => n.name), naam).to.deep.equal(['sequence']);
        const deeltjes = kinderen(model[0]!).filter((n) => n.name !== 'annotation');
        expect(deeltjes.length, naam).to.be.greaterThan(0);
        for (const d of deeltjes) {
          expect([d.name, d.attr('ref'), typeof d.attr('name')?.value, typeof d.attr('type')?.value], naam).to.deep.equal(['element', null, 'string', 'string']);
        }
      }
    }
  });

  it('has no type that extends or restricts a complex type, no choice, no substitution and no wildcard anywhere', () => {
    const verboden = schema.all.flatMap((root) => elementen(root, './/xs:complexContent|.//xs:choice|.//xs:any|.//xs:anyAttribute|.//xs:group|.//*[@substitutionGroup]', W));
    expect(verboden.map((el) => `${el.name} ${el.parent && (el.parent as XmlElement).attr('name')?.value}`)).to.deep.equal([]);
  });

  it('gives every element an operation takes one type in its request and its answer: what a client reads it can send back', () => {
    for (const op of operaties()) {
      const verzoek = boom(schema, schema.elements.get(op)!);
      const antwoord = boom(schema, schema.elements.get(`${op}Response`)!);
      for (const [naam, types] of verzoek) {
        const beide = new Set([...types, ...(antwoord.get(naam) ?? [])]);
        expect([...beide], `${op}: ${naam}`).to.have.length(1);
      }
    }
  });

  it('gives every group a request takes (Pip, Aanbod, Uren, Contactpersoon, ...) one type wherever the contract names it', () => {
    const overal = new Map<string, Set<string>>();
    for (const el of schema.elements.values()) boom(schema, el, overal);
    const groepen = new Set<string>();
    for (const op of operaties()) {
      for (const [naam, types] of boom(schema, schema.elements.get(op)!)) {
        if ([...types].some((t) => t.startsWith('ib:') && schema.types.get(t.slice(3))?.name === 'complexType')) groepen.add(naam);
      }
    }
    expect([...groepen].sort()).to.include.members(['Aanbod', 'Contactpersoon', 'Pip', 'Uren']);
    for (const naam of groepen) expect([...overal.get(naam)!], naam).to.have.length(1);
    // The PIP, the aanbod, the uren and a contactpersoon read in one operation go into another unchanged.
    expect([...overal.get('Pip')!]).to.deep.equal(['ib:Pip']);
    expect([...boom(schema, schema.elements.get('OpvragenPersoonResponse')!).get('Pip')!]).to.deep.equal([...boom(schema, schema.elements.get('WijzigenPip')!).get('Pip')!]);
  });

  it('names no type or element after what a standard library owns', () => {
    const namen = new Set([...schema.types.keys(), ...[...schema.elements.values()].flatMap((el) => [...boom(schema, el).keys(), el.attr('name')!.value])]);
    const botsend = [...namen].filter((n) => STANDAARDNAMEN.some((s) => s.toLowerCase() === n.toLowerCase()));
    expect(botsend).to.deep.equal([]);
  });

  it('declares WS-Addressing as a policy assertion (WCF), with wsaw:UsingAddressing (JAX-WS) and a wsam:Action on every message (zeep), and marks no extension required (PHP)', () => {
    const binding = element(wsdl, '//wsdl:binding', W)!;
    expect(element(binding, 'wsaw:UsingAddressing', W), 'wsaw:UsingAddressing').not.to.equal(null);
    const beleid = element(binding, 'wsp:Policy/wsam:Addressing/wsp:Policy/wsam:AnonymousResponses', W);
    expect(beleid, 'wsp:Policy with wsam:Addressing, anonymous responses').not.to.equal(null);
    for (const op of elementen(wsdl, '//wsdl:portType/wsdl:operation/wsdl:input | //wsdl:portType/wsdl:operation/wsdl:output | //wsdl:portType/wsdl:operation/wsdl:fault', W)) {
      expect(op.attrs.some((a) => a.name === 'Action' && a.namespaceUri === W.wsam), `${op.name} of ${(op.parent as XmlElement).attr('name')!.value}`).to.equal(true);
    }
    const verplicht = elementen(wsdl, '//*').filter((el) => el.attrs.some((a) => a.name === 'required' && a.namespaceUri === W.wsdl));
    expect(verplicht.map((el) => el.name)).to.deep.equal([]);
    expect(wsdl.root.attr('targetNamespace')!.value).to.equal(NS.ib);
  });
});
