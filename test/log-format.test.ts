/**
 * `npm start` at a terminal prints readable lines (pino-pretty); with stdout to a pipe or a file,
 * as a collector reads it, JSON lines; CVS_LOG_FORMAT chooses either way. The terminal is a real
 * pseudo-terminal, made by util-linux `script`.
 */
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { ROOT } from '../src/config.js';
import { call } from './support/client.js';

/** `npm start` in its own process group, at a terminal or not; its output as it comes. */
function start(env: Record<string, string>, terminal: boolean) {
  const [cmd, args] = terminal ? ['script', ['-qec', 'npm start --silent', '/dev/null']] : ['npm', ['start', '--silent']];
  const child = spawn(cmd as string, args as string[], {
    cwd: ROOT,
    env: { ...process.env, CVS_PORT: '0', TERM: 'xterm', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    out: () => out,
    async until(pattern: RegExp): Promise<RegExpExecArray> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const m = pattern.exec(out);
        if (m) return m;
        if (Date.now() > deadline) throw new Error(`not seen: ${pattern}\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // gone already
      }
      await exited;
    },
  };
}

// ANSI colour codes, which only a terminal gets.
const KLEUR = /\x1b\[\d+m/;

describe('log format', function () {
  this.timeout(40_000);

  it('is readable at a terminal: one line per request, with its fields, in colour', async () => {
    const gateway = start({}, true);
    try {
      const endpoint = (await gateway.until(/INFO.*cvs-koppeling listening.*endpoint.*"(http:[^"]+)"/))[1]!;
      const { messageId } = await call(endpoint, 'OpvragenPersoon', [['Bsn', '999901333']]);
      const regel = (await gateway.until(new RegExp(`^.*INFO.*request.*${messageId}.*$`, 'm')))[0];
      expect(regel).to.match(/^\[\d\d:\d\d:\d\d\.\d{3}\] /);
      expect(regel).to.match(KLEUR);
      expect(regel).to.include('"OpvragenPersoon"');
      expect(gateway.out()).not.to.match(/^\{"level"/m);
      expect(gateway.out()).not.to.include('999901333');
    } finally {
      await gateway.stop();
    }
  });

  it('is JSON lines for a collector, and CVS_LOG_FORMAT chooses either way', async () => {
    const json = start({ CVS_LOG_FORMAT: 'json' }, true);
    try {
      const regel = (await json.until(/^\{.*"msg":"cvs-koppeling listening".*\}\r?$/m))[0];
      expect(JSON.parse(regel)).to.include({ level: 'info', modus: 'sandbox' });
    } finally {
      await json.stop();
    }
    const pipe = start({}, false);
    try {
      await pipe.until(/^\{.*"msg":"cvs-koppeling listening".*\}$/m);
      for (const regel of pipe.out().trim().split('\n')) expect(() => JSON.parse(regel), regel).not.to.throw();
    } finally {
      await pipe.stop();
    }
    const pretty = start({ CVS_LOG_FORMAT: 'pretty' }, false);
    try {
      const regel = (await pretty.until(/^\[.*INFO.*cvs-koppeling listening.*$/m))[0];
      expect(regel).not.to.match(KLEUR);
    } finally {
      await pretty.stop();
    }
  });
});
