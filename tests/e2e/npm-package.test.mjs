// The npm package as a site owner uses it: `npm pack`, install the tarball into a sample
// app, type-check it with tsc, bundle it with esbuild, and run the page in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, launchBrowser, watchErrors } from './harness.mjs';

const bin = (name) => join(ROOT, 'node_modules/.bin', name);
let work, server, chrome, packed;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'mingshi-npm-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
  packed = JSON.parse(out)[0];
  const app = join(work, 'app');
  cpSync(join(ROOT, 'tests/npm-app'), app, { recursive: true });
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: app, stdio: 'pipe', encoding: 'utf8' });
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--offline', join(work, packed.filename)]);
  run(bin('tsc'), ['--noEmit', '-p', '.']);
  run(bin('esbuild'), ['src/main.ts', '--bundle', '--format=esm', '--outfile=dist/app.js', '--log-level=warning']);
  run('node', ['copy-assets.mjs']);
  server = await startServer({ www: join(app, 'dist') });
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball ships the ES module entry, types, wasm, script-tag loader and stub only', () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const f of ['package.json', 'pkg/index.js', 'pkg/index.d.ts', 'pkg/mingshi-wasm_bg.wasm',
    'pkg/mingshi-policy_bg.wasm', 'pkg/mingshi-policy.js', 'pkg/mingshi-messages_bg.wasm', 'pkg/mingshi-messages.js',
    'pkg/mingshi.js', 'pkg/mingshi-stub.js']) {
    assert.ok(files.includes(f), `${f} missing from the tarball: ${files.join(', ')}`);
  }
  assert.ok(files.every((f) => f === 'package.json' || f === 'README.md' || f.startsWith('pkg/') || f.startsWith('LICENSE')),
    `unexpected files: ${files.join(', ')}`);
  const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"/m)[1];
  assert.equal(packed.version, cargo, 'package.json and Cargo.toml versions agree');
});

test('a bundled app shows the dialog and records the decision', async () => {
  const page = await chrome.browser.newPage();
  const errors = watchErrors(page);
  // start() fetches the policy while the wasm loads: with the wasm late, the policy is asked first.
  await page.route(/mingshi-wasm_bg\.wasm$/, async (route) => {
    await new Promise((ok) => setTimeout(ok, 500));
    await route.continue();
  });
  let policyAsked = Infinity, wasmArrived = -Infinity;
  page.on('request', (r) => { if (r.url().endsWith('/policy.txt')) policyAsked = Math.min(policyAsked, Date.now()); });
  page.on('requestfinished', (r) => { if (r.url().endsWith('/mingshi-wasm_bg.wasm')) wasmArrived = Date.now(); });
  await page.goto(server.url + '/');
  await page.locator('[role=dialog]').waitFor({ state: 'visible' });
  assert.ok(policyAsked < wasmArrived, `policy asked ${wasmArrived - policyAsked} ms before the wasm arrived`);
  assert.equal(await page.locator('#status').innerText(), 'dialog shown');
  assert.equal(await page.locator('#early').innerText(), 'before start: none, analytics false');
  const posted = page.waitForResponse((r) => r.url().endsWith('/v1/receipts'));
  await page.locator('button[data-action=agree]').click();
  assert.equal((await posted).status(), 201);
  await page.reload();
  await page.waitForFunction(() => document.getElementById('status').textContent !== 'loading');
  assert.equal(await page.locator('#status').innerText(), 'stored: accept_all');
  // Asked before start() resolved (the app's module runs first): the stored decision answered.
  assert.equal(await page.locator('#early').innerText(), 'before start: accept_all, analytics true');
  // An action asked before start() resolved runs once the component does.
  await page.goto(server.url + '/?preferences');
  await page.locator('[role=dialog] button[data-action=save]').waitFor({ state: 'visible' });
  assert.deepEqual(errors, []);
  await page.close();
});
