// Mingshi side by side with the consent managers people use today, on the same page, in
// the same headless Chromium, in one run: code size (gzip, brotli), time to the first-run
// dialog, time until a returning visitor's consent is readable, blocking time and long
// tasks, CLS and JS heap; cold cache each load, without and with 4x CPU throttling.
//   npm run bench            (after scripts/build.sh; writes bench/results/)
// Env: BENCH_LOADS (default 20 per library and mode), BENCH_LIBS (comma-separated names),
// BENCH_COMPARE (another build's pkg/ directory): see libs.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchBrowser } from '../tests/e2e/harness.mjs';
import { coldPage, LIBS, pagePath, recorded, serveSite, sizes } from './libs.mjs';

const LOADS = Number(process.env.BENCH_LOADS || 20);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const spread = (xs) => { const s = [...xs].sort((a, b) => a - b); return [s[Math.floor(s.length * 0.25)], s[Math.floor(s.length * 0.75)]]; };

async function load(browser, url, lib, throttle, returning) {
  // Throttled only for the measured load: a returning visitor's first visit runs at full speed.
  const { context, page, cdp } = await coldPage(browser, lib, null);
  let transferred = 0;
  cdp.on('Network.loadingFinished', (e) => { transferred += e.encodedDataLength; });
  if (returning) {
    await page.goto(url);
    await recorded(cdp, 'dialogAt');
    await page.evaluate(lib.accept);
    await page.waitForTimeout(200);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  transferred = 0;
  await page.goto(url);
  const key = returning ? 'readyAt' : 'dialogAt';
  await recorded(cdp, key);
  await page.waitForTimeout(300);
  const m = await recorded(cdp, key);
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await context.close();
  const tbt = m.longtasks.reduce((s, d) => s + Math.max(0, d - 50), 0);
  return returning ? { ready: m.readyAt } : { dialog: m.dialogAt, tbt, longtasks: m.longtasks.length, cls: m.cls, heap, transferred };
}

const server = await serveSite();
const chrome = await launchBrowser();
const raw = { loads: LOADS, date: new Date().toISOString(), libraries: {} };
for (const name of Object.keys(LIBS)) raw.libraries[name] = { size: sizes(LIBS[name]), runs: { 1: [], 4: [] }, returning: { 1: [], 4: [] } };
for (const throttle of [1, 4]) {
  for (let i = 0; i < LOADS; i++) {
    for (const name of Object.keys(LIBS)) { // alternating libraries
      const url = server.url + pagePath(name);
      console.error(`${name} ${throttle}x load ${i + 1}/${LOADS}`);
      raw.libraries[name].runs[throttle].push(await load(chrome.browser, url, LIBS[name], throttle, false));
      raw.libraries[name].returning[throttle].push(await load(chrome.browser, url, LIBS[name], throttle, true));
    }
  }
}
await chrome.close();
await server.stop();

const rows = [];
const summary = {};
for (const [name, r] of Object.entries(raw.libraries)) {
  const s = { size: r.size };
  for (const t of [1, 4]) {
    const runs = r.runs[t];
    s[t] = {
      dialog: median(runs.map((x) => x.dialog)), dialogSpread: spread(runs.map((x) => x.dialog)),
      ready: median(r.returning[t].map((x) => x.ready)), tbt: median(runs.map((x) => x.tbt)),
      longtasks: median(runs.map((x) => x.longtasks)), cls: median(runs.map((x) => x.cls)),
      heap: median(runs.map((x) => x.heap)), transferred: median(runs.map((x) => x.transferred)),
    };
  }
  summary[name] = s;
}
const kb = (b) => (b / 1024).toFixed(1);
const ms = (x) => x.toFixed(0);
rows.push(`Run ${raw.date}, ${LOADS} cold loads per library and CPU setting, headless Chromium, loopback.`, '');
rows.push('| library | code gzip KB | code brotli KB | throttle | dialog ms (p25–p75) | returning: consent readable ms | blocking ms | long tasks | CLS | JS heap MB |');
rows.push('|---|---|---|---|---|---|---|---|---|---|');
for (const [name, s] of Object.entries(summary)) {
  for (const t of [1, 4]) {
    const x = s[t];
    rows.push(`| ${name} | ${kb(s.size.gzip)} | ${kb(s.size.brotli)} | ${t}x | ${ms(x.dialog)} (${ms(x.dialogSpread[0])}–${ms(x.dialogSpread[1])}) | ${ms(x.ready)} | ${ms(x.tbt)} | ${x.longtasks} | ${x.cls.toFixed(3)} | ${(x.heap / 1048576).toFixed(1)} |`);
  }
}
rows.push('', '| Mingshi ÷ peer | code gzip | dialog 1x | dialog 4x | blocking 4x |', '|---|---|---|---|---|');
const me = summary.mingshi;
for (const [name, s] of Object.entries(summary)) {
  if (name.startsWith('mingshi')) continue;
  const ratio = (a, b) => (b ? (a / b).toFixed(2) : 'n/a');
  rows.push(`| ${name} | ${ratio(me.size.gzip, s.size.gzip)} | ${ratio(me[1].dialog, s[1].dialog)} | ${ratio(me[4].dialog, s[4].dialog)} | ${ratio(me[4].tbt, s[4].tbt)} |`);
}
// A bar chart of time to dialog (4x throttling) and code size.
const names = Object.keys(summary);
const maxT = Math.max(...names.map((n) => summary[n][4].dialog));
const maxS = Math.max(...names.map((n) => summary[n].size.gzip));
const bar = (y, w, label, value, color) => `<rect x="180" y="${y}" width="${w}" height="18" fill="${color}"/><text x="175" y="${y + 14}" text-anchor="end">${label}</text><text x="${185 + w}" y="${y + 14}">${value}</text>`;
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="${80 + names.length * 56}" font-family="sans-serif" font-size="12">`;
svg += `<text x="10" y="20" font-weight="bold">Time to dialog, 4x CPU throttling (ms, median)</text>`;
names.forEach((n, i) => { svg += bar(30 + i * 24, 380 * summary[n][4].dialog / maxT, n, ms(summary[n][4].dialog), '#0a58ca'); });
const y0 = 50 + names.length * 24;
svg += `<text x="10" y="${y0}" font-weight="bold">Code a page downloads (KB gzip)</text>`;
names.forEach((n, i) => { svg += bar(y0 + 10 + i * 24, 380 * summary[n].size.gzip / maxS, n, kb(summary[n].size.gzip), '#f59f00'); });
svg += '</svg>';
const out = join(ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'peers.md'), rows.join('\n') + '\n');
writeFileSync(join(out, 'peers.svg'), svg);
writeFileSync(join(out, 'peers.json'), JSON.stringify({ raw, summary }, null, 1));
console.log(rows.join('\n'));
