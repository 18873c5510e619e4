// Shared pieces of the end-to-end tests: a real mingshi-server on a free loopback port
// and headless Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
const SERVER_BIN = process.env.MINGSHI_SERVER_BIN || join(ROOT, 'target/debug/mingshi-server');

/** Starts mingshi-server with a fresh SQLite file; resolves to { url, stop, dbPath }. */
export async function startServer({ www = join(ROOT, 'www'), extraArgs = [], dir, addr = '127.0.0.1:0' } = {}) {
  const dataDir = dir || mkdtempSync(join(tmpdir(), 'mingshi-e2e-'));
  const dbPath = join(dataDir, 'receipts.sqlite3');
  const child = spawn(SERVER_BIN, [
    '--addr', addr, '--db', dbPath, '--key', join(dataDir, 'signing.key'),
    '--www', www, '--pkg', join(ROOT, 'pkg'), ...extraArgs,
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${seen}`)), 15000);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    child.on('exit', (code) => fail(new Error(`server exited with ${code}: ${seen}`)));
  });
  const stop = async ({ keepData = false } = {}) => {
    if (child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
    if (!keepData && !dir) rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop, dbPath, dataDir };
}

/** Launches headless Chromium with the flags these machines need. */
export async function launchBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'mingshi-chromium-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const close = async () => {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { browser, close };
}

/** Collects console errors and page errors so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}
