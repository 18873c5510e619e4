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
const RUNS = 50;
const times = await page.evaluate(async ({ policy, runs }) => {
  const m = await import('/pkg/index.js');
  await m.api.analyzePolicy('预热');
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await m.api.analyzePolicy(policy);
    out.push(performance.now() - t);
  }
  return out;
}, { policy: text, runs: RUNS });
// The first call is what a page that analyses its policy once pays: V8 compiles the engine's
// functions on first use. The median is the engine's steady speed.
const first = times[0];
const sorted = times.slice(1).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(`policy wasm smart-life-app-zh-en.txt ${Buffer.byteLength(text)} bytes: analyze median ${median.toFixed(2)} ms (min ${sorted[0].toFixed(2)}, max ${sorted[sorted.length - 1].toFixed(2)}) over ${RUNS - 1} runs in Chromium; first call ${first.toFixed(2)} ms`);
await chrome.close();
await server.stop();
