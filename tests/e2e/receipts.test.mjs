// No decision is lost: receipts made while the server is down, or while it answers 500,
// arrive later; the browser keeps the latest signed receipt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, watchErrors } from './harness.mjs';

let chrome;
before(async () => { chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); });

const outbox = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('mingshi.outbox') || '{"pending":[]}'));

test('a decision made while the server is down arrives after it comes back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mingshi-outage-'));
  let server = await startServer({ dir });
  const addr = server.url.replace('http://', '');
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.locator('[role=dialog]').waitFor();
  await server.stop({ keepData: true });

  await page.locator('button[data-action=agree]').click();
  await page.waitForTimeout(500);
  const queued = await outbox(page);
  assert.equal(queued.pending.length, 1, 'the receipt waits in the outbox');
  const id = queued.pending[0].id;

  server = await startServer({ dir, addr });
  await page.reload();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending.length === 0, null, { timeout: 15000 });
  const got = await fetch(`${server.url}/v1/receipts/${id}`);
  assert.equal(got.status, 200);
  const { receipt, signature } = await got.json();
  assert.equal(receipt.action, 'accept_all');
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.receipt')));
  assert.equal(kept.receipt_id, id);
  assert.equal(kept.signature, signature, 'the browser keeps the signed receipt');
  await context.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('without localStorage, an outbox too big for its cookie keeps its newest whole receipts there, and this page still sends them all', async () => {
  const server = await startServer();
  const context = await chrome.browser.newContext();
  try {
    await context.addInitScript(() => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } }));
    const page = await context.newPage();
    // Receipt ids in the order the decisions made them (each is posted at once), and those stored.
    const made = [];
    const stored = new Set();
    let down = true;
    await page.route('**/v1/receipts', async (route) => {
      const id = JSON.parse(route.request().postData()).receipt_id;
      if (!made.includes(id)) made.push(id);
      if (down) return route.fulfill({ status: 503, body: '' });
      const response = await route.fetch();
      if (response.ok()) stored.add(id);
      return route.fulfill({ response });
    });
    await page.goto(server.url + '/');
    await page.locator('button[data-action=agree]').click();
    await page.evaluate(() => Mingshi.withdraw());
    await page.evaluate(() => Mingshi.acceptAll());
    await page.waitForFunction(() => Mingshi.acceptedCategory('analytics'));
    await page.waitForTimeout(300);
    const cookieOutbox = () => page.evaluate(() => {
      const m = document.cookie.match(/mingshi_outbox=([^;]*)/);
      return m && JSON.parse(decodeURIComponent(m[1]));
    });
    const kept = await cookieOutbox();
    assert.equal(made.length, 3);
    assert.ok(kept, 'the cookie keeps an outbox for the next page');
    const ids = kept.pending.map((p) => p.id);
    // Not all three fit in a cookie (about 4 KB); the newest do, whole, and the others count as dropped there.
    assert.ok(ids.length >= 2 && ids.length < 3, `kept ${ids.length} of 3`);
    assert.deepEqual(ids, made.slice(-ids.length), 'the newest receipts');
    assert.equal(kept.dropped, 3 - ids.length);
    // This page keeps all three in memory and sends every one once the server answers.
    down = false;
    await page.waitForFunction(() => !/mingshi_outbox=[^;]*%22id%22/.test(document.cookie), null, { timeout: 15000 });
    assert.deepEqual([...stored].sort(), [...made].sort(), 'all three stored');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('two tabs: receipts that another tab\'s write removed from the outbox while one was on its way are still sent, and queued again on a retry', async () => {
  const server = await startServer();
  const context = await chrome.browser.newContext();
  try {
    // The receipts' fetches wait for the test to answer them (then, once it says so, go to
    // the server); beacons (pagehide) are cut off.
    const posts = [];
    let passThrough = false;
    await context.route('**/v1/receipts', (route) => {
      if (route.request().resourceType() !== 'fetch') return route.abort().catch(() => {});
      if (passThrough) return route.continue().catch(() => {});
      posts.push({ id: JSON.parse(route.request().postData()).receipt_id, route });
    });
    /** The `n`th receipt posted, within 10 s. */
    const posted = async (n) => {
      for (const deadline = Date.now() + 10000; posts.length < n;) {
        if (Date.now() > deadline) throw new Error(`receipt ${n} was never posted (${posts.length} were)`);
        await new Promise((ok) => setTimeout(ok, 25));
      }
      return posts[n - 1];
    };
    const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('mingshi.outbox') || '{"pending":[]}').pending);
    const a = await context.newPage();
    const b = await context.newPage();
    for (const page of [a, b]) {
      await page.goto(server.url + '/');
      await page.locator('[role=dialog]').waitFor();
    }
    await a.locator('button[data-action=agree]').click();
    const first = await posted(1);
    // A second decision while the first receipt waits for its answer: queued behind it.
    await a.evaluate(() => Mingshi.withdraw());
    assert.equal((await stored(b)).length, 2, 'both receipts are in the outbox');
    // Tab b stores an outbox it read before these receipts were queued.
    await b.evaluate(() => localStorage.setItem('mingshi.outbox', '{"dropped":0,"pending":[]}'));
    await first.route.fulfill({ status: 503, body: '' });
    // The second receipt is still sent by the flush that was running ...
    const second = await posted(2);
    assert.notEqual(second.id, first.id);
    // ... and the first, to be retried, is queued again.
    await a.waitForFunction((id) => JSON.parse(localStorage.getItem('mingshi.outbox')).pending
      .some((p) => p.id === id && p.attempts === 1), first.id, { timeout: 5000 });
    passThrough = true;
    await second.route.continue();
    await a.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending.length === 0, null, { timeout: 15000 });
    const actions = [];
    for (const { id } of [first, second]) {
      const got = await fetch(`${server.url}/v1/receipts/${id}`);
      assert.equal(got.status, 200, id);
      actions.push((await got.json()).receipt.action);
    }
    assert.deepEqual(actions, ['accept_all', 'withdraw'], 'both stored');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('server errors (500) are retried with backoff until acknowledged, exactly once in effect', async () => {
  const server = await startServer();
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  let failures = 0;
  await page.route('**/v1/receipts', async (route) => {
    if (failures < 2) {
      failures++;
      return route.fulfill({ status: 500, body: '{"error":"down"}', contentType: 'application/json' });
    }
    return route.continue();
  });
  await page.goto(server.url + '/');
  await page.locator('button[data-action=disagree]').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending.length === 0, null, { timeout: 20000 });
  assert.equal(failures, 2);
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.receipt')));
  const got = await (await fetch(`${server.url}/v1/receipts/${kept.receipt_id}`)).json();
  assert.equal(got.receipt.action, 'reject_all');
  // Withdrawing from the settings entry is one click away and receipted too.
  await page.locator('#mingshi-entry button').click();
  await page.locator('button[data-action=reject-all]').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending.length === 0);
  const second = JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.receipt')));
  assert.notEqual(second.receipt_id, kept.receipt_id);
  assert.equal(second.receipt.collection_method, 'preference_centre');
  await context.close();
  await server.stop();
});

