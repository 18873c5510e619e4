// The ways site owners embed Mingshi, each as they would try it: one script tag (data-config,
// defer, twice, late), a page under a strict CSP, and an H5 page inside a mini-program web-view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, watchErrors } from './harness.mjs';

let server, chrome;
/** The SHA-256 of the examples' policy text, which their receipts name. */
const policySha256 = createHash('sha256')
  .update(readFileSync(new URL('../../www/policies/xuyun-website.txt', import.meta.url))).digest('hex');
before(async () => { server = await startServer(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await server?.stop(); });

test('one script tag with data-config, defer, included twice: starts once', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(server.url + '/examples/script-tag.html');
  await page.locator('[role=dialog]').waitFor();
  assert.equal(await page.locator('#mingshi-root').count(), 1);
  // The policy is plain text by URL, so the policy engine is fetched too, once.
  assert.deepEqual(wasm.map((u) => new URL(u).pathname).sort(),
    ['/pkg/mingshi-policy_bg.wasm', '/pkg/mingshi-wasm_bg.wasm'], 'each wasm fetched once, next to mingshi.js');
  await page.locator('button[data-action=agree]').click();
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('loaded late, after the page finished loading', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/examples/index.html');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.src = '/pkg/mingshi.js';
    s.dataset.config = JSON.stringify({ policy: { version: '1', text: '隐私政策\n我们收集您的手机号码。' },
      controller: { name: '示例', contact: 'p@example.com' }, receipts: { enabled: false } });
    document.body.append(s);
  });
  await page.locator('[role=dialog]').waitFor();
  await context.close();
});

test('a strict Content-Security-Policy page works without a single violation', async () => {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'`;
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.route('**/examples/csp.html', async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replaceAll('NONCE', nonce);
    await route.fulfill({ response: res, body, headers: { ...res.headers(), 'content-security-policy': csp } });
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = watchErrors(page);
  await page.goto(server.url + '/examples/csp.html');
  await page.locator('[role=dialog]').waitFor();
  // Styles applied (constructed stylesheet), so the dialog is laid out, not bare.
  const pos = await page.locator('.backdrop').evaluate((e) => getComputedStyle(e).position);
  assert.equal(pos, 'fixed');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => window.__gatedInlineRan === true);
  await page.locator('#mingshi-entry button').click();
  await page.locator('button[data-action=save]').click();
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors.filter((e) => /Content Security Policy|Refused/.test(e)), []);
  await context.close();
});

test('the CSP example opened from the demo as it is: under its own strict policy, without an error', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = watchErrors(page);
  await page.goto(server.url + '/examples/csp.html');
  await page.locator('[role=dialog]').waitFor();
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => window.__gatedInlineRan === true);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  // The page is under the policy it shows: an inline script without the nonce is refused.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__unsafeInlineRan = true';
    document.body.append(s);
  });
  assert.equal(await page.evaluate(() => window.__unsafeInlineRan), undefined);
  assert.deepEqual(await page.evaluate(() => window.__violations.map((v) => v.split(' ')[0])), ['script-src-elem']);
  await context.close();
});

/** A phone-sized context inside a simulated WeChat mini-program web-view. */
async function webView() {
  const context = await chrome.browser.newContext({
    viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true,
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 MicroMessenger/8.0.50 miniProgram',
  });
  await context.addInitScript(() => {
    window.__wxjs_environment = 'miniprogram';
    window.__mp = { messages: [], navigations: [] };
    window.wx = { miniProgram: {
      postMessage: (m) => window.__mp.messages.push(m),
      navigateTo: (o) => window.__mp.navigations.push(o.url),
    } };
  });
  return { context, page: await context.newPage() };
}

test('mini-program web-view: full-screen dialog, decisions reported to the host', async () => {
  const { context, page } = await webView();
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await page.goto(server.url + '/examples/miniprogram.html');
  await page.locator('[role=dialog]').waitFor();
  // Its policy is precompiled: the key points show and the policy engine is never fetched.
  assert.deepEqual(wasm, ['/pkg/mingshi-wasm_bg.wasm']);
  assert.ok(await page.locator('.keypoints li').count() > 0, 'key points from the precompiled policy');
  const box = await page.locator('[role=dialog]').boundingBox();
  assert.equal(Math.round(box.width), 375, 'full width on the phone');
  assert.equal(await page.evaluate(() => Mingshi.miniProgram), 'wechat');
  await page.locator('input[data-separate=location]').check();
  await page.locator('button[data-action=agree]').click();
  const mp = await page.evaluate(() => window.__mp);
  assert.equal(mp.messages.length, 1);
  assert.equal(mp.messages[0].data.type, 'mingshi:consent');
  assert.equal(mp.messages[0].data.consent.separate.location, true);
  assert.equal(mp.navigations.length, 1);
  assert.match(mp.navigations[0], /^\/pages\/consent\/result\?mingshi_result=/);
  const result = JSON.parse(decodeURIComponent(mp.navigations[0].split('mingshi_result=')[1]));
  assert.equal(result.consent.categories.analytics, true);
  await context.close();
});

