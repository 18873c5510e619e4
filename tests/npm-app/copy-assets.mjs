// Copies what the bundle loads at run time (the component's wasm, the policy engine's and the
// configuration messages', found next to the bundle through `new URL(..., import.meta.url)`)
// and the page into dist/.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('mingshi/mingshi-wasm_bg.wasm'));
mkdirSync('dist', { recursive: true });
for (const wasm of ['mingshi-wasm_bg.wasm', 'mingshi-policy_bg.wasm', 'mingshi-messages_bg.wasm']) copyFileSync(join(pkgDir, wasm), join('dist', wasm));
copyFileSync('index.html', 'dist/index.html');
copyFileSync('policy.txt', 'dist/policy.txt');
