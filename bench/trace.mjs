// Where the time to the dialog goes: loads each benchmark page (libs.mjs) cold, with CPU
// throttling, under a DevTools trace, and prints when each request was sent and finished,
// the main thread's tasks of 5 ms or more up to the dialog (with the longest events in
// each), and when the dialog was visible. Times are ms from navigation start. Tracing slows
// the page, and other work on the machine slows it more: compare libraries within one run,
// and take the figures from peers.mjs. Not a test.
//   node bench/trace.mjs                 (after scripts/build.sh)
// Env: BENCH_LIBS (as for peers.mjs), TRACE_LOADS (default 3 per library), TRACE_RATE
// (CPU slowdown, default 4).
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { coldPage, LIBS, pagePath, recorded, serveSite } from './libs.mjs';

const LOADS = Number(process.env.TRACE_LOADS || 3);
const RATE = Number(process.env.TRACE_RATE || 4);
const CATEGORIES = 'blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline,loading,v8.execute,v8.wasm';

/** One cold load of `url` under a trace; resolves to the trace events and `dialogAt`. */
async function traced(browser, url, lib) {
  const { context, page, cdp } = await coldPage(browser, lib, RATE);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.goto(url);
  await recorded(cdp, 'dialogAt');
  await page.waitForTimeout(300);
  const { dialogAt } = await recorded(cdp, 'dialogAt');
  await cdp.send('Tracing.end');
  await complete;
  await context.close();
  return { events, dialogAt };
}

/** The page's renderer process and its main thread: where the HTML was parsed. */
function renderer(events) {
  const parse = events.find((e) => e.name === 'ParseHTML');
  return { inProcess: (e) => e.pid === parse.pid, onMain: (e) => e.pid === parse.pid && e.tid === parse.tid };
}

const file = (url) => url.split('/').pop() || url;

function report(name, site, { events, dialogAt }) {
  const { inProcess, onMain } = renderer(events);
  const nav = events.find((e) => e.name === 'navigationStart' && inProcess(e));
  const at = (ts) => ((ts - nav.ts) / 1000).toFixed(0);
  const requests = new Map();
  for (const e of events) {
    const d = e.args && e.args.data;
    if (!d || !d.requestId) continue;
    if (e.name === 'ResourceSendRequest' && d.url.startsWith(site)) requests.set(d.requestId, { url: d.url, sent: e.ts });
    if (e.name === 'ResourceFinish' && requests.has(d.requestId)) requests.get(d.requestId).done = e.ts;
  }
  console.log(`${name}: dialog visible at ${dialogAt.toFixed(0)} ms`);
  console.log(`  requests: ${[...requests.values()].map((r) => `${file(r.url)} ${at(r.sent)}–${r.done ? at(r.done) : '?'}`).join(', ')}`);
  const slices = events.filter((e) => onMain(e) && e.ph === 'X' && e.dur > 0);
  const end = nav.ts + (dialogAt + 100) * 1000; // up to shortly after the dialog is visible
  for (const task of slices.filter((e) => e.name === 'RunTask' && e.dur >= 5000 && e.ts >= nav.ts && e.ts < end)) {
    const inside = new Map();
    for (const e of slices) {
      if (e === task || e.name === 'RunTask' || e.ts < task.ts || e.ts >= task.ts + task.dur || e.dur < 1000) continue;
      const d = (e.args && e.args.data) || {};
      const key = e.name + (d.url ? ` ${file(d.url)}` : '');
      inside.set(key, Math.max(inside.get(key) || 0, e.dur));
    }
    const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 6)
      .map(([k, d]) => `${k} ${(d / 1000).toFixed(1)}`).join(', ');
    console.log(`  task ${at(task.ts)} ms, ${(task.dur / 1000).toFixed(1)} ms: ${top}`);
  }
}

const server = await serveSite();
const chrome = await launchBrowser();
for (let i = 0; i < LOADS; i++) {
  for (const [name, lib] of Object.entries(LIBS)) {
    report(`${name} (load ${i + 1}, ${RATE}x)`, server.url, await traced(chrome.browser, server.url + pagePath(name), lib));
  }
}
await chrome.close();
await server.stop();
