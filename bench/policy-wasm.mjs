// Policy engine in the browser: analyses the largest shared policy (78 KB) with the
// release wasm in headless Chromium and prints the median time. Not a test.
//   node bench/policy-wasm.mjs        (after scripts/build.sh)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, launchBrowser } from '../tests/e2e/harness.mjs';

const text = readFileSync(join(ROOT, 'crates/mingshi-core/tests/fixtures/policies/smart-life-app-zh-en.txt'), 'utf8');
const server = await startServer();
const chrome = await launchBrowser();
const page = await chrome.browser.newPage();
await page.goto(server.url + '/examples/index.html');
const times = await page.evaluate(async (policy) => {
  const m = await import('/pkg/index.js');
  await m.api.analyzePolicy('预热');
  const out = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await m.api.analyzePolicy(policy);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}, text);
console.log(`policy wasm smart-life-app-zh-en.txt ${Buffer.byteLength(text)} bytes: analyze median ${times[15].toFixed(2)} ms (min ${times[0].toFixed(2)}, max ${times[29].toFixed(2)}) over 30 runs in Chromium`);
await chrome.close();
await server.stop();