test('a receipt whose request got no answer is handed to sendBeacon when the page goes away, and stored', async () => {
  const server = await startServer();
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  // The receipt's fetch fails (a request cut off, a network that dropped); the beacon passes.
  const kinds = [];
  await page.route('**/v1/receipts', (route) => {
    kinds.push(route.request().resourceType());
    return route.request().resourceType() === 'fetch' ? route.abort() : route.continue();
  });
  await page.goto(server.url + '/');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending[0]?.attempts >= 1);
  const { id } = (await outbox(page)).pending[0];
  await page.goto('about:blank');
  let got;
  for (let i = 0; i < 50 && got?.status !== 200; i++) {
    await new Promise((ok) => setTimeout(ok, 100));
    got = await fetch(`${server.url}/v1/receipts/${id}`);
  }
  assert.equal(got.status, 200, `the beacon's receipt is stored (requests: ${kinds})`);
  assert.equal((await got.json()).receipt.action, 'accept_all');
  await context.close();
  await server.stop();
});

test('receipt headers that fetch refuses are a configuration error naming the header, not receipts that never leave', async () => {
  const server = await startServer();
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/examples/index.html');
  const failure = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.src = '/pkg/mingshi.js';
    // A value in Chinese: fetch takes only Latin-1 header values.
    s.dataset.config = JSON.stringify({ policy: { version: '1', text: '隐私政策\n我们收集您的手机号码。' },
      controller: { name: '示例', contact: 'p@example.com' }, receipts: { headers: { 'X-Site': '示例网站' } } });
    const loaded = new Promise((ok) => { s.onload = ok; });
    document.body.append(s);
    await loaded;
    return Mingshi.ready.then(() => 'started', (e) => e.message);
  });
  assert.match(failure, /^Mingshi configuration: receipts\.headers\.X-Site: /);
  // Refused as a whole, like any other bad configuration: nothing optional is granted.
  assert.equal(await page.locator('[role=dialog]').count(), 0);
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), false);
  await context.close();
  await server.stop();
});

