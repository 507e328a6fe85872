/**
 * The bench's child processes: each target runs in its own process group (spawned detached), so
 * that stopping it stops everything it started (a cluster's workers too). Every process started
 * here is registered, and `stopAll` ends them all: at the end, on Ctrl-C and on an error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { get } from './http.js';

export interface Target {
  readonly name: string;
  readonly port: number;
  readonly options: StartOptions;
  /** The process (group leader) serving now; a restart replaces it. */
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 on GET /ready (of the first start). */
  readyMs: number;
  /** The last lines the process wrote on stderr, for an error message. */
  readonly stderr: string[];
  /** Set when the process has ended ("exited with 1", "exited with SIGKILL"). */
  exit?: string;
  /** How often it was started again after it ended during the run. */
  restarts: number;
  /** The lines on stdout that `StartOptions.keepStdout` kept. */
  readonly stdout: string[];
}

const running = new Set<Target>();

export interface StartOptions {
  readonly name: string;
  readonly port: number;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly readyTimeoutMs?: number;
  /** Which lines of stdout to keep (none are read by default). */
  readonly keepStdout?: (line: string) => boolean;
}

/** Starts `node <args>` in its own process group and waits until GET /ready answers 200. */
export async function startTarget(o: StartOptions): Promise<Target> {
  const started = performance.now();
  const target = launch(o, undefined);
  await waitReady(target);
  target.readyMs = performance.now() - started;
  return target;
}

/**
 * Starts a target that ended during the run once more, the same way and on the same port (its
 * database file, and so its data, stays), so that the runs that address it keep working.
 */
export async function restartTarget(t: Target): Promise<void> {
  launch(t.options, t);
  t.restarts++;
  await waitReady(t);
}

function launch(o: StartOptions, existing: Target | undefined): Target {
  // The title names the process as the bench's in ps (cvs-bench:<name>), so that nobody takes
  // it for a gateway of their own.
  const child = spawn(process.execPath, [`--title=cvs-bench:${o.name}`, ...o.args], { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', o.keepStdout ? 'pipe' : 'ignore', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${o.name}: could not be started`);
  const target: Target = existing ?? { name: o.name, port: o.port, options: o, pid: child.pid, child, readyMs: 0, stderr: [], restarts: 0, stdout: [] };
  target.pid = child.pid;
  target.child = child;
  delete target.exit;
  running.add(target);
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    target.stderr.push(...chunk.split('\n').filter(Boolean));
    target.stderr.splice(0, Math.max(0, target.stderr.length - 20));
  });
  const keep = o.keepStdout;
  if (keep && child.stdout) {
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      target.stdout.push(...lines.filter(keep));
    });
  }
  const pid = child.pid;
  child.on('exit', (code, signal) => {
    if (target.child !== child) return;
    target.exit = `exited with ${signal ?? code}`;
    running.delete(target);
    // Whatever the leader left behind in its group (a cluster's workers) goes with it.
    killGroup(pid, 'SIGKILL');
  });
  return target;
}

async function waitReady(target: Target): Promise<void> {
  const o = target.options;
  const deadline = Date.now() + (o.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (target.exit) throw new Error(`${o.name} ${target.exit} before it was ready:\n  ${target.stderr.join('\n  ')}`);
    if (Date.now() > deadline) throw new Error(`${o.name} was not ready within ${(o.readyTimeoutMs ?? 60_000) / 1000} s:\n  ${target.stderr.join('\n  ')}`);
    try {
      if ((await get(`http://127.0.0.1:${o.port}/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
}

/** Stops one target: SIGTERM (or `signal`) to its group, SIGKILL after `graceMs`. Resolves on exit. */
export function stopTarget(t: Target, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  if (!running.has(t)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => killGroup(t.pid, 'SIGKILL'), graceMs);
    t.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // Only the leader gets the signal first, so that it can shut down its own way (and write a
    // CPU profile); the group follows on exit.
    try {
      process.kill(t.pid, signal);
    } catch {
      killGroup(t.pid, 'SIGKILL');
    }
  });
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((t) => stopTarget(t)));
}

/** Last resort, synchronous (process 'exit'): SIGKILL every group still registered. */
export function killAllNow(): void {
  for (const t of running) killGroup(t.pid, 'SIGKILL');
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** A free TCP port on the loopback address (the OS picks one; the target binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** The processes whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** VmRSS of one process in bytes, 0 when it is gone. */
export function rssOf(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** VmRSS of a process and all its descendants (a cluster primary and its workers), in bytes. */
export function treeRss(pid: number): number {
  let total = rssOf(pid);
  for (const child of childrenOf(pid)) total += treeRss(child);
  return total;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
