// Where the main thread's time goes up to the dialog, by function: loads a benchmark page
// (libs.mjs) cold under a sampling CPU profile, with CPU throttling, and prints the functions
// with the most self time (JS and wasm) from navigation until the dialog is visible, summed
// over the loads. For wasm names, profile a build whose wasm keeps its name section
// (WASM_NAMES=1: the same code as the plain build, paired with its glue), from another dir:
//   WASM_NAMES=1 ./scripts/build.sh && rm -rf /tmp/names && cp -r pkg /tmp/names && ./scripts/build.sh
//   BENCH_COMPARE=/tmp/names BENCH_LIBS='mingshi (compare)' node bench/profile.mjs
// Sampling adds overhead: compare functions within one run, take times from peers.mjs. Not a test.
// Env: BENCH_LIBS, BENCH_COMPARE (as for peers.mjs), PROFILE_LOADS (default 5), TRACE_RATE (default 4),
// PROFILE_TOP (default 40).
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { coldPage, LIBS, pagePath, recorded, serveSite } from './libs.mjs';

const LOADS = Number(process.env.PROFILE_LOADS || 5);
const RATE = Number(process.env.TRACE_RATE || 4);
const TOP = Number(process.env.PROFILE_TOP || 40);

/** One cold load under the profiler; adds each function's self time (ms) to `totals`. */
async function profiled(browser, url, lib, totals) {
  const { context, page, cdp } = await coldPage(browser, lib, RATE);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  const { dialogAt } = await recorded(cdp, 'dialogAt');
  const { profile } = await cdp.send('Profiler.stop');
  await context.close();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const { callFrame: f } = byId.get(profile.samples[i]);
    const dt = (profile.timeDeltas[i + 1] || 0) / 1000;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? f.url.split('/').pop() : ''}`.trim();
    totals.set(key, (totals.get(key) || 0) + dt);
  }
  return dialogAt;
}

const server = await serveSite();
const chrome = await launchBrowser();
for (const [name, lib] of Object.entries(LIBS)) {
  const totals = new Map();
  const dialogs = [];
  for (let i = 0; i < LOADS; i++) dialogs.push(await profiled(chrome.browser, server.url + pagePath(name), lib, totals));
  console.log(`${name}, ${LOADS} loads at ${RATE}x: dialog at ${dialogs.map((d) => d.toFixed(0)).join(', ')} ms`);
  const busy = [...totals].filter(([k]) => !/^\((idle|program|garbage collector)\)/.test(k));
  const sum = busy.reduce((s, [, v]) => s + v, 0);
  console.log(`  self time per load, all functions: ${(sum / LOADS).toFixed(1)} ms; ${['(program)', '(garbage collector)'].map((k) => `${k} ${((totals.get(k) || 0) / LOADS).toFixed(1)} ms`).join(', ')}`);
  for (const [k, v] of busy.sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${(v / LOADS).toFixed(2).padStart(7)} ms  ${k}`);
}
await chrome.close();
await server.stop();
