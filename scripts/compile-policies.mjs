// Precompiles the demo's policies (www/policies/*.txt -> *.json) with the policy engine
// just built in pkg/. The generated files are not committed. Run by scripts/build.sh.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyEngine } from './policy-engine.mjs';

const engine = await policyEngine();
const dir = join(import.meta.dirname, '..', 'www/policies');
for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
  writeFileSync(join(dir, name.replace(/\.txt$/, '.json')), engine.analyzePolicy(readFileSync(join(dir, name), 'utf8')));
}