test('mini-program web-view: consent given in the host is accepted, no dialog', async () => {
  const { context, page } = await webView();
  const host = encodeURIComponent(JSON.stringify({ v: '2023-11-15', categories: ['analytics'], separate: [] }));
  const posted = page.waitForResponse((r) => r.url().endsWith('/v1/receipts'));
  await page.goto(`${server.url}/examples/miniprogram.html?mingshi_consent=${host}`);
  await page.waitForFunction(() => window.Mingshi && Mingshi.dialogShown === false);
  assert.equal(await page.locator('[role=dialog]').count(), 0);
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), true);
  assert.equal(await page.evaluate(() => Mingshi.getConsent().separate.location), false);
  const receipt = (await (await posted).json()).receipt;
  assert.equal(receipt.collection_method, 'api');
  // It names the policy's text, which the component loaded for it (it named no text's).
  assert.equal(receipt.policy.sha256, policySha256);
  // Opened again with the same parameter: nothing recorded twice. A choice made in the page
  // since is not undone by the host's older consent.
  const refused = page.waitForResponse((r) => r.url().endsWith('/v1/receipts'));
  await page.evaluate(() => Mingshi.rejectAll());
  assert.equal((await refused).status(), 201);
  const receipts = [];
  page.on('request', (r) => { if (r.url().endsWith('/v1/receipts')) receipts.push(r.postData()); });
  await page.goto(`${server.url}/examples/miniprogram.html?mingshi_consent=${host}`);
  await page.waitForFunction(() => window.Mingshi && Mingshi.dialogShown === false);
  await page.waitForTimeout(300);
  assert.deepEqual([await page.evaluate(() => Mingshi.getConsent().action), receipts], ['reject_all', []]);
  // A consent for another policy version is not taken over: the page asks.
  const old = encodeURIComponent(JSON.stringify({ v: '2020-01-01', categories: ['analytics'] }));
  const fresh = await chrome.browser.newContext();
  const p2 = await fresh.newPage();
  await p2.goto(`${server.url}/examples/miniprogram.html?mingshi_consent=${old}`);
  await p2.locator('[role=dialog]').waitFor();
  await fresh.close();
  await context.close();
});

test('mini-program web-view: after a start that failed (the policy did not load), later decisions are reported to the host', async () => {
  const { context, page } = await webView();
  let up = false;
  await page.route('**/policies/xuyun-website.json', (route) => (up ? route.continue() : route.fulfill({ status: 503, body: 'down' })));
  await page.goto(server.url + '/examples/miniprogram.html');
  assert.match(await page.evaluate(() => Mingshi.ready.then(() => 'started', (e) => String(e.message || e))), /policy/);
  assert.equal(await page.evaluate(() => Mingshi.miniProgram), 'wechat', 'the bridge is connected all the same');
  up = true;
  await page.locator('#mingshi-entry button').click();
  await page.locator('[role=dialog] button[data-action=accept-all]').click();
  await page.waitForFunction(() => Mingshi.acceptedCategory('analytics'));
  const mp = await page.evaluate(() => window.__mp);
  assert.deepEqual(mp.messages.map((m) => m.data.type), ['mingshi:consent']);
  assert.equal(mp.messages[0].data.consent.categories.analytics, true);
  assert.equal(mp.navigations.length, 1);
  await context.close();
});

test('Alipay mini-program web-view: detected as Alipay (not WeChat), decisions reported through my', async () => {
  const context = await chrome.browser.newContext({
    viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true,
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ChannelId(0) Ariver/1.1.0 AliApp(AP/10.5.36.6000) Nebula WK RVKType(0) AlipayDefined(nt:WIFI,ws:375|667|2.0) AlipayClient/10.5.36.6000 Language/zh-Hans Region/CN MiniProgram APXWebView',
  });
  await context.addInitScript(() => {
    window.__mp = { messages: [], navigations: [] };
    window.my = {
      postMessage: (m) => window.__mp.messages.push(m),
      navigateTo: (o) => window.__mp.navigations.push(o.url),
    };
  });
  const page = await context.newPage();
  await page.goto(server.url + '/examples/miniprogram.html');
  await page.locator('[role=dialog]').waitFor();
  assert.equal(await page.evaluate(() => Mingshi.miniProgram), 'alipay');
  await page.locator('button[data-action=agree]').click();
  const mp = await page.evaluate(() => window.__mp);
  assert.deepEqual(mp.messages.map((m) => m.data.type), ['mingshi:consent']);
  assert.equal(mp.messages[0].data.consent.categories.analytics, true);
  assert.equal(mp.navigations.length, 1);
  assert.match(mp.navigations[0], /^\/pages\/consent\/result\?mingshi_result=/);
  await context.close();
});

test('mini-program web-view whose JS-SDK loads after the component started: decisions still reach the host', async () => {
  const context = await chrome.browser.newContext({
    viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true,
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 MicroMessenger/8.0.50 miniProgram',
  });
  const page = await context.newPage();
  await page.goto(server.url + '/examples/miniprogram.html');
  await page.locator('[role=dialog]').waitFor();
  await page.evaluate(() => Mingshi.ready);
  assert.equal(await page.evaluate(() => Mingshi.miniProgram), 'wechat', 'the web-view is known from the user agent');
  // WeChat's JS-SDK arrives only now (loaded async, or after the component's script).
  await page.evaluate(() => {
    window.__mp = { messages: [], navigations: [] };
    window.wx = { miniProgram: {
      postMessage: (m) => window.__mp.messages.push(m),
      navigateTo: (o) => window.__mp.navigations.push(o.url),
    } };
  });
  await page.locator('button[data-action=agree]').click();
  const mp = await page.evaluate(() => window.__mp);
  assert.deepEqual(mp.messages.map((m) => m.data.type), ['mingshi:consent']);
  assert.equal(mp.navigations.length, 1);
  await context.close();
});

