/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and lists the functions with the most self time.
 * Self time of a node = hitCount × the sampling interval; one function reached along several call
 * paths has several nodes, which are added up per function (name, file, line).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly hitCount?: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface HotFunction {
  readonly name: string;
  readonly where: string;
  readonly selfMs: number;
  /** Share of the time the process was busy (everything but "(idle)"). */
  readonly percentBusy: number;
}

/**
 * `windowUs`: only the samples taken between these two moments (microseconds of the monotonic
 * clock, which V8's profile and process.hrtime share on Linux), so that start-up and shut-down
 * stay out; when no sample falls inside it, the whole profile counts.
 */
export function topSelfTime(
  file: string,
  root: string,
  count = 15,
  windowUs?: readonly [number, number],
): { intervalUs: number; busyMs: number; samplesInWindow: number | 'all'; top: HotFunction[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const samples = profile.samples?.length ?? profile.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0);
  const intervalUs = samples > 0 ? (profile.endTime - profile.startTime) / samples : 0;
  // Hits per node: inside the window when one is given and the samples carry their times.
  let hitsOf = (node: ProfileNode) => node.hitCount ?? 0;
  let samplesInWindow: number | 'all' = 'all';
  if (windowUs && profile.samples && profile.timeDeltas) {
    const inWindow = new Map<number, number>();
    let t = profile.startTime;
    let n = 0;
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas![i] ?? 0;
      if (t >= windowUs[0] && t <= windowUs[1]) {
        inWindow.set(id, (inWindow.get(id) ?? 0) + 1);
        n++;
      }
    });
    if (n > 0) {
      hitsOf = (node) => inWindow.get(node.id) ?? 0;
      samplesInWindow = n;
    }
  }
  const perFunction = new Map<string, { name: string; where: string; hits: number }>();
  let busyHits = 0;
  for (const node of profile.nodes) {
    const hits = hitsOf(node);
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName !== '(idle)') busyHits += hits;
    const where = url ? `${shorten(url, root)}:${lineNumber + 1}` : '';
    const key = `${functionName}\u0000${where}`;
    const entry = perFunction.get(key) ?? { name: functionName || '(anonymous)', where, hits: 0 };
    entry.hits += hits;
    perFunction.set(key, entry);
  }
  const top = [...perFunction.values()]
    .filter((f) => f.name !== '(idle)')
    .sort((a, b) => b.hits - a.hits)
    .slice(0, count)
    .map((f) => ({ name: f.name, where: f.where, selfMs: (f.hits * intervalUs) / 1000, percentBusy: busyHits ? (100 * f.hits) / busyHits : 0 }));
  return { intervalUs, busyMs: (busyHits * intervalUs) / 1000, samplesInWindow, top };
}

function shorten(url: string, root: string): string {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.startsWith(root) ? relative(root, path) : path;
}
