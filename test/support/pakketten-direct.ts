/**
 * For `npm run test:unit` (mocha --require tsx --require this): the ES modules of installed
 * packages (node_modules/**.mjs) load as Node loads them, without a pass through tsx, which has
 * nothing to compile there but rewrites every dynamic import() of such a file on its hooks thread:
 * for libxml2-wasm's 1 MB module that pass alone was a quarter of the unit run. A hook in the
 * loading thread (module.registerHooks, Node 22.15 and later) answers first; on an older Node
 * this does nothing and tsx loads them as before.
 */
import * as nodeModule from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type LoadHook = (
  url: string,
  context: object,
  nextLoad: (url: string, context: object) => unknown,
) => unknown;
const registerHooks = (nodeModule as { registerHooks?: (hooks: { load: LoadHook }) => unknown }).registerHooks;

registerHooks?.({
  load(url, context, nextLoad) {
    if (url.startsWith('file:') && url.includes('/node_modules/') && url.endsWith('.mjs')) {
      return { format: 'module', source: readFileSync(fileURLToPath(url)), shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});