test('mini-program web-view that blocks localStorage: choice kept in a cookie', async () => {
  const { context, page } = await webView();
  await context.addInitScript(() => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } }));
  let policyRequests = 0;
  page.on('request', (r) => { if (r.url().endsWith('/policies/xuyun-website.json')) policyRequests++; });
  await page.goto(server.url + '/examples/miniprogram.html');
  await page.locator('button[data-action=disagree]').click();
  assert.match(await page.evaluate(() => document.cookie), /mingshi_consent=/);
  assert.equal(policyRequests, 1, 'the first visit fetches the policy once');
  await page.reload();
  await page.waitForFunction(() => window.Mingshi && Mingshi.dialogShown === false);
  assert.equal(await page.locator('[role=dialog]').count(), 0, 'not asked again');
  assert.equal(policyRequests, 1, 'the decision in the cookie counts: no policy fetch on return');
  await context.close();
});

test('single-file build: one script, no separate wasm request', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(server.url + '/examples/single-file.html');
  await page.locator('[role=dialog]').waitFor();
  await page.locator('button[data-action=disagree]').click();
  assert.equal(await page.evaluate(() => Mingshi.getConsent().action), 'disagree');
  assert.deepEqual(wasm, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the stub answers from the stored decision before the wasm arrives, from the cookie where storage is blocked', async () => {
  for (const blocked of [false, true]) {
    const context = await chrome.browser.newContext();
    if (blocked) {
      await context.addInitScript(() => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } }));
    }
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.locator('button[data-action=agree]').click();
    await page.waitForFunction(() => !window.Mingshi.stub && window.Mingshi.getConsent());
    // On the return visit the wasm is held back: only the stub can answer.
    await page.route('**/mingshi-wasm_bg.wasm', () => {});
    await page.reload();
    const early = await page.evaluate(() => ({
      stub: window.Mingshi.stub === true,
      action: window.Mingshi.getConsent() && window.Mingshi.getConsent().action,
      analytics: window.Mingshi.acceptedCategory('analytics'),
    }));
    assert.deepEqual(early, { stub: true, action: 'accept_all', analytics: true }, `storage blocked: ${blocked}`);
    await context.close();
  }
});

test('before the wasm arrives, a consent that expired or was given to another policy version grants nothing optional', async () => {
  // Stored decisions edited as time and a new policy version would leave them.
  const expired = (s) => ({ ...s, expires_at: Date.now() - 1 });
  const oldVersion = (s) => ({ ...s, policy_version: 'an-older-version' });
  const cases = [['/', expired], ['/', oldVersion], ['/examples/script-tag.html', oldVersion], ['/', (s) => s]];
  for (const [path, edit] of cases) {
    const context = await chrome.browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url + path);
    await page.locator('button[data-action=agree]').click();
    await page.waitForFunction(() => !window.Mingshi.stub && window.Mingshi.getConsent());
    await page.evaluate((edit) => {
      const s = JSON.parse(localStorage.getItem('mingshi.consent'));
      localStorage.setItem('mingshi.consent', JSON.stringify((0, eval)(edit)(s)));
    }, edit.toString());
    // On the return visit the wasm is held back: only the stub (or the loader's stand-in) answers.
    await page.route('**/mingshi-wasm_bg.wasm', () => {});
    await page.reload();
    await page.waitForFunction(() => !!(window.Mingshi && window.Mingshi.ready));
    const early = await page.evaluate(() => ({
      stub: window.Mingshi.stub === true,
      action: window.Mingshi.getConsent().action,
      analytics: window.Mingshi.acceptedCategory('analytics'),
      categories: Object.keys(window.Mingshi.getConsent().categories).length > 0,
      // The Consent Mode default the stub set (the demo page has the stub, the other not).
      gcm: (window.dataLayer || []).map((a) => a[2] && a[2].analytics_storage).find(Boolean) || null,
    }));
    const fresh = edit === cases[3][1];
    const label = `${path} ${fresh ? 'unchanged' : edit.toString()}`;
    assert.deepEqual(early, {
      stub: true, action: 'accept_all', analytics: fresh, categories: fresh,
      gcm: path === '/' ? (fresh ? 'granted' : 'denied') : null,
    }, label);
    await context.close();
  }
});

test('without the stub, the script-tag loader answers from the stored decision and queues calls until the wasm runs', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + '/examples/script-tag.html');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => !window.Mingshi.stub && window.Mingshi.getConsent());
  // Return visit with the wasm held back until released.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/mingshi-wasm_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.reload();
  await page.waitForFunction(() => !!(window.Mingshi && window.Mingshi.ready));
  const early = await page.evaluate(() => ({
    stub: window.Mingshi.stub === true,
    action: window.Mingshi.getConsent() && window.Mingshi.getConsent().action,
    analytics: window.Mingshi.acceptedCategory('analytics'),
  }));
  assert.deepEqual(early, { stub: true, action: 'accept_all', analytics: true });
  await page.evaluate(() => window.Mingshi.showPreferences());
  release();
  await page.locator('[role=dialog] button[data-action=save]').waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => window.Mingshi.stub), undefined, 'the API took over');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on() before the wasm runs returns an unsubscribe function, as the API\'s does, and its listener hears the decision', async () => {
  for (const path of ['/', '/examples/script-tag.html']) { // with the stub; with the loader's stand-in
    const context = await chrome.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route('**/mingshi-wasm_bg.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(server.url + path);
    await page.waitForFunction(() => !!(window.Mingshi && window.Mingshi.ready));
    const early = await page.evaluate(() => {
      window.__heard = [];
      window.__off = window.Mingshi.on('consent', (c) => window.__heard.push(c.action));
      return { stub: window.Mingshi.stub === true, off: typeof window.__off };
    });
    assert.deepEqual(early, { stub: true, off: 'function' }, path);
    release();
    await page.locator('button[data-action=agree]').click();
    await page.waitForFunction(() => window.__heard.length === 1);
    await page.evaluate(() => { window.__off(); window.Mingshi.reset(); window.Mingshi.acceptAll(); });
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(() => window.__heard), ['accept_all'], `${path}: unsubscribed`);
    assert.deepEqual(errors, [], path);
    await context.close();
  }
});