// Answers that only a fix on the site or its server will change: nothing was stored, so the
// receipt stays queued, and the console tells the site owner once per receipt, with the status
// and what came back.
const MISCONFIGURED = [
  // An SPA fallback route or a login page: 200 with HTML for everything, the receipts path too.
  ['a 2xx HTML page', 200, 'text/html', '<!doctype html><html><head><title>登录</title></head><body>Sign in</body></html>'],
  // The endpoint not deployed yet, or a wrong path: a bare 404.
  ['a 404', 404, 'text/plain', 'Not Found'],
];
for (const [what, status, contentType, body] of MISCONFIGURED) {
  test(`an endpoint answering ${what} has not acknowledged: the receipt stays queued and the console says why, once`, async () => {
    const server = await startServer();
    const context = await chrome.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    let answered = 0;
    const misconfigured = (route) => { answered++; return route.fulfill({ status, contentType, body }); };
    await page.route('**/v1/receipts', misconfigured);
    await page.goto(server.url + '/');
    await page.locator('button[data-action=agree]').click();
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending[0]?.attempts >= 2, null, { timeout: 15000 });
    const queued = await outbox(page);
    assert.equal(queued.pending.length, 1, 'the receipt is still queued');
    assert.equal(queued.dropped, 0);
    assert.equal(await page.evaluate(() => localStorage.getItem('mingshi.receipt')), null, 'the answer is not kept as a signed receipt');
    const told = errors.filter((e) => e.includes('/v1/receipts'));
    assert.equal(told.length, 1, `told once per receipt, not on every retry (${answered} answers): ${errors}`);
    assert.match(told[0], /not a receipts endpoint/);
    assert.ok(told[0].includes(` ${status} `), `names the status: ${told[0]}`);
    assert.ok(told[0].includes(body), `shows what came back: ${told[0]}`);
    // The endpoint fixed: the queued receipt arrives.
    await page.unroute('**/v1/receipts', misconfigured);
    const { id } = queued.pending[0];
    await page.reload();
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending.length === 0, null, { timeout: 15000 });
    assert.equal((await fetch(`${server.url}/v1/receipts/${id}`)).status, 200);
    assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.receipt'))).receipt_id, id);
    await context.close();
    await server.stop();
  });
}

