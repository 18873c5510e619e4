// The first consent slice end to end: the demo page served by mingshi-server, a click on
// "agree" in real Chromium, the decision in localStorage, the receipt in SQLite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, launchBrowser, watchErrors } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await server?.stop(); });

const policyText = readFileSync(join(ROOT, 'www/policies/xuyun-website.txt'), 'utf8');
const policySha = createHash('sha256').update(policyText).digest('hex');

test('first visit shows the dialog; agree is stored and receipted; reload does not ask again', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + '/');

  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  // The policy's words say their language (a screen reader switches voice for them), whatever
  // the UI's: the key points here, the title, contents and text in the reader below.
  assert.equal(await page.locator('button.kp').first().getAttribute('lang'), 'zh');
  // The policy is readable inside the dialog, as text, and the way back leads to the choice.
  await page.getByRole('button', { name: /阅读完整隐私政策|Read the full privacy policy/ }).click();
  const policy = page.locator('#ms-policy');
  assert.match(await policy.innerText(), /本政策适用于我们通过须云官网提供的一切服务/);
  assert.deepEqual(await page.locator('#ms-title, nav.toc ol, #ms-policy').evaluateAll((es) => es.map((e) => e.lang)), ['zh', 'zh', 'zh']);
  // Key clauses are highlighted with their reason; sensitive data terms are marked inside them.
  const key = page.locator('#ms-policy mark.key').first();
  assert.ok((await key.getAttribute('data-reason')).length > 0);
  const terms = await page.locator('#ms-policy mark.term').allInnerTexts();
  assert.ok(terms.some((t) => t.includes('身份证')), terms.join(','));
  // Search within the policy.
  await page.locator('input.search').fill('生物识别');
  assert.match(await page.locator('[aria-live=polite]').last().innerText(), /[1-9]/);
  assert.ok((await page.locator('#ms-policy .hit').count()) >= 1);
  await page.locator('button[data-action=back]').click();

  // Agree and disagree carry equal weight: same size, same font weight, same colours.
  const look = (sel) => page.locator(sel).evaluate((b) => {
    const s = getComputedStyle(b); const r = b.getBoundingClientRect();
    return { w: Math.round(r.width), h: Math.round(r.height), fw: s.fontWeight, fs: s.fontSize,
             bg: s.backgroundColor, fg: s.color };
  });
  assert.deepEqual(await look('button[data-action=agree]'), await look('button[data-action=disagree]'));

  const posted = page.waitForResponse((r) => r.url().endsWith('/v1/receipts') && r.request().method() === 'POST');
  await page.locator('button[data-action=agree]').click();
  const response = await posted;
  assert.equal(response.status(), 201);
  const { receipt_id } = await response.json();
  await dialog.waitFor({ state: 'detached' });

  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.consent')));
  assert.equal(stored.action, 'accept_all');
  assert.equal(stored.policy_version, '2023-11-15');
  assert.equal(stored.policy_sha256, policySha);

  // The receipt is in the server's database, as posted.
  const got = await fetch(`${server.url}/v1/receipts/${receipt_id}`);
  assert.equal(got.status, 200);
  const { receipt } = await got.json();
  assert.equal(receipt.receipt_id, receipt_id);
  assert.equal(receipt.action, 'accept_all');
  assert.equal(receipt.policy.sha256, policySha);
  assert.equal(receipt.policy.id, 'privacy');
  assert.equal(receipt.subject_id, stored.subject_id);

  // A returning visitor is not asked again.
  await page.reload();
  assert.equal(await page.evaluate(async () => (await window.Mingshi.ready).dialogShown), false);
  assert.equal(await page.locator('[role=dialog]').count(), 0);

  // Clearing storage brings the dialog back.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator('[role=dialog]').waitFor({ state: 'visible' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('disagree is stored as a refusal and receipted too', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/');
  const posted = page.waitForResponse((r) => r.url().endsWith('/v1/receipts'));
  await page.locator('button[data-action=disagree]').click();
  const { receipt_id } = await (await posted).json();
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.consent')));
  assert.equal(stored.action, 'disagree');
  const { receipt } = await (await fetch(`${server.url}/v1/receipts/${receipt_id}`)).json();
  assert.equal(receipt.action, 'reject_all');
  assert.equal(receipt.decisions.categories.necessary, true);
  await context.close();
});

test('first visit: the script-tag loader fetches the policy with the wasm, once; a returning visit fetches none', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  // The wasm and the component's modules arrive late, as on a slow network; the policy
  // request must wait for neither: the loader (mingshi.js) makes it as soon as it runs.
  await page.route(/\/pkg\/(mingshi-wasm_bg\.wasm|index\.js)$/, async (route) => {
    await new Promise((ok) => setTimeout(ok, 800));
    await route.continue();
  });
  const policyRequests = [];
  const arrived = {};
  page.on('request', (r) => { if (r.url().endsWith('/policies/xuyun-website.txt')) policyRequests.push(Date.now()); });
  page.on('requestfinished', (r) => { arrived[r.url().split('/').pop()] = Date.now(); });
  await page.goto(server.url + '/');
  await page.locator('[role=dialog]').waitFor({ state: 'visible' });
  assert.equal(policyRequests.length, 1, 'the policy is requested once');
  for (const file of ['mingshi-wasm_bg.wasm', 'index.js']) {
    assert.ok(policyRequests[0] < arrived[file], `policy requested ${arrived[file] - policyRequests[0]} ms before ${file} arrived`);
  }
  assert.ok(await page.locator('.keypoints li').count() > 0, 'the prefetched policy is the one shown');

  await page.evaluate(() => window.Mingshi.acceptAll());
  await page.reload();
  await page.evaluate(() => window.Mingshi.ready);
  assert.equal(policyRequests.length, 1, 'a returning visitor does not fetch the policy');
  assert.deepEqual(errors, []);
  await context.close();
});