test('on() with an unknown event before the wasm runs is an error naming it, as the API\'s is', async () => {
  for (const path of ['/', '/examples/script-tag.html']) { // with the stub; with the loader's stand-in
    const context = await chrome.browser.newContext();
    const page = await context.newPage();
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route('**/mingshi-wasm_bg.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(server.url + path);
    await page.waitForFunction(() => !!(window.Mingshi && window.Mingshi.ready));
    const attempt = () => page.evaluate(() => {
      try { window.Mingshi.on('changed', () => {}); return 'listening'; } catch (e) { return e.message; }
    });
    const early = await attempt();
    release();
    await page.waitForFunction(() => window.Mingshi && !window.Mingshi.stub);
    const api = await attempt();
    assert.equal(api, 'Mingshi.on: unknown event "changed"; use consent, change or withdraw');
    assert.equal(early, api, path);
    await context.close();
  }
});

test('a failed start (the policy did not load): the API takes over, and show() asks for the policy again', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.route('**/policies/xuyun-website.txt', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(server.url + '/examples/script-tag.html');
  const failure = await page.evaluate(() => window.Mingshi.ready.then(() => 'started', (e) => String(e.message || e)));
  assert.match(failure, /policy/, 'start reports why it failed');
  assert.equal(await page.evaluate(() => window.Mingshi.stub), undefined, 'the API took over from the stand-in');
  await page.unroute('**/policies/xuyun-website.txt');
  await page.evaluate(() => window.Mingshi.show());
  await page.locator('[role=dialog] button[data-action=agree]').waitFor({ state: 'visible' });
  await context.close();
});

test('a policy that cannot be fetched at all (a network error, a CORS refusal) is an error naming its URL', async () => {
  for (const field of ['url', 'compiled']) {
    const context = await chrome.browser.newContext();
    const page = await context.newPage();
    await page.route('**/policies/unreachable.*', (route) => route.abort('connectionrefused'));
    const src = `/policies/unreachable.${field === 'url' ? 'txt' : 'json'}`;
    await page.route('**/examples/unreachable.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>unreachable</title></head><body>
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "${field}": "${src}"},
  "controller": {"name": "须云科技", "contact": "privacy@xuyun.example"}}</script>
<script src="/pkg/mingshi.js" async></script>
</body></html>` }));
    await page.goto(server.url + '/examples/unreachable.html');
    const failure = await page.evaluate(() => window.Mingshi.ready.then(() => 'started', (e) => e.message));
    assert.match(failure, new RegExp(`^could not fetch the policy from ${src.replaceAll('.', '\\.')}: `), field);
    await context.close();
  }
});

test('a component wasm the server does not have is an error naming its URL and the HTTP status', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.route('**/mingshi-wasm_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(server.url + '/examples/script-tag.html');
  const failure = await page.evaluate(() => window.Mingshi.ready.then(() => 'started', (e) => e.message));
  assert.equal(failure, `could not fetch ${server.url}/pkg/mingshi-wasm_bg.wasm: HTTP 404`);
  await context.close();
});

test('a policy file that is empty is an error naming its URL', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.route('**/policies/empty.txt', (route) => route.fulfill({ contentType: 'text/plain; charset=utf-8', body: '\n  \n' }));
  await page.route('**/examples/empty-policy.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>empty policy</title></head><body>
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "url": "/policies/empty.txt"},
  "controller": {"name": "须云科技", "contact": "privacy@xuyun.example"}}</script>
<script src="/pkg/mingshi.js" async></script>
</body></html>` }));
  await page.goto(server.url + '/examples/empty-policy.html');
  const failure = await page.evaluate(() => window.Mingshi.ready.then(() => 'started', (e) => e.message));
  assert.equal(failure, 'could not analyse the policy from /policies/empty.txt: the policy is empty');
  await context.close();
});

test('localStorage without room for a new decision: the cookie keeps it for the next page', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  // localStorage refuses the decision even once the older one is removed (a full quota and
  // a value bigger than the one it frees); every other write works.
  await page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'mingshi.consent') throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  });
  await page.goto(server.url + '/');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => !window.Mingshi.stub && window.Mingshi.acceptedCategory('analytics'));
  await page.reload();
  await page.waitForFunction(() => window.Mingshi && !window.Mingshi.stub);
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), true, 'the decision is still there');
  assert.equal(await page.locator('#mingshi-root').count(), 0, 'not asked again');
  // A withdrawal replaces it there too.
  await page.evaluate(() => Mingshi.withdraw());
  await page.reload();
  await page.waitForFunction(() => window.Mingshi && !window.Mingshi.stub);
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), false, 'the withdrawal holds');
  await context.close();
});

