/**
 * The bench's result: its shape (written as JSON), the table on stdout and the SVG chart.
 */
import type { LoadResult } from './load.js';
import type { OpenLoopResult } from './http.js';
import type { HotFunction } from './profile.js';

export interface ScenarioResult {
  readonly key: string;
  readonly target: string;
  readonly scenario: string;
  readonly kind: 'baseline' | 'gateway' | 'variant';
  readonly expectStatus: number;
  readonly answerBytes: number;
  /** The key of the node-soap run this one is compared with (by answer size). */
  readonly soapBaseline?: string;
  readonly rounds: LoadResult[];
  median: { reqPerSec: number; p50: number; p99: number };
  totals: { completed: number; unexpected: number; errors: number; timeouts: number; statusCodes: Record<string, number> };
  /** To node-soap (by answer size), to bare Koa, and for a variant to the reference gateway (default settings, overview only). */
  ratios: { nodeSoap?: number; koa?: number; reference?: number };
  checks: { before?: string; after?: string };
}

export interface FixedRateResult {
  readonly client: 'autocannon overallRate' | 'evenly spaced';
  readonly rate: number;
  readonly durationS: number;
  readonly achievedRate: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly unexpected: number;
  readonly errors: number;
}

export interface RssResult {
  readonly requests: number;
  readonly completed: number;
  readonly durationS: number;
  readonly reqPerSec: number;
  readonly unexpected: number;
  readonly errors: number;
  readonly idleMB: number;
  readonly beforeRunMB: number;
  readonly afterWarmupMB: number;
  readonly endMB: number;
  readonly peakMB: number;
  readonly growthAfterWarmupPct: number;
  readonly warmupRequests: number;
  readonly heapUsedMB?: { readonly before: number; readonly end: number };
  /** Every second: requests answered so far and RSS in MB (at most ~200 points kept). */
  readonly series: Array<[number, number]>;
}

