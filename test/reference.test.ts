/**
 * The contract reference (src/docs/reference.ts): the generator's page names every operation,
 * melding and fault and escapes what it quotes; `npm run docs` writes it; and the page the gateway
 * serves at ?doc and /docs, opened in headless Chromium (Debian's, driven by playwright-core), has
 * a section per operation with every melding of its appendix 4.2 rows, resolvable internal links,
 * the example request and answer, and no console error while it loads nothing from anywhere else.
 * Without Chromium the browser tests report themselves pending; in CI (CI=true) they fail instead.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { chromium, type BrowserContext } from 'playwright-core';
import { ROOT } from '../src/config.js';
import { buildReference, readSources } from '../src/docs/reference.js';
import { bijlage42, type MeldingDef } from '../src/meldingen/catalogus.js';
import { OPERATIONS } from '../src/operations/index.js';
import { FOUTCODES } from '../src/soap/fault.js';
import { ACTION_PREFIX } from '../src/soap/ns.js';
import { startSandbox, type Sandbox } from './support/sandbox.js';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL_HINT = 'needs Debian chromium: apt-get install chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`CI opens the contract reference in Chromium: ${INSTALL_HINT}`);

/** The rows of the catalogue an operation answers with: its section's, or those it names. */
const rijenVan = (op: (typeof OPERATIONS)[number]): MeldingDef[] =>
  Object.entries(bijlage42[op.handeling].meldingen as Record<string, MeldingDef>)
    .filter(([key]) => !op.meldingen || op.meldingen.includes(key))
    .map(([, def]) => def);