test('localStorage that throws on some pages only: the latest decision holds, wherever it was kept', async () => {
  const context = await chrome.browser.newContext();
  // localStorage throws (as in a blocked web-view) while the tab's name says so: a flag
  // that lasts across reloads and is read at each access, so storage can fail and recover.
  await context.addInitScript(() => {
    const real = Object.getOwnPropertyDescriptor(window, 'localStorage')
      || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage');
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        if (window.name === 'blocked') throw new DOMException('blocked', 'SecurityError');
        return real.get.call(window);
      },
    });
  });
  const page = await context.newPage();
  const decision = () => page.evaluate(() => ({
    action: window.Mingshi.getConsent() && window.Mingshi.getConsent().action,
    analytics: window.Mingshi.acceptedCategory('analytics'),
  }));
  /** The next page, with localStorage blocked or not: what the stub (the wasm held back)
   * and then the component answer. */
  const nextPage = async (blocked) => {
    await page.evaluate((b) => { window.name = b ? 'blocked' : ''; }, blocked);
    await page.route('**/mingshi-wasm_bg.wasm', () => {});
    await page.reload();
    await page.waitForFunction(() => !!(window.Mingshi && window.Mingshi.stub));
    const stub = await decision();
    await page.unroute('**/mingshi-wasm_bg.wasm');
    await page.reload();
    await page.waitForFunction(() => window.Mingshi && !window.Mingshi.stub, null, { timeout: 10000 });
    return { stub, component: await decision() };
  };
  const withdrawn = { action: 'withdraw', analytics: false };
  const accepted = { action: 'accept_all', analytics: true };
  await page.goto(server.url + '/');
  await page.evaluate(() => { window.name = 'blocked'; });
  await page.reload();
  await page.locator('button[data-action=agree]').click();
  assert.match(await page.evaluate(() => document.cookie), /mingshi_consent=/, 'agreed while blocked: in the cookie');
  // localStorage works again: the withdrawal goes there, and the cookie's consent must not come back.
  await nextPage(false);
  await page.evaluate(() => Mingshi.withdraw());
  // Blocked again: the withdrawal cannot be read, and the older consent must not answer instead.
  const none = { action: null, analytics: false };
  assert.deepEqual(await nextPage(true), { stub: none, component: none }, 'blocked again after a withdrawal kept in localStorage');
  assert.deepEqual(await nextPage(false), { stub: withdrawn, component: withdrawn }, 'localStorage works again');
  // The reverse: a new consent while localStorage throws goes to the cookie, and the older
  // withdrawal, in a localStorage that could not even be read to remove it, must not win.
  await nextPage(true);
  await page.evaluate(() => Mingshi.acceptAll());
  assert.deepEqual(await nextPage(false), { stub: accepted, component: accepted }, 'a consent kept in the cookie while blocked');
  assert.deepEqual(await nextPage(true), { stub: accepted, component: accepted });
  await context.close();
});

/** Agrees on the demo page, then fills the origin's storage to its quota, as another
 * script on the page could. */
async function agreeThenFillStorage(page) {
  await page.goto(server.url + '/');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => !window.Mingshi.stub && window.Mingshi.acceptedCategory('analytics'));
  await page.evaluate(() => {
    for (let size = 1 << 20, i = 0; size > 0; i++) {
      try { localStorage.setItem(`filler${i}`, 'x'.repeat(size)); } catch (e) { size >>= 1; }
    }
  });
}

test('localStorage full: a withdrawal is not undone on the next page by the older consent', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await agreeThenFillStorage(page);
  await page.evaluate(() => Mingshi.withdraw());
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), false);
  // Next page, the wasm held back: the stub answers from what is stored.
  await page.route('**/mingshi-wasm_bg.wasm', () => {});
  await page.reload();
  const early = await page.evaluate(() => ({
    action: window.Mingshi.getConsent() && window.Mingshi.getConsent().action,
    analytics: window.Mingshi.acceptedCategory('analytics'),
  }));
  assert.notEqual(early.action, 'accept_all', 'the withdrawn consent is still stored');
  assert.equal(early.analytics, false);
  // And with the wasm: nothing granted either.
  await page.unroute('**/mingshi-wasm_bg.wasm');
  await page.reload();
  await page.waitForFunction(() => window.Mingshi && !window.Mingshi.stub);
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), false);
  await context.close();
});

test('localStorage full: a returning visitor\'s decision is still read from it, not asked again', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await agreeThenFillStorage(page);
  // Then the next page.
  await page.reload();
  await page.waitForFunction(() => window.Mingshi && !window.Mingshi.stub);
  assert.equal(await page.evaluate(async () => (await Mingshi.ready).dialogShown), false, 'not asked again');
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), true);
  // The component reads the same decision as the stub did before it.
  await page.route('**/mingshi-wasm_bg.wasm', () => {});
  await page.reload();
  assert.equal(await page.evaluate(() => window.Mingshi.acceptedCategory('analytics')), true);
  await context.close();
});

test('a policy.sha256 pin that the policy text does not match is an error naming it, not a dialog on every page', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.route('**/examples/pinned.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>pinned</title></head><body>
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "url": "/policies/xuyun-website.txt",
  "sha256": "${'ab'.repeat(32)}"}, "controller": {"name": "须云科技", "contact": "privacy@xuyun.example"}}</script>
<script src="/pkg/mingshi.js" async></script>
</body></html>` }));
  await page.goto(server.url + '/examples/pinned.html');
  const failure = await page.evaluate(() => new Promise((ok) => {
    const wait = () => (window.Mingshi && Mingshi.ready ? Mingshi.ready.then(() => 'started', (e) => e.message).then(ok) : setTimeout(wait, 20));
    wait();
  }));
  assert.equal(failure, "policy.sha256: not the text's SHA-256");
  assert.equal(await page.locator('[role=dialog]').count(), 0);
  await context.close();
});

test('a policy.compiled URL that holds no precompiled policy is an error naming the URL', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  // The plain text where the precompiled form was meant (`mingshi policy compile` not run).
  await page.route('**/examples/not-compiled.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>not compiled</title></head><body>
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "compiled": "/policies/xuyun-website.txt"},
  "controller": {"name": "须云科技", "contact": "privacy@xuyun.example"}}</script>
<script src="/pkg/mingshi.js" async></script>
</body></html>` }));
  await page.goto(server.url + '/examples/not-compiled.html');
  const failure = await page.evaluate(() => new Promise((ok) => {
    const wait = () => (window.Mingshi && Mingshi.ready ? Mingshi.ready.then(() => 'started', (e) => e.message).then(ok) : setTimeout(wait, 20));
    wait();
  }));
  assert.equal(failure, 'could not read the policy from /policies/xuyun-website.txt: not a precompiled policy: '
    + 'invalid JSON at line 1, column 1: expected a value');
  await context.close();
});

