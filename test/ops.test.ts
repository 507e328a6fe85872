/**
 * ops/: the Grafana dashboard (ops/grafana/cvs-koppeling.json) and the Prometheus alerting rules
 * (ops/prometheus/alerts.yml) DUO's operators load, held to the gateway they watch:
 *
 * - the dashboard is importable JSON on a Prometheus data source chosen at import (`${datasource}`,
 *   no fixed uid), and every panel has a query;
 * - every metric the dashboard's and the alerts' PromQL name is one the gateway exports: read from
 *   the HELP/TYPE lines of GET /metrics of a running gateway, a single process and a cluster
 *   (CVS_WORKERS=2, where the primary adds its own two); a histogram's series by its
 *   _bucket/_sum/_count names;
 * - promtool (Debian's prometheus package) checks the rules, runs their unit tests
 *   (ops/prometheus/alerts.test.yml) and parses every query of the dashboard. Without promtool
 *   those tests are pending with the install hint; in CI (CI=true) a missing promtool fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';
import { haal, soap, startGateway, type GatewayProces } from './support/proces.js';

const DASHBOARD = join(ROOT, 'ops', 'grafana', 'cvs-koppeling.json');
const ALERTS = join(ROOT, 'ops', 'prometheus', 'alerts.yml');
const ALERTS_TEST = join(ROOT, 'ops', 'prometheus', 'alerts.test.yml');
const INSTALL_HINT = 'needs Debian promtool: apt-get install prometheus';

/** Series Prometheus makes itself for every scrape target, not the gateway. */
const PROMETHEUS_EIGEN = new Set(['up']);
/** Exported only by the primary of a cluster (src/metrics.ts maakPrimaryMetrics). */
const CLUSTER_EIGEN = ['cvs_worker_restarts_total', 'cvs_workers'];

