// @ts-check
/**
 * Baseline 1: bare Koa answering every POST with one fixed reply (the gateway's full overview
 * answer, byte for byte), after reading the request body. Nothing else: no parsing, no store.
 * Plain JavaScript, run by plain node like the compiled gateway (no loader in the process);
 * type-checked with the bench (checkJs).
 *
 *   node bench/targets/koa.mjs <port> <reply-file>
 */
import { readFileSync } from 'node:fs';
import Koa from 'koa';

const [portArg, replyFile] = process.argv.slice(2);
if (!portArg || !replyFile) {
  process.stderr.write('usage: koa.mjs <port> <reply-file>\n');
  process.exit(2);
}
const reply = readFileSync(replyFile);

const app = new Koa();
app.silent = true;
app.use(async (ctx) => {
  if (ctx.method === 'GET' && ctx.path === '/ready') {
    ctx.body = { status: 'ready', bytes: reply.length };
    return;
  }
  // Read the request to its end, as any real service must before it answers.
  for await (const _chunk of ctx.req) void _chunk;
  ctx.type = 'text/xml; charset=utf-8';
  ctx.body = reply;
});
const server = app.listen(Number(portArg), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
