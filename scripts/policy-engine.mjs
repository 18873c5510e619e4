// The policy engine (pkg/mingshi-policy*, built by scripts/build.sh) loaded in Node, to
// precompile policies outside the browser: the same analysis as `mingshi policy compile`.
// Used by scripts/compile-policies.mjs and bench/peers.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = join(import.meta.dirname, '..', 'pkg');

/** Resolves to the engine module; `analyzePolicy(text)` returns the precompiled JSON. */
export async function policyEngine() {
  const engine = await import(join(pkg, 'mingshi-policy.js'));
  await engine.default({ module_or_path: readFileSync(join(pkg, 'mingshi-policy_bg.wasm')) });
  return engine;
}