const htmlEsc = (s: string) => s.replace(/&/g, '&#38;').replace(/</g, '&#60;').replace(/>/g, '&#62;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

describe('the contract reference, as generated', () => {
  const sources = readSources(OPERATIONS, `${ROOT}xsd`);
  const { html } = buildReference(sources);
  const sectie = (naam: string) => {
    const begin = html.indexOf(`<section id="op-${naam}"`);
    return begin < 0 ? '' : html.slice(begin, html.indexOf('</section>', begin));
  };

  it('has a section per operation naming each melding it can answer with: number and exact text', () => {
    for (const op of OPERATIONS) {
      const s = sectie(op.naam);
      expect(s, op.naam).not.to.equal('');
      for (const m of rijenVan(op)) {
        expect(s, `${op.naam} ${m.soort} ${m.nummer}`).to.include(`<td class="nr">${m.soort}</td><td class="nr">${m.nummer}</td>`);
        expect(s, `${op.naam} ${m.soort} ${m.nummer}`).to.include(`<td class="tekst">${htmlEsc(m.tekst)}</td>`);
      }
    }
  });

  it('escapes what it quotes: the placeholders of the appendix, and markup in documentation', () => {
    expect(html).to.include('&#60;veldnaam&#62;: Formaatfout');
    expect(html).not.to.include('<veldnaam>');
    const [eerste, ...rest] = OPERATIONS;
    const xsds = sources.xsds.map((x) => x.replace('<xs:documentation>BSN van de inburgeringsplichtige', '<xs:documentation>&lt;img src=x onerror=alert(1)&gt; BSN van de inburgeringsplichtige'));
    const vijandig = buildReference({ ...sources, xsds, operations: [{ ...eerste!, documentatie: 'Zie <script>alert(1)</script> & "meer"' }, ...rest] }).html;
    expect(vijandig).to.include('Zie &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;meer&#34;');
    expect(vijandig).to.include('&#60;img src=x onerror=alert(1)&#62; BSN van de inburgeringsplichtige');
    expect(vijandig).not.to.match(/<script|<img/);
  });

  it('lists the fault codes the XSD documents, among them every one the fixtures show', () => {
    const foutDoc = /<xs:element name="Fout"[^]*?<xs:documentation>([^]*?)<\/xs:documentation>/.exec(readFileSync(`${ROOT}xsd/Common_v1.xsd`, 'utf8'))![1]!;
    const gedocumenteerd = [...new Set(foutDoc.match(/\b\d{4}\b/g))];
    const inFixtures = new Set(readdirSync(`${ROOT}fixtures/faults`).map((f) => f.slice(0, 4)));
    expect(FOUTCODES.map((f) => f.code)).to.have.members(gedocumenteerd).and.include.members([...inFixtures]);
    const fouten = html.slice(html.indexOf('<section id="fouten">'));
    for (const f of FOUTCODES) expect(fouten, f.code).to.include(`<tr id="fout-${f.code}"><td class="nr">${f.code}</td><td>${htmlEsc(f.faultcode)}</td><td>${htmlEsc(f.betekenis)}</td></tr>`);
  });

  it('states the service version and the target namespace, and loads nothing from elsewhere', () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
    expect(html).to.include(`cvs-koppeling ${version}`);
    expect(html).to.include('<code>http://www.duo.nl/cvs-koppeling/wi2021_v1</code>');
    expect(html).not.to.match(/<(script|link|img|iframe)\b|\bsrc=|url\(|@import/i);
  });

  it('is written by `npm run docs` to the file --out names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvs-docs-'));
    try {
      const out = join(dir, 'sub', 'contract.html');
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', `${ROOT}src/cli/docs.ts`, '--out', out], { cwd: ROOT });
      expect(stdout).to.include(`wrote ${out} (${OPERATIONS.length} operations)`);
      expect(readFileSync(out, 'utf8')).to.equal(html);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe(`the contract reference, served and opened in Chromium${available ? '' : ` (pending: ${INSTALL_HINT})`}`, function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let browser: BrowserContext;
  let profiel: string;
  before(async function () {
    if (!available) this.skip();
    sandbox = await startSandbox();
    profiel = mkdtempSync(join(tmpdir(), 'cvs-chromium-'));
    browser = await chromium.launchPersistentContext(profiel, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await sandbox?.close();
    if (profiel) rmSync(profiel, { recursive: true, force: true });
  });

  it('serves the same page at ?doc and /docs as HTML with a strict Content-Security-Policy', async () => {
    const doc = await fetch(`${sandbox.endpoint}?doc`);
    const docs = await fetch(new URL('/docs', sandbox.endpoint));
    for (const res of [doc, docs]) {
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).to.match(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; /);
    }
    expect(await docs.text()).to.equal(await doc.text());
  });

  it('shows every operation with its meldingen, examples and resolvable links, with no console error', async () => {
    const page = await browser.newPage();
    const fouten: string[] = [];
    const verzoeken: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') fouten.push(m.text()); });
    page.on('pageerror', (e) => fouten.push(e.message));
    page.on('request', (r) => verzoeken.push(r.url()));
    const res = await page.goto(`${sandbox.endpoint}?doc`, { waitUntil: 'load' });
    expect(res?.status()).to.equal(200);

    // A string, not a function: tsx's transform would leave helpers the page does not have.
    const gezien = (await page.evaluate(`(() => {
      const tekst = (el) => el?.textContent ?? '';
      const links = [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href').slice(1));
      const secties = [...document.querySelectorAll('section.operatie')].map((s) => ({
        id: s.id,
        meldingen: [...s.querySelectorAll('table.meldingen tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map(tekst)),
        verzoekVelden: [...s.querySelectorAll('table.velden')].map((t) => tekst(t.querySelector('tbody tr td b'))),
        verzoek: tekst(s.querySelector('pre.voorbeeld-verzoek')),
        antwoord: tekst(s.querySelector('pre.voorbeeld-antwoord')),
      }));
      return {
        onopgelost: links.filter((id) => !document.getElementById(id)),
        links: links.length,
        secties,
        gestyled: getComputedStyle(document.querySelector('th')).backgroundColor,
      };
    })()`)) as {
      onopgelost: string[];
      links: number;
      secties: Array<{ id: string; meldingen: string[][]; verzoekVelden: string[]; verzoek: string; antwoord: string }>;
      gestyled: string;
    };
    await page.close();

    expect(gezien.onopgelost, 'internal links without their target').to.deep.equal([]);
    expect(gezien.links).to.be.greaterThan(OPERATIONS.length * 2);
    expect(gezien.secties.map((s) => s.id)).to.deep.equal(OPERATIONS.map((op) => `op-${op.naam}`));
    for (const op of OPERATIONS) {
      const s = gezien.secties.find((x) => x.id === `op-${op.naam}`)!;
      const verwacht = rijenVan(op).map((m) => [m.soort, String(m.nummer), m.soort === 'FS' ? 'error (foutmelding)' : 'attention (attentiemelding)', m.tekst]);
      expect(s.meldingen, op.naam).to.deep.equal(verwacht);
      expect(s.verzoekVelden, `${op.naam}: the first field of request and answer`).to.deep.equal(['Gemeentecode', 'Verwerkt']);
      expect(s.verzoek, op.naam).to.match(/^<\?xml/).and.include(`<wsa:Action>${ACTION_PREFIX}${op.naam}</wsa:Action>`);
      expect(s.antwoord, op.naam).to.match(/^<\?xml/).and.include(`<${op.naam}Response xmlns=`);
    }
    // The inline CSS applied: the Content-Security-Policy allows it by its hash.
    expect(gezien.gestyled).to.equal('rgb(238, 242, 247)');
    expect(fouten, 'console errors').to.deep.equal([]);
    expect(verzoeken, 'requests the page made').to.deep.equal([`${sandbox.endpoint}?doc`]);
  });
});