test('a decision on a device whose clock says 2019 is stored, with the server\'s time beside it', async () => {
  const server = await startServer();
  const context = await chrome.browser.newContext();
  // The device's clock runs years behind (a phone never set, a dead clock battery).
  await context.addInitScript(() => {
    const real = Date.now;
    const behind = real() - Date.UTC(2019, 5, 1);
    Date.now = () => real() - behind;
  });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending.length === 0, null, { timeout: 15000 });
  const queued = await outbox(page);
  assert.equal(queued.dropped, 0, 'not refused and dropped');
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.receipt')));
  const got = await fetch(`${server.url}/v1/receipts/${kept.receipt_id}`);
  assert.equal(got.status, 200);
  const { receipt, stored_at } = await got.json();
  assert.equal(new Date(receipt.consent_timestamp).getUTCFullYear(), 2019, 'the device\'s time, as it was');
  assert.ok(Math.abs(stored_at - Date.now()) < 60000, 'the server\'s own time witnesses the arrival');
  await context.close();
  await server.stop();
});

test('a 4xx HTML page from a proxy in front of the server does not drop the receipt: only the server refusing it does', async () => {
  const server = await startServer();
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  // nginx in front refuses the request itself, before the receipts server read it (the
  // visitor's cookies too large, a body limit set too low): its own HTML error page.
  const refusals = [
    [400, '<html><head><title>400 Request Header Or Cookie Too Large</title></head><body><center><h1>400 Bad Request</h1></center><hr><center>nginx</center></body></html>'],
    [413, '<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>'],
  ];
  let answered = 0;
  await page.route('**/v1/receipts', (route) => {
    const refusal = refusals[answered++];
    if (!refusal) return route.continue();
    return route.fulfill({ status: refusal[0], contentType: 'text/html', body: refusal[1] });
  });
  await page.goto(server.url + '/');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending.length === 0, null, { timeout: 20000 });
  assert.equal((await outbox(page)).dropped, 0, 'kept and retried, not dropped');
  assert.ok(answered >= 3, `the proxy answered twice, then the server (${answered})`);
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.receipt')));
  assert.equal((await fetch(`${server.url}/v1/receipts/${kept.receipt_id}`)).status, 200);
  // The receipts server's own refusal (JSON naming the problem) still drops a receipt it will never take.
  await page.unroute('**/v1/receipts');
  await page.route('**/v1/receipts', (route) => route.fulfill({ status: 400, contentType: 'application/json', body: '{"error":"receipt field `policy.sha256` must be 64 lowercase hex digits"}' }));
  await page.locator('#mingshi-entry button').click();
  await page.locator('button[data-action=reject-all]').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).dropped === 1, null, { timeout: 10000 });
  await context.close();
  await server.stop();
});

test('a consent given through the API before the policy was ever loaded names its text, and waits for it', async () => {
  const server = await startServer();
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const policy = await (await fetch(server.url + '/policies/xuyun-website.txt')).arrayBuffer();
  const sha256 = createHash('sha256').update(Buffer.from(policy)).digest('hex');
  try {
    await page.goto(server.url + '/');
    await page.locator('button[data-action=agree]').click();
    // The dialog's receipt is acknowledged first: else the reloaded page's outbox sends it
    // again, and that response could be taken below for the API consent's (seen on a busy
    // machine).
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox') || '{"pending":[]}').pending.length === 0, null, { timeout: 20000 });
    // A returning visitor: no dialog, so the policy is not loaded. The page forgets the
    // decision and consents for the person through the API (say, from its own banner).
    await page.reload();
    await page.evaluate(() => window.Mingshi.ready);
    const posted = page.waitForResponse((r) => r.url().endsWith('/v1/receipts')
      && JSON.parse(r.request().postData() || '{}').collection_method === 'api');
    await page.evaluate(() => { Mingshi.reset(); Mingshi.acceptAll(); });
    const { receipt } = await (await posted).json();
    assert.equal(receipt.action, 'accept_all');
    assert.equal(receipt.policy.sha256, sha256, 'the hash of the policy text, not of an empty one');
    assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), true);
    // A refusal never waits: withdrawing takes effect at once.
    assert.equal(await page.evaluate(() => { Mingshi.withdraw(); return Mingshi.acceptedCategory('analytics'); }), false);
    assert.equal(await page.locator('[role=dialog]').count(), 0, 'no dialog opened for it');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a browser that sends a blank or empty user agent: the receipt leaves it out and is stored, not refused and dropped', async () => {
  const server = await startServer();
  try {
    // A blank user agent set for the browser; an empty one as a page script sees it (Chromium
    // does not let a context send an empty one).
    const blank = await chrome.browser.newContext({ userAgent: ' ' });
    const empty = await chrome.browser.newContext();
    await empty.addInitScript(() => Object.defineProperty(Navigator.prototype, 'userAgent', { get: () => '' }));
    for (const [label, context] of [['blank', blank], ['empty', empty]]) {
      const page = await context.newPage();
      await page.goto(server.url + '/');
      assert.equal((await page.evaluate(() => navigator.userAgent)).trim(), '', label);
      const posted = page.waitForResponse((r) => r.url().endsWith('/v1/receipts'));
      await page.locator('button[data-action=agree]').click();
      assert.equal((await posted).status(), 201, `${label}: the server took the receipt`);
      await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending.length === 0, null, { timeout: 15000 });
      assert.equal((await outbox(page)).dropped, 0, `${label}: not dropped`);
      const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.receipt')));
      const got = await fetch(`${server.url}/v1/receipts/${kept.receipt_id}`);
      assert.equal(got.status, 200, label);
      const { receipt } = await got.json();
      assert.equal(receipt.action, 'accept_all', label);
      assert.equal(receipt.user_agent, null, `${label}: no user agent recorded`);
      await context.close();
    }
  } finally { await server.stop(); }
});