function promtoolAvailable(): boolean {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = promtoolAvailable();
if (!available && process.env.CI) throw new Error(`CI runs the Prometheus rule checks: ${INSTALL_HINT}`);

/** promtool's exit status and output. */
function promtool(args: string[]): { status: number; uit: string } {
  try {
    return { status: 0, uit: execFileSync('promtool', args, { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const f = e as { status: number; stdout?: string; stderr?: string };
    return { status: f.status, uit: `${f.stdout ?? ''}${f.stderr ?? ''}` };
  }
}

/**
 * The PromQL of every `expr:` of a rules file, written on its line or as a folded block (`>-`)
 * below it, the two forms alerts.yml uses; any other form is refused rather than skipped.
 */
function regelExpressies(yml: string): string[] {
  const regels = yml.split('\n');
  const uit: string[] = [];
  regels.forEach((regel, i) => {
    const m = /^(\s*)(- )?expr:\s*(.*)$/.exec(regel);
    if (!m) return;
    const rest = m[3]!.trim();
    if (rest === '>-' || rest === '>') {
      const inspringing = m[1]!.length + (m[2] ? 2 : 0);
      const blok: string[] = [];
      for (let j = i + 1; j < regels.length; j++) {
        const r = regels[j]!;
        if (r.trim() !== '' && r.length - r.trimStart().length <= inspringing) break;
        blok.push(r.trim());
      }
      uit.push(blok.join(' ').trim());
    } else if (rest !== '' && !/^['"|>&*!]/.test(rest)) uit.push(rest);
    else throw new Error(`line ${i + 1}: an expr this test cannot read: ${regel}`);
  });
  return uit;
}

/** Grafana's variables, as a query written for Prometheus (promtool) has them. */
function alsPromql(expr: string): string {
  const uit = expr
    .replaceAll('$__rate_interval', '5m')
    .replaceAll('$__interval', '1m')
    .replaceAll('$__range', '6h')
    .replaceAll('"$instance"', '".*"');
  if (uit.includes('$')) throw new Error(`a Grafana variable this test does not know: ${expr}`);
  return uit;
}

const PROMQL_WOORDEN = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

/**
 * The metric names a PromQL expression selects: its identifiers, without string literals, label
 * matchers, ranges, grouping labels, functions and aggregations (a name followed by `(`),
 * keywords and numbers.
 */
function metriekNamen(expr: string): string[] {
  const kaal = alsPromql(expr)
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ')
    .replace(/(?<![\w:])\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w:])/gi, ' ');
  const namen = new Set<string>();
  for (const m of kaal.matchAll(/[a-zA-Z_:][\w:]*/g)) {
    const volgt = kaal.slice(m.index + m[0].length).trimStart();
    if (volgt.startsWith('(') || PROMQL_WOORDEN.has(m[0].toLowerCase())) continue;
    namen.add(m[0]);
  }
  return [...namen].sort();
}

interface Paneel {
  type: string;
  title?: string;
  datasource?: { type?: string; uid?: string };
  targets?: Array<{ expr?: string; datasource?: { type?: string; uid?: string } }>;
  panels?: Paneel[];
}

/** Every panel of the dashboard, those in (collapsed) rows included. */
function panelen(dashboard: { panels: Paneel[] }): Paneel[] {
  return dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** Where a metric is named: the dashboard's panel queries and variables, and the alerts. */
function bronnen(): Array<{ waar: string; expr: string }> {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Paneel[]; templating: { list: Array<{ name: string; type: string; definition?: string }> } };
  const uit: Array<{ waar: string; expr: string }> = [];
  for (const p of panelen(dashboard)) for (const t of p.targets ?? []) uit.push({ waar: `panel "${p.title}"`, expr: t.expr ?? '' });
  for (const v of dashboard.templating.list) {
    if (v.type !== 'query') continue;
    // label_values(<metric>, <label>): the metric is a selector.
    const m = /^label_values\((.+),\s*\w+\)$/.exec(v.definition ?? '');
    if (!m) throw new Error(`variable ${v.name}: a query this test cannot read: ${v.definition}`);
    uit.push({ waar: `variable ${v.name}`, expr: m[1]! });
  }
  for (const expr of regelExpressies(readFileSync(ALERTS, 'utf8'))) uit.push({ waar: 'alerts.yml', expr });
  return uit;
}

/** The metrics of a /metrics text and their types, from its TYPE lines. */
function typen(tekst: string): Map<string, string> {
  return new Map([...tekst.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** Whether `naam` is a series of an exported metric: its own name, or a histogram's _bucket/_sum/_count. */
function geexporteerd(naam: string, types: Map<string, string>): boolean {
  const type = types.get(naam);
  if (type !== undefined) return type !== 'histogram';
  const m = /^(.+)_(bucket|sum|count)$/.exec(naam);
  if (!m) return false;
  const basis = types.get(m[1]!);
  return basis === 'histogram' || (basis === 'summary' && m[2] !== 'bucket');
}

describe('ops/grafana/cvs-koppeling.json', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    title: string;
    panels: Paneel[];
    templating: { list: Array<{ name: string; type: string; query?: unknown }> };
  };

  it('is importable JSON on a Prometheus data source chosen at import, every panel with a query', () => {
    expect(dashboard.title).to.equal('cvs-koppeling');
    const datasource = dashboard.templating.list.find((v) => v.name === 'datasource');
    expect(datasource).to.deep.include({ type: 'datasource', query: 'prometheus' });
    // No fixed data source anywhere: every reference is the variable.
    const verwijzingen: unknown[] = [];
    const zoek = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(zoek);
      else if (x !== null && typeof x === 'object') {
        for (const [k, v] of Object.entries(x)) {
          if (k === 'datasource' && typeof v === 'object') verwijzingen.push(v);
          else zoek(v);
        }
      }
    };
    zoek(dashboard);
    expect(verwijzingen).to.not.be.empty;
    for (const v of verwijzingen) expect(v).to.deep.equal({ type: 'prometheus', uid: '${datasource}' });
    const metQuery = panelen(dashboard).filter((p) => p.type !== 'row');
    expect(metQuery.length).to.be.greaterThan(10);
    for (const p of metQuery) {
      expect(p.targets, p.title).to.not.be.empty;
      for (const t of p.targets!) {
        expect(t.expr, p.title).to.be.a('string').and.match(/\S/);
        expect(metriekNamen(t.expr!), `${p.title}: ${t.expr}`).to.not.be.empty;
      }
    }
  });

  it('reads the metric names out of PromQL as Prometheus would select them', () => {
    expect(metriekNamen('histogram_quantile(0.99, sum by (operation, le) (rate(cvs_request_duration_seconds_bucket{instance=~"$instance", le!="1e3"}[$__rate_interval])))')).to.deep.equal([
      'cvs_request_duration_seconds_bucket',
    ]);
    expect(metriekNamen('sum(rate(a_total{code="0051"}[5m])) / on (instance) group_left sum without (x) (b:c) > 0.05 and up == 1e-3')).to.deep.equal(['a_total', 'b:c', 'up']);
    expect(geexporteerd('h_bucket', new Map([['h', 'histogram']]))).to.equal(true);
    expect(geexporteerd('h', new Map([['h', 'histogram']]))).to.equal(false);
    expect(geexporteerd('c_total', new Map([['c_total', 'counter']]))).to.equal(true);
    expect(geexporteerd('c_total_count', new Map([['c_total', 'counter']]))).to.equal(false);
  });
});

describe('ops/prometheus/alerts.yml', () => {
  const yml = readFileSync(ALERTS, 'utf8');

  it('gives every alert a severity, a summary and a description that points the operator to docs/operations.md', () => {
    const alerts = yml.split(/^ {6}- alert: /m).slice(1);
    expect(alerts.map((a) => a.split('\n')[0])).to.deep.equal([
      'CvsKoppelingDown',
      'CvsKoppelingNotReady',
      'CvsKoppelingStoreUnavailable',
      'CvsKoppelingInternalError',
      'CvsKoppelingSlow',
      'CvsKoppelingWorkerRestarted',
    ]);
    expect(regelExpressies(yml)).to.have.length(alerts.length);
    for (const a of alerts) {
      const naam = a.split('\n')[0]!;
      expect(a, naam).to.match(/\n {10}severity: (critical|warning)\n/);
      expect(a, naam).to.match(/\n {10}summary: "[^"]+"\n/);
      expect(a.replace(/\s+/g, ' '), naam).to.include(`See docs/operations.md, section "Alerts", ${naam}.`);
    }
  });
});

describe('the metrics that ops/ names, against a running gateway', function () {
  this.timeout(60_000);
  let dir: string;
  const gateways: GatewayProces[] = [];

  /** GET /metrics of a gateway that has answered a few requests (one verwerkt, one fault 0003). */
  const metricsVan = async (env: Record<string, string>): Promise<Map<string, string>> => {
    const gateway = startGateway(env);
    gateways.push(gateway);
    const endpoint = await gateway.endpoint();
    expect((await soap(endpoint, 'OpvragenPersoon', [['Bsn', '999901333']])).status).to.equal(200);
    expect((await soap(endpoint, 'VerwijderenPersoon', [['Bsn', '999901333']])).status).to.equal(500);
    const res = await haal(`${new URL(endpoint).origin}/metrics`);
    expect(res.status).to.equal(200);
    return typen(res.body);
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cvs-ops-'));
  });
  after(async () => {
    for (const g of gateways) {
      g.child.kill('SIGTERM');
      await g.exited;
      g.opruimen();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('are all exported: by a single process, and the workers ones by a cluster only', async () => {
    const enkel = await metricsVan({});
    const cluster = await metricsVan({ CVS_WORKERS: '2', CVS_DATABASE: join(dir, 'store.sqlite') });
    for (const naam of CLUSTER_EIGEN) {
      expect(enkel.has(naam), `${naam} in a single process`).to.equal(false);
      expect(cluster.get(naam), `${naam} in a cluster`).to.be.oneOf(['gauge', 'counter']);
    }
    const alle = new Map([...enkel, ...cluster]);
    const ontbreekt = new Map<string, string[]>();
    for (const { waar, expr } of bronnen()) {
      for (const naam of metriekNamen(expr)) {
        if (PROMETHEUS_EIGEN.has(naam) || geexporteerd(naam, alle)) continue;
        ontbreekt.set(naam, [...(ontbreekt.get(naam) ?? []), waar]);
      }
    }
    expect(Object.fromEntries(ontbreekt), 'named in ops/ but not exported by the gateway').to.deep.equal({});
  });
});

describe(`promtool on ops/${available ? '' : ` (pending: ${INSTALL_HINT})`}`, function () {
  this.timeout(30_000);
  let dir: string;
  before(function () {
    if (!available) this.skip();
    dir = mkdtempSync(join(tmpdir(), 'cvs-promtool-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The dashboard's queries as recording rules, for promtool to parse. */
  const alsRegels = (exprs: string[]): string =>
    `groups:\n  - name: dashboard\n    rules:\n${exprs.map((e, i) => `      - record: dashboard:query_${i}\n        expr: ${JSON.stringify(alsPromql(e))}\n`).join('')}`;

  it('checks the alerting rules: valid, every rule read', () => {
    const { status, uit } = promtool(['check', 'rules', ALERTS]);
    expect(status, uit).to.equal(0);
    expect(uit).to.include(`SUCCESS: ${regelExpressies(readFileSync(ALERTS, 'utf8')).length} rules found`);
  });

  it('runs the alerts\' unit tests (alerts.test.yml): each fires on its series and stays silent otherwise', () => {
    const { status, uit } = promtool(['test', 'rules', ALERTS_TEST]);
    expect(status, uit).to.equal(0);
    expect(uit).to.include('SUCCESS');
  });

  it('parses every query of the dashboard, and refuses a broken one', () => {
    const exprs = bronnen()
      .filter((b) => b.waar.startsWith('panel'))
      .map((b) => b.expr);
    const goed = join(dir, 'dashboard.yml');
    writeFileSync(goed, alsRegels(exprs));
    const { status, uit } = promtool(['check', 'rules', goed]);
    expect(status, uit).to.equal(0);
    expect(uit).to.include(`SUCCESS: ${exprs.length} rules found`);
    // The check is real: a query with a parenthesis too few is refused.
    const kapot = join(dir, 'kapot.yml');
    writeFileSync(kapot, alsRegels([exprs[0]!.replace(/\)$/, '')]));
    expect(promtool(['check', 'rules', kapot]).status).to.not.equal(0);
  });
});