test('data-gcm on the stub maps Consent Mode types to the site\'s categories, also in the component\'s updates', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  // The site's statistics category is called "stats", not "analytics".
  await page.route('**/examples/gcm.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>gcm</title></head><body>
<script type="application/json" id="mingshi-config">{"policy": {"version": "2023-11-15", "url": "/policies/xuyun-website.txt"},
  "controller": {"name": "须云科技", "contact": "privacy@xuyun.example"}, "categories": [{"id": "stats", "title": "统计"}]}</script>
<script src="/pkg/mingshi-stub.js" data-gcm='{"analytics_storage": "stats"}'></script>
<script src="/pkg/mingshi.js" async></script>
</body></html>` }));
  await page.goto(server.url + '/examples/gcm.html');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => window.Mingshi && !window.Mingshi.stub && Mingshi.acceptedCategory('stats'));
  const consent = await page.evaluate(() => window.dataLayer
    .filter((a) => a[0] === 'consent').map((a) => [a[1], a[2].analytics_storage, a[2].ad_storage]));
  assert.deepEqual(consent, [['default', 'denied', 'denied'], ['update', 'granted', 'denied']]);
  // Withdrawing denies it again through the same mapping.
  await page.evaluate(() => Mingshi.withdraw());
  const last = await page.evaluate(() => window.dataLayer.filter((a) => a[0] === 'consent').at(-1)[2].analytics_storage);
  assert.equal(last, 'denied');
  assert.deepEqual(errors, []);
  await context.close();
});

test('data-gcm that is not JSON, or names a type Consent Mode lacks, is a console error naming it', async () => {
  for (const [gcm, want] of [[`{analytics_storage: 'stats'}`, /^Mingshi stub: data-gcm: /],
    ['{"analytic_storage": "stats"}', /^Mingshi stub: data-gcm: unknown Consent Mode type "analytic_storage"$/]]) {
    const context = await chrome.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.route('**/examples/gcm-typo.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>gcm</title><link rel="icon" href="data:,"></head><body>
<script src="/pkg/mingshi-stub.js" data-gcm="${gcm.replaceAll('"', '&quot;')}"></script>
</body></html>` }));
    await page.goto(server.url + '/examples/gcm-typo.html');
    assert.equal(errors.length, 1, `${gcm}: ${errors}`);
    assert.match(errors[0].replace(/^console: /, ''), want);
    // The rest of the stub works as without it: the defaults are set.
    assert.equal(await page.evaluate(() => window.dataLayer[0][2].analytics_storage), 'denied');
    await context.close();
  }
});