test('a user agent with invisible characters (a web view\'s own suffix): the receipt is stored without them, not refused', async () => {
  const server = await startServer();
  try {
    const context = await chrome.browser.newContext();
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'userAgent', { get: () => 'Mozilla/5.0 App/\u202e1.2\u200b\u0007' }));
    const page = await context.newPage();
    await page.goto(server.url + '/');
    const posted = page.waitForRequest((r) => r.url().endsWith('/v1/receipts'));
    const answered = page.waitForResponse((r) => r.url().endsWith('/v1/receipts'));
    await page.locator('button[data-action=agree]').click();
    assert.equal(JSON.parse((await posted).postData()).user_agent, 'Mozilla/5.0 App/1.2', 'the component sends it cleaned');
    assert.equal((await answered).status(), 201);
    await page.waitForFunction(() => localStorage.getItem('mingshi.receipt'), null, { timeout: 15000 });
    const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.receipt')));
    const { receipt } = await (await fetch(`${server.url}/v1/receipts/${kept.receipt_id}`)).json();
    assert.equal(receipt.user_agent, 'Mozilla/5.0 App/1.2');
    await context.close();
  } finally { await server.stop(); }
});

test('a configured policy URL the browser cannot parse (a host with U+202E): a refusal\'s receipt names no address and is stored', async () => {
  const server = await startServer();
  try {
    const context = await chrome.browser.newContext();
    await context.route('**/examples/unparsable.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>unparsable</title></head><body>
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "url": "https://exa\u202emple.com/policy.txt",
  "sha256": "${'ab'.repeat(32)}"}, "controller": {"name": "须云科技", "contact": "privacy@xuyun.example"}}</script>
<script src="/pkg/mingshi.js" async></script>
</body></html>` }));
    const page = await context.newPage();
    await page.goto(server.url + '/examples/unparsable.html');
    // The policy cannot load, so the start fails; a refusal needs no policy text.
    await page.waitForFunction(() => Boolean(window.Mingshi && window.Mingshi.ready));
    await page.evaluate(() => Mingshi.ready.catch(() => {}));
    const answered = page.waitForResponse((r) => r.url().endsWith('/v1/receipts'));
    await page.evaluate(() => Mingshi.rejectAll());
    const response = await answered;
    assert.equal(response.status(), 201, await response.text());
    const { receipt } = await response.json();
    assert.equal(receipt.action, 'reject_all');
    assert.equal(receipt.policy.url, null, 'no address rather than one the server refuses');
    await context.close();
  } finally { await server.stop(); }
});
