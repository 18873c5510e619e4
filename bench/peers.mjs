// Mingshi side by side with the consent managers people use today, on the same page, in
// the same headless Chromium, in one run: code size (gzip, brotli), time to the first-run
// dialog, time until a returning visitor's consent is readable, blocking time and long
// tasks, CLS and JS heap; cold cache each load, without and with 4x CPU throttling.
//   npm run bench            (after scripts/build.sh; writes bench/results/)
// Env: BENCH_LOADS (default 20 per library and mode), BENCH_LIBS (comma-separated names),
// BENCH_COMPARE (another build's pkg/ directory, see below).
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, launchBrowser } from '../tests/e2e/harness.mjs';
import { policyEngine } from '../scripts/policy-engine.mjs';

const LOADS = Number(process.env.BENCH_LOADS || 20);
// BENCH_LIBS=mingshi,vanilla-cookieconsent: a quick look at some libraries (the committed
// results are always of all of them).
const ONLY = process.env.BENCH_LIBS ? process.env.BENCH_LIBS.split(',') : null;
const nm = (p) => join(ROOT, 'node_modules', p);
const PAGE = (head, body = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title>${head}</head>
<body><main><h1>A shop</h1><p>${'Lorem ipsum dolor sit amet. '.repeat(40)}</p></main>${body}</body></html>`;
const TEXT = { title: 'We use cookies', description: 'We use cookies for analytics and marketing. You can accept or reject them.' };

// The policy engine compiles the short policy the way `mingshi policy compile` would.
const engine = await policyEngine();
const POLICY_TEXT = `${TEXT.title}\n${TEXT.description}`;
const pkg = (...names) => Object.fromEntries(names.map((n) => [`pkg/${n}`, join(ROOT, 'pkg', n)]));

/** Mingshi with `policy` as its policy source; `files` is the code the page downloads. */
const mingshi = (policy, files, dir = 'pkg') => ({
  files,
  page: PAGE(`<script type="application/json" id="mingshi-config">${JSON.stringify({
    policy: { version: '1', ...policy }, controller: { name: 'Shop', contact: 'p@shop.example' },
    language: 'en', receipts: { enabled: false }, behaviour: { show_settings_entry: false },
    categories: [{ id: 'analytics', title: 'Analytics' }, { id: 'marketing', title: 'Marketing' }] })}</script>
    <script src="/lib/${dir}/mingshi.js" async></script>`),
  dialog: '#mingshi-root', accept: () => window.Mingshi.acceptAll(),
  consentReady: () => !!(window.Mingshi && window.Mingshi.getConsent && window.Mingshi.getConsent()),
});
const COMPONENT = ['mingshi.js', 'index.js', 'mingshi-wasm.js', 'mingshi-wasm_bg.wasm', 'miniprogram.js'];

/** Each library: its files (served from /lib), its page, and how to see its dialog and stored consent. */
const LIBS = {
  // As recommended: the policy precompiled at build time (the JSON is data, like a peer's texts).
  mingshi: mingshi({ compiled: '/policy.json' }, pkg(...COMPONENT)),
  // The policy as text: the page also loads the policy engine and analyses it.
  'mingshi (policy text)': mingshi({ text: POLICY_TEXT }, pkg(...COMPONENT, 'mingshi-policy.js', 'mingshi-policy_bg.wasm')),
  'vanilla-cookieconsent': {
    files: { 'cc.umd.js': nm('vanilla-cookieconsent/dist/cookieconsent.umd.js'), 'cc.css': nm('vanilla-cookieconsent/dist/cookieconsent.css') },
    page: PAGE('<link rel="stylesheet" href="/lib/cc.css">', `<script src="/lib/cc.umd.js"></script><script>
      CookieConsent.run({ hideFromBots: false, categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, marketing: {} },
        language: { default: 'en', translations: { en: {
          consentModal: { title: '${TEXT.title}', description: '${TEXT.description}', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Manage' },
          preferencesModal: { title: 'Preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save', sections: [
            { title: 'Analytics', linkedCategory: 'analytics' }, { title: 'Marketing', linkedCategory: 'marketing' } ] } } } } });</script>`),
    dialog: '#cc-main .cm', accept: () => document.querySelector('#cc-main [data-role="all"]').click(),
    consentReady: () => !!(window.CookieConsent && window.CookieConsent.validConsent && window.CookieConsent.validConsent()),
  },
  klaro: {
    files: { 'klaro.js': nm('klaro/dist/klaro.js') },
    page: PAGE(`<script>window.klaroConfig = { storageMethod: 'localStorage', mustConsent: false, acceptAll: true, hideDeclineAll: false,
      translations: { en: { consentNotice: { description: '${TEXT.description}' }, purposes: { analytics: 'Analytics', marketing: 'Marketing' } } },
      services: [ { name: 'stats', title: 'Stats', purposes: ['analytics'] }, { name: 'ads', title: 'Ads', purposes: ['marketing'] } ] };</script>
      <script defer src="/lib/klaro.js"></script>`),
    dialog: '.klaro .cookie-notice', accept: () => { const m = window.klaro.getManager(); m.changeAll(true); m.saveAndApplyConsents(); },
    consentReady: () => !!(window.klaro && window.klaro.getManager && window.klaro.getManager().confirmed),
  },
  'osano-cookieconsent': {
    files: { 'osano.js': nm('cookieconsent/build/cookieconsent.min.js'), 'osano.css': nm('cookieconsent/build/cookieconsent.min.css') },
    page: PAGE('<link rel="stylesheet" href="/lib/osano.css">', `<script src="/lib/osano.js"></script><script>
      window.cookieconsent.initialise({ type: 'opt-in', content: { message: '${TEXT.description}', allow: 'Accept', deny: 'Reject' } });</script>`),
    dialog: '.cc-window', accept: () => document.querySelector('.cc-allow').click(),
    consentReady: () => /cookieconsent_status=/.test(document.cookie),
  },
};

// BENCH_COMPARE=DIR: another build's pkg/ (e.g. of an older commit), measured as
// "mingshi (compare)" in the same run, alternating with this one.
if (process.env.BENCH_COMPARE) {
  LIBS['mingshi (compare)'] = mingshi({ compiled: '/policy.json' },
    Object.fromEntries(COMPONENT.map((n) => [`compare/${n}`, join(process.env.BENCH_COMPARE, n)])), 'compare');
}
if (ONLY) for (const name of Object.keys(LIBS)) if (!ONLY.includes(name)) delete LIBS[name];

function sizes(lib) {
  let raw = 0, gz = 0, br = 0;
  for (const f of Object.values(lib.files)) {
    const b = readFileSync(f);
    raw += b.length; gz += gzipSync(b, { level: 9 }).length; br += brotliCompressSync(b).length;
  }
  return { raw, gzip: gz, brotli: br };
}

const INIT = (dialogSel, readyFn) => `(() => {
  window.__m = { longtasks: [], cls: 0 };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__m.longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__m.cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
  const ready = ${readyFn.toString()};
  const tick = () => {
    const d = document.querySelector(${JSON.stringify(dialogSel)});
    if (window.__m.dialogAt === undefined && d && d.getClientRects().length && getComputedStyle(d).visibility !== 'hidden') window.__m.dialogAt = performance.now();
    if (window.__m.readyAt === undefined) { try { if (ready()) window.__m.readyAt = performance.now(); } catch (e) {} }
    if (window.__m.dialogAt === undefined || window.__m.readyAt === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function load(browser, url, lib, throttle, returning) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let transferred = 0;
  cdp.on('Network.loadingFinished', (e) => { transferred += e.encodedDataLength; });
  await page.addInitScript(INIT(lib.dialog, lib.consentReady));
  if (returning) {
    await page.goto(url);
    await page.waitForFunction(() => window.__m.dialogAt !== undefined, null, { timeout: 30000 });
    await page.evaluate(lib.accept);
    await page.waitForTimeout(200);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  transferred = 0;
  await page.goto(url);
  const key = returning ? 'readyAt' : 'dialogAt';
  await page.waitForFunction((k) => window.__m[k] !== undefined, key, { timeout: 60000 });
  await page.waitForTimeout(300);
  const m = await page.evaluate(() => window.__m);
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await context.close();
  const tbt = m.longtasks.reduce((s, d) => s + Math.max(0, d - 50), 0);
  return returning ? { ready: m.readyAt } : { dialog: m.dialogAt, tbt, longtasks: m.longtasks.length, cls: m.cls, heap, transferred };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const spread = (xs) => { const s = [...xs].sort((a, b) => a - b); return [s[Math.floor(s.length * 0.25)], s[Math.floor(s.length * 0.75)]]; };

const slug = (name) => name.replace(/[^a-z0-9-]+/g, '-');
const site = mkdtempSync(join(tmpdir(), 'mingshi-bench-'));
for (const [name, lib] of Object.entries(LIBS)) {
  for (const [dest, src] of Object.entries(lib.files)) {
    mkdirSync(join(site, 'lib', dest, '..'), { recursive: true });
    cpSync(src, join(site, 'lib', dest));
  }
  writeFileSync(join(site, `${slug(name)}.html`), lib.page);
}
writeFileSync(join(site, 'policy.json'), engine.analyzePolicy(POLICY_TEXT));
const server = await startServer({ www: site });
const chrome = await launchBrowser();
const raw = { loads: LOADS, date: new Date().toISOString(), libraries: {} };
for (const name of Object.keys(LIBS)) raw.libraries[name] = { size: sizes(LIBS[name]), runs: { 1: [], 4: [] }, returning: { 1: [], 4: [] } };
for (const throttle of [1, 4]) {
  for (let i = 0; i < LOADS; i++) {
    for (const name of Object.keys(LIBS)) { // alternating libraries
      const url = `${server.url}/${slug(name)}.html`;
      console.error(`${name} ${throttle}x load ${i + 1}/${LOADS}`);
      raw.libraries[name].runs[throttle].push(await load(chrome.browser, url, LIBS[name], throttle, false));
      raw.libraries[name].returning[throttle].push(await load(chrome.browser, url, LIBS[name], throttle, true));
    }
  }
}
await chrome.close();
await server.stop();
rmSync(site, { recursive: true, force: true });

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
