// The pages the benchmarks load: Mingshi and the consent managers people use today, each
// configured with the same categories and a comparable first-run banner on an otherwise
// identical page, served from loopback. Used by peers.mjs (the figures) and trace.mjs
// (where the time goes).
// Env: BENCH_LIBS (comma-separated names: a quick look at some libraries; the committed
// results are always of all of them), BENCH_COMPARE (another build's pkg/ directory, see below).
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer } from '../tests/e2e/harness.mjs';
import { policyEngine } from '../scripts/policy-engine.mjs';

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
const COMPONENT = ['mingshi.js', 'index.js', 'mingshi-wasm_bg.wasm'];

/** Each library: its files (served from /lib), its page, and how to see its dialog and stored consent. */
export const LIBS = {
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
// "mingshi (compare)" in the same run, alternating with this one. Its component files are
// taken as they are, so builds whose JS was split into other files compare fairly.
if (process.env.BENCH_COMPARE) {
  const dir = process.env.BENCH_COMPARE;
  const loaded = readdirSync(dir).filter((n) => /^(mingshi\.js|index\.js|mingshi-wasm.*|miniprogram\.js)$/.test(n));
  LIBS['mingshi (compare)'] = mingshi({ compiled: '/policy.json' },
    Object.fromEntries(loaded.map((n) => [`compare/${n}`, join(dir, n)])), 'compare');
}
const ONLY = process.env.BENCH_LIBS ? process.env.BENCH_LIBS.split(',') : null;
if (ONLY) for (const name of Object.keys(LIBS)) if (!ONLY.includes(name)) delete LIBS[name];

/** Bytes of code a library's page downloads: raw, gzip -9 and brotli. */
export function sizes(lib) {
  let raw = 0, gz = 0, br = 0;
  for (const f of Object.values(lib.files)) {
    const b = readFileSync(f);
    raw += b.length; gz += gzipSync(b, { level: 9 }).length; br += brotliCompressSync(b).length;
  }
  return { raw, gzip: gz, brotli: br };
}

/** Run in the page before it loads: records long tasks, layout shifts, and when the
 * library's dialog is visible (`dialogAt`) and its stored consent readable (`readyAt`). */
export const INIT = (dialogSel, readyFn) => `(() => {
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

/**
 * A new browser context and page for one cold load of `lib`'s page: cache disabled through
 * the DevTools protocol, INIT installed, and the CPU slowed `rate` times unless `rate` is
 * null (then the caller throttles later). Resolves to `{ context, page, cdp }`.
 */
export async function coldPage(browser, lib, rate) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (rate != null) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.addInitScript(INIT(lib.dialog, lib.consentReady));
  return { context, page, cdp };
}

/**
 * Waits until the page has recorded `key` (see INIT) and returns what it recorded, asking
 * through the DevTools protocol: playwright's own waiting functions first inject a script of
 * its own into the page, which took 35-50 ms of the main thread at 4x throttling, in the
 * middle of the load being measured.
 */
export async function recorded(cdp, key) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: `new Promise((ok) => { const t = () => (window.__m && window.__m.${key} !== undefined ? ok(JSON.stringify(window.__m)) : requestAnimationFrame(t)); t(); })`,
    awaitPromise: true,
    returnByValue: true,
    timeout: 60000,
  });
  if (exceptionDetails) throw new Error(`waiting for ${key}: ${exceptionDetails.text}`);
  return JSON.parse(result.value);
}

/** The page of library `name`, relative to the site's root. */
export const pagePath = (name) => `/${name.replace(/[^a-z0-9-]+/g, '-')}.html`;

/** Writes every library's page and files to a temporary site and serves it; resolves to
 * `{ url, stop }`. */
export async function serveSite() {
  const site = mkdtempSync(join(tmpdir(), 'mingshi-bench-'));
  for (const [name, lib] of Object.entries(LIBS)) {
    for (const [dest, src] of Object.entries(lib.files)) {
      mkdirSync(join(site, 'lib', dest, '..'), { recursive: true });
      cpSync(src, join(site, 'lib', dest));
    }
    writeFileSync(join(site, pagePath(name)), lib.page);
  }
  writeFileSync(join(site, 'policy.json'), engine.analyzePolicy(POLICY_TEXT));
  const server = await startServer({ www: site });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(site, { recursive: true, force: true });
    },
  };
}