test('analyzePolicy loads the policy engine from start()\'s policyWasmUrl', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  // A bundler's app that serves the engine's wasm from its own path; its policy is precompiled.
  await page.route('**/engine/policy.wasm', (route) => route.continue({ url: server.url + '/pkg/mingshi-policy_bg.wasm' }));
  await page.route('**/examples/module.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>module</title></head><body>
<script type="module">
import { start } from '/pkg/index.js';
window.__started = start({ policy: { version: '2023-11-15', compiled: '/policies/xuyun-website.json' },
  controller: { name: '须云科技', contact: 'privacy@xuyun.example' } }, { policyWasmUrl: '/engine/policy.wasm' });
</script></body></html>` }));
  await page.goto(server.url + '/examples/module.html');
  await page.waitForFunction(() => window.__started);
  const tags = await page.evaluate(async () => {
    const api = await window.__started;
    const compiled = await api.analyzePolicy('隐私政策\n我们会收集您的手机号码。');
    return compiled.mingshi_policy;
  });
  assert.ok(tags, 'analysed');
  assert.deepEqual(wasm, ['/pkg/mingshi-wasm_bg.wasm', '/engine/policy.wasm'], 'the engine from policyWasmUrl');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a policy engine that failed to load is loaded again: show() after the failed start opens the dialog', async () => {
  // The engine's wasm fails to load once (a network blip): start fails, and show() tries again.
  const second = await chrome.browser.newContext();
  const p2 = await second.newPage();
  let failed = 0;
  await p2.route('**/mingshi-policy_bg.wasm', (route) => (failed++ ? route.continue() : route.fulfill({ status: 404, body: 'gone' })));
  await p2.goto(server.url + '/examples/script-tag.html');
  const failure = await p2.evaluate(() => window.Mingshi.ready.then(() => 'started', (e) => String(e.message || e)));
  assert.match(failure, /could not analyse the policy/);
  await p2.evaluate(() => window.Mingshi.show());
  await p2.locator('[role=dialog] button[data-action=agree]').waitFor({ state: 'visible' });
  assert.equal(failed, 2, 'the engine was fetched again');
  await second.close();
});

/** A page that starts Mingshi from the script tag `src` with `config` (JSON); its HTML. */
const scriptTagPage = (config, src = '/pkg/mingshi.js') => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>bad config</title></head><body>
<script src="${src}" data-config='${JSON.stringify(config)}'></script></body></html>`;

/** Opens `html` as a page of `context`; resolves to the page, the paths it asks for from
 * /pkg/ (sorted when read: the loader asks for some at once) and its errors (watchErrors). */
async function openLogged(context, html) {
  const page = await context.newPage();
  const errors = watchErrors(page);
  const asked = [];
  page.on('request', (r) => { const path = new URL(r.url()).pathname; if (path.startsWith('/pkg/')) asked.push(path); });
  await page.route('**/examples/bad-config.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(server.url + '/examples/bad-config.html');
  return { page, asked, errors };
}

/** A configuration with a typo in a category (`servces`); its policy is precompiled. */
const misspelt = { policy: { version: '2023-11-15', compiled: '/policies/xuyun-website.json' },
  controller: { name: '须云科技', contact: 'privacy@xuyun.example' },
  categories: [{ id: 'analytics', title: '统计分析', servces: [] }] };

test('a refused configuration fails start with core\'s full message, from the messages module alone; a valid one loads neither it nor the engine', async () => {
  // The component carries no configuration messages: the JS layer asks the messages module.
  const context = await chrome.browser.newContext();
  const { page, asked, errors } = await openLogged(context, scriptTagPage(misspelt));
  await page.waitForFunction(() => !!(window.Mingshi && window.Mingshi.ready));
  const failure = await page.evaluate(() => window.Mingshi.ready.then(() => 'started', (e) => e.message));
  const message = 'Mingshi configuration: categories[0]: unknown field `servces`; did you mean `services`?';
  assert.equal(failure, message);
  assert.deepEqual(errors, [`console: ${message}`], 'the console says it, as the loader logs it');
  // The policy is precompiled: the policy engine (mingshi-policy*) is not asked for.
  assert.deepEqual(asked.sort(), ['/pkg/index.js', '/pkg/mingshi-messages.js',
    '/pkg/mingshi-messages_bg.wasm', '/pkg/mingshi-wasm_bg.wasm', '/pkg/mingshi.js']);
  // Refused as a whole: nothing optional granted, no dialog.
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), false);
  assert.equal(await page.locator('[role=dialog]').count(), 0);

  // The same configuration without the typo: no message, no messages module, no engine.
  const valid = structuredClone(misspelt);
  valid.categories[0].services = valid.categories[0].servces;
  delete valid.categories[0].servces;
  const fine = await openLogged(context, scriptTagPage(valid));
  await fine.page.locator('[role=dialog]').waitFor();
  assert.deepEqual(fine.asked.sort(), ['/pkg/index.js', '/pkg/mingshi-wasm_bg.wasm', '/pkg/mingshi.js'],
    'a valid configuration needs neither the messages nor the engine');

  // The single-file build has the messages inlined: the same message, nothing else fetched.
  const single = await openLogged(context, scriptTagPage(misspelt, '/pkg/mingshi.single.js'));
  await single.page.waitForFunction(() => !!(window.Mingshi && window.Mingshi.ready));
  assert.equal(await single.page.evaluate(() => window.Mingshi.ready.then(() => 'started', (e) => e.message)), message);
  assert.deepEqual(single.asked, ['/pkg/mingshi.single.js']);
  await context.close();
});

test('a refused configuration whose message cannot be loaded (messages module unreachable) still fails start, saying so', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.route('**/examples/module.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>module</title></head><body>
<script type="module">
import { start } from '/pkg/index.js';
window.__started = start(${JSON.stringify(misspelt)}, { messagesWasmUrl: '/nowhere/messages.wasm' });
</script></body></html>` }));
  await page.goto(server.url + '/examples/module.html');
  await page.waitForFunction(() => !!window.__started);
  const failure = await page.evaluate(() => window.__started.then(() => 'started', (e) => e.message));
  assert.match(failure, /^Mingshi configuration is invalid; the message needs mingshi-messages_bg\.wasm: .*\/nowhere\/messages\.wasm/);
  // The API still answers, with nothing granted.
  assert.equal(await page.evaluate(async () => (await import('/pkg/index.js')).api.acceptedCategory('analytics')), false);
  await context.close();
});

test('the stub has the API\'s every member: analyzePolicy called on it is answered once the component runs', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/mingshi-wasm_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(server.url + '/');
  await page.waitForFunction(() => !!(window.Mingshi && window.Mingshi.ready));
  const early = await page.evaluate(() => {
    window.__analysed = window.Mingshi.analyzePolicy('隐私政策\n我们会收集您的手机号码。');
    return { stub: window.Mingshi.stub === true, keys: Object.keys(window.Mingshi), droppedBeacons: Mingshi.droppedBeacons, miniProgram: Mingshi.miniProgram };
  });
  assert.deepEqual([early.stub, early.droppedBeacons, early.miniProgram], [true, 0, null]);
  release();
  await page.waitForFunction(() => window.Mingshi && !window.Mingshi.stub);
  const api = await page.evaluate(() => Object.keys(window.Mingshi));
  // start() is for the ES module: a script-tag page has started already.
  const missing = api.filter((k) => !early.keys.includes(k) && !['start', 'dialogShown'].includes(k));
  assert.deepEqual(missing, [], 'members of the API the stub lacks');
  // The README's API list names every member (start() is the module's export; gcm is the
  // stub's mapping, handed on for the component's Consent Mode updates).
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const list = readme.slice(readme.indexOf('API (also on `window.Mingshi`'), readme.indexOf('The same events are dispatched'));
  const undocumented = api.filter((k) => !['start', 'gcm'].includes(k) && !new RegExp('`' + k + '[`(]').test(list));
  assert.deepEqual(undocumented, [], 'members of the API the README\'s list lacks');
  assert.equal(await page.evaluate(async () => (await window.__analysed).mingshi_policy), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a policy served as GBK shows its Chinese, and receipts name the hash of its text; an unknown charset is an error naming it', async () => {
  // tests/e2e/fixtures/policy.gbk.txt is this text, made by `iconv -f utf-8 -t gbk`.
  const text = '隐私政策\n\n一、我们如何共享您的信息\n\n我们会将您的手机号码提供给第三方合作伙伴，用于发送物流通知。\n\n'
    + '二、敏感个人信息\n\n我们会收集您的人脸信息，仅用于实名认证。\n';
  const gbk = readFileSync(new URL('./fixtures/policy.gbk.txt', import.meta.url));
  assert.notDeepEqual(gbk, Buffer.from(text), 'the fixture is not the UTF-8 text');
  const page = (charset) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>gbk</title></head><body>
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "url": "/policies/${charset}.txt"},
  "controller": {"name": "须云科技", "contact": "privacy@xuyun.example"}}</script>
<script src="/pkg/mingshi.js" async></script>
</body></html>`;
  /** A first visit to a page whose policy is the fixture served as `charset`. */
  const visit = async (charset) => {
    const context = await chrome.browser.newContext();
    await context.route('**/examples/charset.html', (route) => route.fulfill({ contentType: 'text/html', body: page(charset) }));
    await context.route(`**/policies/${charset}.txt`, (route) => route.fulfill({ contentType: `text/plain; charset=${charset}`, body: gbk }));
    const tab = await context.newPage();
    const errors = watchErrors(tab);
    await tab.goto(server.url + '/examples/charset.html');
    return { context, tab, errors };
  };
  const { context, tab, errors } = await visit('gbk');
  await tab.locator('[role=dialog] button[data-action=agree]').waitFor();
  const points = await tab.locator('[role=dialog] button.kp').allTextContents();
  assert.ok(points.includes('我们会将您的手机号码提供给第三方合作伙伴，用于发送物流通知。'), `the key points read as published: ${points}`);
  const posted = tab.waitForResponse((r) => r.url().endsWith('/v1/receipts'));
  await tab.locator('button[data-action=agree]').click();
  const { receipt } = await (await posted).json();
  assert.equal(receipt.policy.sha256, createHash('sha256').update(text).digest('hex'), 'the hash of the text, as UTF-8');
  assert.deepEqual(errors, []);
  await context.close();
  const unknown = await visit('x-no-such-charset');
  const failure = await unknown.tab.evaluate(() => window.Mingshi.ready.then(() => 'started', (e) => e.message));
  assert.ok(failure.startsWith('could not read the policy from /policies/x-no-such-charset.txt as x-no-such-charset: '), failure);
  assert.equal(await unknown.tab.locator('[role=dialog]').count(), 0, 'no garbled dialog');
  await unknown.context.close();
});

test('a Content-Type sent twice (joined with a comma) still names the charset of a GBK policy', async () => {
  // A proxy that adds its own Content-Type to the origin's: fetch joins the two values with
  // ", ", and the Fetch standard reads `charset=gbk` from them (the second names none).
  const gbk = readFileSync(new URL('./fixtures/policy.gbk.txt', import.meta.url));
  const context = await chrome.browser.newContext();
  await context.route('**/examples/twice.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>twice</title></head><body>
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "url": "/policies/twice.txt"},
  "controller": {"name": "须云科技", "contact": "privacy@xuyun.example"}}</script>
<script src="/pkg/mingshi.js" async></script>
</body></html>` }));
  await context.route('**/policies/twice.txt', (route) => route.fulfill({
    headers: { 'Content-Type': 'text/plain; charset=gbk, text/plain' }, body: gbk,
  }));
  const tab = await context.newPage();
  const errors = watchErrors(tab);
  await tab.goto(server.url + '/examples/twice.html');
  const started = await tab.evaluate(() => window.Mingshi.ready.then(() => 'started', (e) => e.message));
  assert.equal(started, 'started');
  const points = await tab.locator('[role=dialog] button.kp').allTextContents();
  assert.ok(points.includes('我们会将您的手机号码提供给第三方合作伙伴，用于发送物流通知。'), `the key points read as published: ${points}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a UTF-8 policy saved with a byte order mark reads as UTF-8 under a server-wide charset=gbk, as the browser shows it', async () => {
  // Notepad saves UTF-8 with a BOM; an older site's server labels every text file gbk. The
  // browser, opening the file, reads it by the BOM (the Encoding standard's decode): so does
  // the component, where decoding as the header says would show it garbled, silently (most
  // UTF-8 Chinese is also GBK bytes) and hash the garbled text into every receipt.
  const text = '隐私政策\n\n一、我们如何共享您的信息\n\n我们会将您的手机号码提供给第三方合作伙伴，用于发送物流通知。\n';
  const context = await chrome.browser.newContext();
  await context.route('**/examples/bom.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>bom</title></head><body>
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "url": "/policies/bom.txt"},
  "controller": {"name": "须云科技", "contact": "privacy@xuyun.example"}}</script>
<script src="/pkg/mingshi.js" async></script>
</body></html>` }));
  await context.route('**/policies/bom.txt', (route) => route.fulfill({
    contentType: 'text/plain; charset=gbk', body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
  }));
  const tab = await context.newPage();
  const errors = watchErrors(tab);
  await tab.goto(server.url + '/examples/bom.html');
  const started = await tab.evaluate(() => window.Mingshi.ready.then(() => 'started', (e) => e.message));
  assert.equal(started, 'started');
  const points = await tab.locator('[role=dialog] button.kp').allTextContents();
  assert.ok(points.includes('我们会将您的手机号码提供给第三方合作伙伴，用于发送物流通知。'), `the key points read as published: ${points}`);
  const posted = tab.waitForResponse((r) => r.url().endsWith('/v1/receipts'));
  await tab.locator('button[data-action=agree]').click();
  const { receipt } = await (await posted).json();
  assert.equal(receipt.policy.sha256, createHash('sha256').update(text).digest('hex'), 'the hash of the text, without its BOM');
  assert.deepEqual(errors, []);
  await context.close();
});
