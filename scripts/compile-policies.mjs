// Precompiles the demo's policies (www/policies/*.txt -> *.json) with the policy engine
// just built in pkg/, the same analysis as `mingshi policy compile`. The generated files
// are not committed. Run by scripts/build.sh.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const engine = await import(join(root, 'pkg/mingshi-policy.js'));
await engine.default({ module_or_path: readFileSync(join(root, 'pkg/mingshi-policy_bg.wasm')) });
const dir = join(root, 'www/policies');
for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
  writeFileSync(join(dir, name.replace(/\.txt$/, '.json')), engine.analyzePolicy(readFileSync(join(dir, name), 'utf8')));
}