export interface BenchResult {
  readonly machine: { cpu: string; cores: number; node: string; platform: string; date: string; commit: string };
  readonly settings: Record<string, unknown>;
  readonly targets: Record<string, { readyMs: number; idleRssMB: number; restarts?: number }>;
  readonly scenarios: ScenarioResult[];
  readonly fixedRate: FixedRateResult[];
  readonly rss?: RssResult;
  /** The largest request the parser limits let through: its size, and the RSS it leaves behind. */
  readonly worstCase: {
    bytes: number;
    elements: number;
    many: number;
    reqPerSec: number;
    unexpected: number;
    rssMB: { before: number; afterOne: number; afterMany: number; afterNormalLoad: number };
  };
  readonly largeDossier: { uren: number; pipVersies: number; normalReqPerSec: number; largeReqPerSec: number; ratio: number; normalBytes: number; largeBytes: number };
  readonly metrics: { onStatus: number; offStatus: number; onReqPerSec: number; offReqPerSec: number; costPct: number; perRoundPct: number[] };
  readonly workers: { setting: number; observedProcesses: number; oneWorkerReqPerSec: number; reqPerSec: number; ratio: number };
  /** The signaal engine on a store of `persons` persons, and the overview at a fixed rate beside it. */
  readonly engine?: {
    persons: number;
    intervalS: number;
    readyMs: number;
    firstRun: { ms: number; gelezen: number; nieuw: number; verwijderd: number };
    runsDuringLoad: Array<{ ms: number; gelezen: number; nieuw: number }>;
    load: { rate: number; durationS: number; achievedRate: number; p50: number; p99: number; max: number; unexpected: number };
  };
  readonly profile?: { file: string; intervalUs: number; busyMs: number; samplesInWindow: number | 'all'; top: HotFunction[] };
  readonly warnings: string[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const n1 = (x: number) => x.toFixed(1);
const n2 = (x: number) => x.toFixed(2);
const ratio = (x: number | undefined) => (x === undefined ? '' : `${n2(x)}×`);

function table(header: string[], rows: string[][], right: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatText(r: BenchResult): string {
  const out: string[] = [];
  out.push(`cvs-koppeling bench · ${r.machine.date} · commit ${r.machine.commit} · ${r.machine.cpu} × ${r.machine.cores} · node ${r.machine.node}`);
  const s = r.settings;
  out.push(`${s.rounds} interleaved rounds × ${s.durationS} s, ${s.connections} connections, warm-up ${s.warmupS} s per run; medians over the rounds`);
  out.push('');
  out.push(
    table(
      ['target', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'unexpected', 'errors', '×node-soap', '×Koa', '×reference', 'bytes'],
      r.scenarios.map((x) => [
        x.target,
        x.scenario,
        n0(x.median.reqPerSec),
        n1(x.median.p50),
        n1(x.median.p99),
        x.totals.unexpected ? `${n0(x.totals.unexpected)} !` : '0',
        x.totals.errors + x.totals.timeouts ? `${x.totals.errors + x.totals.timeouts} !` : '0',
        ratio(x.ratios.nodeSoap),
        ratio(x.ratios.koa),
        ratio(x.ratios.reference),
        String(x.answerBytes),
      ]),
      new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]),
    ),
  );
  out.push('');
  out.push('Fixed rate, gateway full overview:');
  out.push(
    table(
      ['client', 'asked req/s', 'achieved', 'p50 ms', 'p99 ms', 'max ms', 'unexpected'],
      r.fixedRate.map((f) => [f.client, n0(f.rate), n0(f.achievedRate), n1(f.p50), n1(f.p99), n1(f.max), String(f.unexpected + f.errors)]),
      new Set([1, 2, 3, 4, 5, 6]),
    ),
  );
  if (r.rss) {
    const m = r.rss;
    out.push('');
    out.push(
      `RSS over ${n0(m.completed)} overview requests (${n0(m.reqPerSec)} req/s, ${m.unexpected + m.errors} unexpected): ` +
        `idle ${n1(m.idleMB)} MB, before the run ${n1(m.beforeRunMB)} MB, after its first ${n0(m.warmupRequests)} requests ${n1(m.afterWarmupMB)} MB, ` +
        `end ${n1(m.endMB)} MB (peak ${n1(m.peakMB)}): growth after warm-up ${m.growthAfterWarmupPct >= 0 ? '+' : ''}${n1(m.growthAfterWarmupPct)}%` +
        (m.heapUsedMB ? `; JS heap used ${n1(m.heapUsedMB.before)} → ${n1(m.heapUsedMB.end)} MB` : ''),
    );
  }
  const wc = r.worstCase;
  out.push(
    `Worst case (${n0(wc.bytes)} bytes, ${n0(wc.elements)} elements, the overview with a header block of ignored elements): RSS ${n1(wc.rssMB.before)} MB before, ` +
      `${n1(wc.rssMB.afterOne)} after one, ${n1(wc.rssMB.afterMany)} after ${n0(wc.many)} (${n0(wc.reqPerSec)} req/s, ${wc.unexpected} unexpected), ` +
      `${n1(wc.rssMB.afterNormalLoad)} after ordinary load again`,
  );
  const l = r.largeDossier;
  out.push(
    `Large dossier (${l.uren} more uren rows, ${l.pipVersies} more PIP versions): ${n0(l.largeReqPerSec)} req/s against ${n0(l.normalReqPerSec)} for the same person with a dossier of the usual size (one person): ${n2(l.ratio)}× (answers ${l.largeBytes} and ${l.normalBytes} bytes)`,
  );
  const mt = r.metrics;
  out.push(
    `Metrics: GET /metrics answers ${mt.onStatus} by default and ${mt.offStatus} with CVS_METRICS=0; overview ${n0(mt.onReqPerSec)} req/s on the reference, ${n0(mt.offReqPerSec)} with metrics off: cost ${n1(mt.costPct)}% (per round: ${mt.perRoundPct.map(n1).join(', ')})`,
  );
  const w = r.workers;
  out.push(
    `Workers: CVS_WORKERS=${w.setting}, ${w.observedProcesses} process(es) serving; overview ${n0(w.reqPerSec)} req/s against ${n0(w.oneWorkerReqPerSec)} on the reference (one process): ${n2(w.ratio)}×`,
  );
  if (r.engine) {
    const e = r.engine;
    out.push(
      `Signaal engine, ${n0(e.persons)} persons: start-up with the dataset's import and the first run ${n0(e.readyMs)} ms, the first run ${n0(e.firstRun.ms)} ms ` +
        `(${n0(e.firstRun.gelezen)} dossiers read, ${n0(e.firstRun.nieuw)} signalen new); a run every ${e.intervalS} s, those during the load ` +
        `${e.runsDuringLoad.map((x) => `${n0(x.ms)} ms`).join(', ') || 'none'}; the overview beside it at ${n0(e.load.rate)} req/s (evenly spaced, ${e.load.durationS} s): ` +
        `achieved ${n0(e.load.achievedRate)}, p50 ${n1(e.load.p50)} ms, p99 ${n1(e.load.p99)} ms, max ${n1(e.load.max)} ms, ${e.load.unexpected} unexpected`,
    );
  }
  out.push(`Start-up to /ready: ${Object.entries(r.targets).map(([name, t]) => `${name} ${n0(t.readyMs)} ms`).join(', ')}`);
  if (r.profile) {
    out.push('');
    const window = r.profile.samplesInWindow === 'all' ? 'the whole process life' : `the ${n0(r.profile.samplesInWindow)} samples of the load`;
    out.push(`CPU profile of the overview under load (${r.profile.file}), ${window}: top ${r.profile.top.length} by self time, of ${n0(r.profile.busyMs)} ms busy:`);
    out.push(
      table(
        ['self ms', '% busy', 'function', 'where'],
        r.profile.top.map((f) => [n0(f.selfMs), n1(f.percentBusy), f.name, f.where]),
        new Set([0, 1]),
      ),
    );
  }
  if (r.warnings.length > 0) {
    out.push('');
    out.push('WARNINGS:');
    for (const w of r.warnings) out.push(`  ! ${w}`);
  }
  return out.join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Horizontal bars of median req/s per target and scenario, with the baselines as reference lines. */
export function formatSvg(r: BenchResult): string {
  const rows = r.scenarios;
  const rowLabel = (s: ScenarioResult) => `${s.target} · ${s.scenario}`;
  const ratioLabel = (s: ScenarioResult) =>
    [
      s.ratios.nodeSoap !== undefined ? `${s.ratios.nodeSoap.toFixed(2)}× node-soap` : '',
      s.ratios.koa !== undefined ? `${s.ratios.koa.toFixed(2)}× Koa` : '',
      s.ratios.reference !== undefined ? `${s.ratios.reference.toFixed(2)}× reference` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  // About 6.7 px per character of 12 px sans-serif: wide enough for the longest label.
  const left = 20 + Math.ceil(6.7 * Math.max(...rows.map((x) => rowLabel(x).length)));
  const barWidth = 380;
  const rightLabel = 90 + Math.ceil(6.7 * Math.max(0, ...rows.map((x) => ratioLabel(x).length)));
  const rowH = 24;
  const top = 66;
  const width = Math.max(left + barWidth + rightLabel, 960);
  const height = top + rows.length * rowH + 56;
  const max = Math.max(1, ...rows.map((x) => x.median.reqPerSec));
  const x = (v: number) => left + (barWidth * v) / max;
  const colour = { baseline: '#9e9e9e', gateway: '#1f6fb4', variant: '#6aa7d8' } as const;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="10" y="20" font-size="14" font-weight="bold">cvs-koppeling beside node-soap and bare Koa: median req/s (${r.settings.connections} connections)</text>`);
  parts.push(
    `<text x="10" y="38" fill="#555">${esc(`${r.machine.date.slice(0, 10)} · commit ${r.machine.commit} · ${r.machine.cpu} × ${r.machine.cores} · node ${r.machine.node} · ${r.settings.rounds} rounds × ${r.settings.durationS} s`)}</text>`,
  );
  const refs: Array<[string, string]> = [
    ['soap/overview-size', 'node-soap'],
    ['koa/fixed', 'Koa'],
  ];
  for (const [key, label] of refs) {
    const ref = rows.find((s) => s.key === key);
    if (!ref) continue;
    const rx = x(ref.median.reqPerSec).toFixed(1);
    parts.push(`<line x1="${rx}" y1="${top - 8}" x2="${rx}" y2="${top + rows.length * rowH}" stroke="#777" stroke-dasharray="3,3"/>`);
    parts.push(`<text x="${rx}" y="${top - 11}" fill="#555" text-anchor="middle">${esc(label)}</text>`);
  }
  rows.forEach((s, i) => {
    const y = top + i * rowH;
    const w = Math.max(1, x(s.median.reqPerSec) - left);
    const flagged = s.totals.unexpected + s.totals.errors + s.totals.timeouts > 0 || s.checks.after !== undefined || s.checks.before !== undefined;
    parts.push(`<text x="${left - 8}" y="${y + 15}" text-anchor="end">${esc(rowLabel(s))}</text>`);
    parts.push(`<rect x="${left}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${colour[s.kind]}"/>`);
    parts.push(`<text x="${(left + w + 5).toFixed(1)}" y="${y + 15}">${esc(`${Math.round(s.median.reqPerSec).toLocaleString('en-US')}${flagged ? ' (errors!)' : ''}`)}</text>`);
    const labels = ratioLabel(s);
    if (labels) parts.push(`<text x="${left + barWidth + 80}" y="${y + 15}" fill="#333">${esc(labels)}</text>`);
  });
  const foot = top + rows.length * rowH + 24;
  parts.push(`<text x="10" y="${foot}" fill="#555">${esc('grey: baselines, nothing behind them (no validation, no store) · dark blue: the gateway · light blue: gateway variants, full overview')}</text>`);
  parts.push(`<text x="10" y="${foot + 16}" fill="#555">${esc('×node-soap: against the node-soap no-op with the same answer size · ×reference: against the gateway with default settings driven with the overview only')}</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
