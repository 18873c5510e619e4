// Nothing tracks before consent: every request the gating example page makes is
// recorded; gated scripts, pixels, iframes and beacons must not leave before consent or
// after rejection, must run exactly once after granting, and withdrawal clears what the
// configuration names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, watchErrors, ROOT } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await server?.stop(); });

/** A fresh context (cold cache, empty storage) on the gating page, recording requests. */
async function open() {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = watchErrors(page);
  await page.goto(server.url + '/examples/gating.html');
  const tracked = () => requests.filter((u) => u.includes('/examples/track/')).map((u) => new URL(u).pathname + new URL(u).search);
  return { context, page, tracked, errors };
}

const settle = (page) => page.waitForTimeout(400);

test('before consent nothing gated loads, not even on a cold cache', async () => {
  const { context, page, tracked } = await open();
  await page.locator('[role=dialog]').waitFor();
  await page.evaluate(() => navigator.sendBeacon('/examples/track/beacon?from=early', 'x'));
  await settle(page);
  assert.deepEqual(tracked(), []);
  assert.equal(await page.evaluate(() => window.__inlineRuns), undefined);
  // The iframe waits behind an accessible placeholder.
  const placeholder = page.getByRole('button', { name: /启用/ });
  assert.equal(await placeholder.count(), 1);
  // Named for what it embeds as the configuration calls it, not by its id.
  assert.equal(await placeholder.textContent(), '启用以查看此内容: 高德地图');
  assert.equal(await page.evaluate(() => Mingshi.droppedBeacons), 1);
  await context.close();
});

test('beacons are dropped while the dialog waits for the policy, and after a start that failed', async () => {
  for (const [what, policy] of [
    ['slow policy', async (route) => { await new Promise((ok) => setTimeout(ok, 1500)); await route.continue(); }],
    ['policy 404', (route) => route.fulfill({ status: 404, body: 'gone' })],
  ]) {
    const context = await chrome.browser.newContext();
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.route('**/policies/xuyun-website.txt', policy);
    await page.goto(server.url + '/examples/gating.html');
    // The component has started (its settings entry is there) but has not settled.
    await page.locator('#mingshi-entry').waitFor({ state: 'attached' });
    await page.evaluate(() => navigator.sendBeacon('/examples/track/beacon?from=early', 'x'));
    await page.evaluate(() => Mingshi.ready.catch(() => {}));
    await page.evaluate(() => navigator.sendBeacon('/examples/track/beacon?from=settled', 'x'));
    await page.evaluate(() => fetch('/examples/track/beacon?from=keepalive', { method: 'POST', keepalive: true }).catch(() => {}));
    await settle(page);
    assert.deepEqual(requests.filter((u) => u.includes('/track/')), [], what);
    assert.equal(await page.evaluate(() => Mingshi.droppedBeacons), 3, what);
    await context.close();
  }
});

test('a beacon pattern that covers the receipts endpoint does not hold back the receipts', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  // A site gates every beacon of its own origin until analytics is granted.
  await page.route('**/examples/gating.html', async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace('"/examples/track/beacon*": "analytics"', '"/*": "analytics"');
    await route.fulfill({ response: res, body });
  });
  await page.goto(server.url + '/examples/gating.html');
  await page.locator('button[data-action=disagree]').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox') || '{"pending":[1]}').pending.length === 0, null, { timeout: 5000 }).catch(() => {});
  assert.deepEqual((await page.evaluate(() => JSON.parse(localStorage.getItem('mingshi.outbox')))).pending, [], 'the refusal was receipted');
  assert.ok(await page.evaluate(() => localStorage.getItem('mingshi.receipt')), 'and signed by the server');
  // The site's own beacons stay gated.
  await page.evaluate(() => navigator.sendBeacon('/examples/track/beacon?from=catch-all', 'x'));
  assert.equal(await page.evaluate(() => Mingshi.droppedBeacons), 1);
  await context.close();
});

test('after disagreeing nothing gated loads, including tags added later and beacons', async () => {
  const { context, page, tracked } = await open();
  await page.locator('button[data-action=disagree]').click();
  await page.locator('#spa').click();
  await page.locator('#beacon').click();
  await settle(page);
  await page.reload();
  await page.locator('#spa').click();
  await settle(page);
  assert.deepEqual(tracked(), []);
  await context.close();
});

test('after agreeing each gated element runs exactly once, in order, also after reload', async () => {
  const { context, page, tracked, errors } = await open();
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => window.__tagRuns === 1);
  await page.locator('#spa').click();
  await page.locator('#beacon').click();
  await settle(page);
  const t = tracked();
  const count = (s) => t.filter((u) => u.includes(s)).length;
  assert.equal(count('from=inline-tag'), 1);
  assert.equal(count('/analytics.js'), 1);
  assert.equal(count('from=external-tag'), 1);
  assert.equal(count('from=pixel'), 1);
  assert.equal(count('from=iframe'), 1);
  assert.equal(count('from=spa-tag'), 1);
  assert.equal(count('from=beacon'), 1);
  assert.deepEqual(await page.evaluate(() => [window.__inlineRuns, window.__tagRuns, window.__spaRuns]), [1, 1, 1]);
  // Document order: the inline tag before the external one.
  assert.ok(t.findIndex((u) => u.includes('inline-tag')) < t.findIndex((u) => u.includes('analytics.js')));
  // Changing unrelated settings does not run anything twice.
  await page.evaluate(() => Mingshi.acceptAll());
  await settle(page);
  assert.equal(await page.evaluate(() => window.__tagRuns), 1);
  // A returning visitor: the stored consent runs each tag once, with no dialog.
  await page.reload();
  await page.waitForFunction(() => window.__tagRuns === 1 && window.__inlineRuns === 1);
  await settle(page);
  assert.deepEqual(await page.evaluate(() => [window.__inlineRuns, window.__tagRuns]), [1, 1]);
  assert.equal(await page.locator('[role=dialog]').count(), 0);
  // Not a console error either: the example's beacon reaches a file the demo serves.
  assert.deepEqual(errors, []);
  await context.close();
});

test('a gated inline script after a gated external one runs after it has loaded (document order)', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  // A library that arrives late, then inline code that uses it, as sites paste them.
  await page.route('**/examples/track/lib.js', async (route) => {
    await new Promise((ok) => setTimeout(ok, 300));
    await route.fulfill({ contentType: 'text/javascript', body: 'window.lib = true; window.order = (window.order || []).concat("lib");' });
  });
  await page.route('**/examples/order.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>order</title></head><body>
<script type="text/plain" data-category="analytics" data-src="/examples/track/lib.js"></script>
<script type="text/plain" data-category="analytics">window.order = (window.order || []).concat(window.lib ? "uses-lib" : "ran-before-lib");</script>
<img data-category="analytics" data-src="/examples/track/pixel.gif?from=order" alt="">
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "text": "Privacy policy\\nWe collect your phone number."},
  "controller": {"name": "Example", "contact": "p@example.com"}, "categories": [{"id": "analytics", "title": "Analytics"}],
  "receipts": {"enabled": false}}</script>
<script src="/pkg/mingshi.js" async></script>
</body></html>` }));
  await page.goto(server.url + '/examples/order.html');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => (window.order || []).length === 2, null, { timeout: 5000 }).catch(() => {});
  assert.deepEqual(await page.evaluate(() => window.order), ['lib', 'uses-lib']);
  // Images and iframes do not wait for scripts.
  assert.match(await page.evaluate(() => document.querySelector('img').src), /from=order/);
  // A returning visitor: the same order, from the stored consent.
  await page.reload();
  await page.waitForFunction(() => (window.order || []).length === 2, null, { timeout: 5000 }).catch(() => {});
  assert.deepEqual(await page.evaluate(() => window.order), ['lib', 'uses-lib']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a gated script with data-type="module" runs as a module script, inline and external', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.route('**/examples/track/tag.mjs', (route) => route.fulfill({ contentType: 'text/javascript',
    body: 'window.ran = (window.ran || []).concat("external:" + typeof import.meta);' }));
  await page.route('**/examples/module.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>module</title></head><body>
<script type="text/plain" data-category="analytics" data-type="module">window.ran = (window.ran || []).concat("inline:" + typeof import.meta);</script>
<script type="text/plain" data-category="analytics" data-type="module" data-src="/examples/track/tag.mjs"></script>
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "text": "Privacy policy\\nWe collect your phone number."},
  "controller": {"name": "Example", "contact": "p@example.com"}, "categories": [{"id": "analytics", "title": "Analytics"}],
  "receipts": {"enabled": false}}</script>
<script src="/pkg/mingshi.js" async></script>
</body></html>` }));
  await page.goto(server.url + '/examples/module.html');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => (window.ran || []).length === 2, null, { timeout: 5000 }).catch(() => {});
  // `import.meta` is a syntax error in a classic script: each ran as a module.
  assert.deepEqual(await page.evaluate(() => window.ran), ['inline:object', 'external:object']);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('script[type=module]')].length), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * A page whose gated markup names a category the configuration lacks (a typo, twice; another
 * one), a service its category lacks, and known ones, loaded by `loader`; its console
 * warnings are collected in `warnings`, and the requests for the messages module in `asked`.
 */
async function typoPage(loader) {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const warnings = [];
  const asked = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  page.on('request', (r) => { if (r.url().includes('messages')) asked.push(new URL(r.url()).pathname); });
  await page.route('**/examples/typo.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>typo</title></head><body>
<script type="text/plain" data-category="analytcs">window.typo = true;</script>
<img data-category="analytcs" data-src="/examples/track/pixel.gif?from=typo" alt="">
<iframe data-category="videos" data-src="/examples/track/embed.html?from=videos" title="video"></iframe>
<script type="text/plain" data-category="analytics">window.known = true;</script>
<script type="text/plain" data-category="necessary">window.necessary = true;</script>
<script type="text/plain" data-category="analytics" data-service="umeng2">window.umeng2 = true;</script>
<img data-category="analytics" data-service="umeng2" data-src="/examples/track/pixel.gif?from=umeng2" alt="">
<script type="text/plain" data-category="analytics" data-service="umeng">window.umeng = true;</script>
<script type="application/json" id="mingshi-config">{"policy": {"version": "1", "text": "Privacy policy\\nWe collect your phone number."},
  "controller": {"name": "Example", "contact": "p@example.com"},
  "categories": [{"id": "analytics", "title": "Analytics", "services": [{"id": "umeng", "name": "Umeng"}]}, {"id": "marketing", "title": "Marketing"}],
  "receipts": {"enabled": false}}</script>
${loader}
</body></html>` }));
  await page.goto(server.url + '/examples/typo.html');
  return { context, page, errors, warnings, asked };
}

/** Resolves once `list` has `n` entries (the warnings come once the messages module has). */
async function atLeast(list, n) {
  for (let i = 0; list.length < n && i < 100; i++) await new Promise((ok) => setTimeout(ok, 50));
}

test('gated markup naming a category the configuration lacks, or a service its category lacks: one console warning for each, naming the known ones', async () => {
  const { context, page, errors, warnings, asked } = await typoPage('<script src="/pkg/mingshi.js" async></script>');
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => window.known === true, null, { timeout: 5000 });
  // Added later, and granted again: no second warning for the same category.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.type = 'text/plain';
    s.dataset.category = 'analytcs';
    s.textContent = 'window.typo = true;';
    document.body.append(s);
    Mingshi.acceptAll();
  });
  await settle(page);
  await atLeast(warnings, 3);
  // The component finds the mistakes; the messages module words them.
  assert.deepEqual(asked.sort(), ['/pkg/mingshi-messages.js', '/pkg/mingshi-messages_bg.wasm']);
  assert.deepEqual(warnings.sort(), [
    'Mingshi: data-category="analytcs" is not a configured category (necessary, analytics, marketing): its elements stay blocked. Did you mean "analytics"?',
    'Mingshi: data-category="videos" is not a configured category (necessary, analytics, marketing): its elements stay blocked.',
    'Mingshi: data-service="umeng2" is not a configured service of "analytics": its elements load with the category alone. Did you mean "umeng"?',
  ]);
  assert.deepEqual(await page.evaluate(() => [window.typo, window.necessary]), [undefined, true], 'still blocked');
  assert.deepEqual(await page.evaluate(() => [window.umeng, window.umeng2]), [true, true], 'an unknown service follows its category');
  assert.deepEqual(errors, []);
  await context.close();
});

test('gated markup naming what the configuration lacks, with the messages module unreachable: still one warning for each, saying what it names', async () => {
  const { context, page, errors, warnings } = await typoPage(`<script type="module">
import { start } from '/pkg/index.js';
start(JSON.parse(document.getElementById('mingshi-config').textContent), { messagesWasmUrl: '/nowhere/messages.wasm' });
</script>`);
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => window.known === true, null, { timeout: 5000 });
  await settle(page);
  await atLeast(warnings, 3);
  const why = 'is not configured; the message needs mingshi-messages_bg.wasm';
  assert.deepEqual(warnings.sort(), [
    `Mingshi: data-category="analytcs" ${why}`,
    `Mingshi: data-category="videos" ${why}`,
    `Mingshi: data-service="umeng2" (of "analytics") ${why}`,
  ]);
  assert.deepEqual(await page.evaluate(() => [window.typo, window.umeng2]), [undefined, true], 'gated as before');
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await context.close();
});

test('asked again (new policy version, expired consent): nothing gated loads until the answer', async () => {
  const { context, page, tracked } = await open();
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => window.__tagRuns === 1);
  for (const [what, change] of [
    ['policy version', (s) => { s.policy_version = '2020-01-01'; }],
    ['lifetime', (s) => { s.decided_at = 1000; }],
  ]) {
    await page.evaluate(`{ const s = JSON.parse(localStorage.getItem('mingshi.consent')); (${change})(s); localStorage.setItem('mingshi.consent', JSON.stringify(s)); }`);
    const before = tracked().length;
    await page.reload();
    await page.locator('[role=dialog]').waitFor();
    // The dialog is modal: the page's own scripts add a tag and send a beacon meanwhile.
    await page.evaluate(() => { document.getElementById('spa').click(); document.getElementById('beacon').click(); });
    await settle(page);
    assert.deepEqual(tracked().slice(before), [], `${what}: nothing loads while asking again`);
    assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), false, what);
    const layer = await page.evaluate(() => window.dataLayer.map((e) => Array.from(e)));
    const update = layer.filter((e) => e[0] === 'consent' && e[1] === 'update').pop();
    assert.equal(update && update[2].analytics_storage, 'denied', `${what}: Consent Mode follows`);
    // Agreeing again runs each tag once.
    await page.locator('button[data-action=agree]').click();
    await page.waitForFunction(() => window.__tagRuns === 1 && window.__spaRuns === 1);
    assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), true, what);
  }
  await context.close();
});

test('granting one service in place through the iframe placeholder', async () => {
  const { context, page, tracked } = await open();
  await page.locator('button[data-action=disagree]').click();
  await page.getByRole('button', { name: /高德地图/ }).click();
  await page.waitForFunction(() => document.querySelector('iframe').src.includes('embed.html'));
  await settle(page);
  assert.deepEqual(tracked().filter((u) => !u.includes('from=iframe')), [], 'only the iframe was enabled');
  assert.equal(await page.evaluate(() => Mingshi.acceptedService('amap')), true);
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), false);
  await context.close();
});

test('where agreeing asks for an age, the iframe placeholder opens the preference centre with its service ticked', async () => {
  const { context, page, tracked } = await open();
  const config = JSON.parse(await page.locator('#mingshi-config').textContent());
  config.minors = { age_gate: true, threshold: 14 };
  await page.route('**/examples/gating.html', async (route) => {
    const body = (await (await route.fetch()).text())
      .replace(/(<script type="application\/json" id="mingshi-config">)[^]*?(<\/script>)/, (_, a, b) => a + JSON.stringify(config) + b);
    await route.fulfill({ contentType: 'text/html', body });
  });
  await page.reload();
  // Disagree (basic mode): nothing asked about age. Then the map's "enable" button.
  await page.locator('button[data-action=disagree]').click();
  await page.getByRole('button', { name: /高德地图/ }).click();
  await page.locator('[role=dialog] button[data-action=save]').waitFor();
  assert.equal(await page.locator('#ms-cat-functional').isChecked(), true, 'the clicked category is ticked');
  assert.equal(await page.locator('#ms-cat-analytics').isChecked(), false, 'nothing else is');
  await settle(page);
  assert.deepEqual(tracked(), [], 'the map waits for the answer');
  // Under the age without the guardian's consent: not saved.
  await page.locator('#ms-under').check();
  await page.locator('button[data-action=save]').click();
  await settle(page);
  assert.deepEqual(tracked(), []);
  assert.equal(await page.evaluate(() => Mingshi.acceptedService('amap')), false);
  await page.locator('#ms-guardian').check();
  await page.locator('button[data-action=save]').click();
  await page.waitForFunction(() => document.querySelector('iframe').src.includes('embed.html'));
  assert.deepEqual(await page.evaluate(() => {
    const c = Mingshi.getConsent();
    return [c.guardian, c.categories.functional, c.categories.analytics];
  }), [true, true, false]);
  await context.close();
});

test('with no decision (the policy could not be shown), the iframe placeholder grants nothing in place', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  let policyUp = false;
  await page.route('**/policies/xuyun-website.txt', (route) => (policyUp ? route.continue() : route.fulfill({ status: 503, body: 'down' })));
  const errors = watchErrors(page);
  await page.goto(server.url + '/examples/gating.html');
  await page.waitForFunction(() => window.Mingshi && !window.Mingshi.stub);
  await page.getByRole('button', { name: /高德地图/ }).click();
  await settle(page);
  assert.equal(await page.evaluate(() => localStorage.getItem('mingshi.consent')), null, 'no consent to a policy never shown');
  // The start failed, saying why (the loader logs it), and so did the dialog the button asked for.
  const down = 'console: could not fetch the policy from /policies/xuyun-website.txt: HTTP 503';
  assert.deepEqual(errors.filter((e) => !e.includes('503 (Service Unavailable)')), [down, down]);
  assert.equal(await page.evaluate(() => document.querySelector('iframe').getAttribute('src')), null);
  // Once the policy loads, the same button opens the preference centre with the map ticked.
  policyUp = true;
  await page.getByRole('button', { name: /高德地图/ }).click();
  await page.locator('[role=dialog] button[data-action=save]').waitFor();
  assert.equal(await page.locator('#ms-cat-functional').isChecked(), true);
  await page.locator('button[data-action=save]').click();
  await page.waitForFunction(() => document.querySelector('iframe').src.includes('embed.html'));
  await context.close();
});

test('withdrawing clears the named cookies and keys and stops new tags', async () => {
  const { context, page } = await open();
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => window.__tagRuns === 1 && document.cookie.includes('um_visitor'));
  await page.evaluate(() => { document.cookie = 'unrelated=1; path=/'; localStorage.setItem('site_pref', 'x'); });
  await page.evaluate(() => Mingshi.withdraw());
  const cookies = await page.evaluate(() => document.cookie);
  assert.ok(!cookies.includes('um_visitor') && !cookies.includes('cna='), cookies);
  assert.ok(cookies.includes('unrelated=1'), 'other cookies are kept');
  assert.equal(await page.evaluate(() => localStorage.getItem('um_session')), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('site_pref')), 'x');
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), false);
  await context.close();
});

test('withdrawing unloads a granted iframe and puts its placeholder back; granting again loads it again', async () => {
  const { context, page, tracked } = await open();
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => document.querySelector('iframe').src.includes('embed.html'));
  assert.equal(await page.getByRole('button', { name: /高德地图/ }).count(), 0);
  await page.evaluate(() => Mingshi.withdraw());
  await settle(page);
  // The embedded page is gone (it cannot go on tracking), behind its placeholder again.
  assert.doesNotMatch(await page.evaluate(() => document.querySelector('iframe').src), /embed\.html/);
  assert.equal(await page.evaluate(() => document.querySelector('iframe').contentDocument?.body?.innerText ?? ''), '');
  await page.getByRole('button', { name: /高德地图/ }).click();
  await page.waitForFunction(() => document.querySelector('iframe').src.includes('embed.html'));
  await settle(page);
  assert.equal(tracked().filter((u) => u.includes('from=iframe')).length, 2);
  assert.equal(await page.getByRole('button', { name: /高德地图/ }).count(), 0);
  await context.close();
});

test('an iframe placeholder\'s button is the visitor\'s own grant: the stored receipt says `placeholder`, not `api`', async () => {
  const { context, page } = await open();
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => document.querySelector('iframe').src.includes('embed.html'));
  await page.evaluate(() => Mingshi.withdraw());
  const signed = () => page.evaluate(() => JSON.parse(localStorage.getItem('mingshi.receipt') || 'null'));
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.receipt') || '{}').receipt?.action === 'withdraw');
  await page.getByRole('button', { name: /高德地图/ }).click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.receipt') || '{}').receipt?.action === 'custom', null, { timeout: 5000 });
  const { receipt_id } = await signed();
  const { receipt } = await (await fetch(`${server.url}/v1/receipts/${receipt_id}`)).json();
  assert.equal(receipt.collection_method, 'placeholder');
  assert.equal(receipt.decisions.services.amap, true);
  await context.close();
});

test('reset() leaves nothing granted on the page: a granted iframe is unloaded too', async () => {
  const { context, page } = await open();
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => document.querySelector('iframe').src.includes('embed.html'));
  await page.evaluate(() => Mingshi.reset());
  await settle(page);
  assert.equal(await page.evaluate(() => Mingshi.acceptedService('amap')), false);
  assert.doesNotMatch(await page.evaluate(() => document.querySelector('iframe').src), /embed\.html/);
  assert.equal(await page.getByRole('button', { name: /高德地图/ }).count(), 1, 'behind its placeholder again');
  await context.close();
});

test('another tab follows a withdrawal: its later tags stay inert and its beacons are dropped', async () => {
  const { context, page: a } = await open();
  await a.locator('button[data-action=agree]').click();
  await a.waitForFunction(() => window.__tagRuns === 1);
  const b = await context.newPage();
  const requests = [];
  b.on('request', (r) => requests.push(r.url()));
  await b.goto(server.url + '/examples/gating.html');
  await b.waitForFunction(() => window.__tagRuns === 1);
  await a.evaluate(() => Mingshi.withdraw());
  await b.waitForFunction(() => !Mingshi.acceptedCategory('analytics'), null, { timeout: 5000 }).catch(() => {});
  requests.length = 0;
  await b.locator('#spa').click();
  await b.locator('#beacon').click();
  await settle(b);
  assert.deepEqual(requests.filter((u) => u.includes('/track/')), []);
  assert.equal(await b.evaluate(() => Mingshi.acceptedCategory('analytics')), false);
  const layer = await b.evaluate(() => window.dataLayer.map((e) => Array.from(e)));
  const update = layer.filter((e) => e[0] === 'consent' && e[1] === 'update').pop();
  assert.equal(update && update[2].analytics_storage, 'denied', 'Consent Mode follows');
  await context.close();
});

test('a decision in one tab closes the dialog still asking in another', async () => {
  const { context, page: a } = await open();
  const b = await context.newPage();
  await b.goto(server.url + '/examples/gating.html');
  await a.locator('[role=dialog]').waitFor();
  await b.locator('[role=dialog]').waitFor();
  await a.locator('button[data-action=agree]').click();
  await b.locator('[role=dialog]').waitFor({ state: 'detached', timeout: 5000 });
  await b.waitForFunction(() => window.__tagRuns === 1);
  assert.equal(await b.evaluate(() => Mingshi.acceptedCategory('analytics')), true);
  await context.close();
});

test('Consent Mode: default comes before any gtag event, update follows each decision', async () => {
  const { context, page } = await open();
  await page.locator('[role=dialog]').waitFor();
  const first = await page.evaluate(() => Array.from(window.dataLayer[0]));
  assert.equal(first[0], 'consent');
  assert.equal(first[1], 'default');
  assert.equal(first[2].analytics_storage, 'denied');
  assert.equal(first[2].ad_storage, 'denied');
  assert.equal(first[2].security_storage, 'granted');
  assert.equal(first[2].wait_for_update, 500);
  await page.locator('button[data-action=agree]').click();
  const layer = await page.evaluate(() => window.dataLayer.map((e) => (e.length !== undefined ? Array.from(e) : e)));
  const update = layer.find((e) => Array.isArray(e) && e[0] === 'consent' && e[1] === 'update');
  assert.ok(update, JSON.stringify(layer));
  assert.equal(update[2].analytics_storage, 'granted');
  // The component's update names the seven types the stub's default does.
  assert.deepEqual(Object.keys(update[2]).sort(), Object.keys(first[2]).filter((k) => k !== 'wait_for_update').sort());
  assert.ok(layer.some((e) => e.event === 'mingshi_consent' && e.mingshi_event === 'consent'));
  // A returning visitor's defaults come from the stored consent, before the wasm loads.
  await page.reload();
  const again = await page.evaluate(() => Array.from(window.dataLayer[0]));
  assert.equal(again[2].analytics_storage, 'granted');
  await context.close();
});

test('Global Privacy Control: optional categories default to denied and the dialog says why', async () => {
  const context = await chrome.browser.newContext();
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const page = await context.newPage();
  await page.goto(server.url + '/examples/gating.html');
  await page.locator('[role=dialog]').waitFor();
  assert.match(await page.locator('.notice').first().innerText(), /GPC/);
  assert.equal(await page.evaluate(() => Mingshi.gpc), true);
  await context.close();
});

const stored = async (page) => JSON.parse(await page.evaluate(() => localStorage.getItem('mingshi.consent')));
/** Rewrites the stored decision as if it had been made under an older policy version. */
const makeOlder = (page) => page.evaluate(() => {
  const s = JSON.parse(localStorage.getItem('mingshi.consent'));
  s.policy_version = '2022-01-01';
  localStorage.setItem('mingshi.consent', JSON.stringify(s));
});
/** The effective Google Consent Mode state: the last `default` or `update` command. */
const consentMode = (page) => page.evaluate(() => Array.from(window.dataLayer).map((e) => Array.from(e))
  .filter((e) => e[0] === 'consent').pop()?.[2]);

test('re-consent with the new policy down: the iframe placeholder does not grant in place under a policy never shown', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  let policyUp = true;
  await page.route('**/policies/xuyun-website.txt', (route) => (policyUp ? route.continue() : route.fulfill({ status: 503, body: 'down' })));
  await page.goto(server.url + '/examples/gating.html');
  await page.locator('[role=dialog] button[data-action=disagree]').waitFor();
  await page.evaluate(() => Mingshi.rejectAll());
  await makeOlder(page);
  policyUp = false;
  await page.reload();
  await page.evaluate(() => Mingshi.ready.catch(() => {}));
  await page.getByRole('button', { name: /高德地图/ }).click();
  await settle(page);
  const s = await stored(page);
  assert.equal(s.policy_version, '2022-01-01', `no consent to a policy version never shown (stored ${s.policy_version}, functional ${s.categories.functional})`);
  await context.close();
});

test('a refusal of an older version cooling down: the placeholder does not grant in place under the new version, never shown', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/examples/gating.html');
  await page.locator('button[data-action=disagree]').click();
  await makeOlder(page);
  await page.reload();
  await page.evaluate(() => Mingshi.ready);
  assert.equal(await page.locator('[role=dialog]').count(), 0, 'cooling down: no dialog');
  await page.getByRole('button', { name: /高德地图/ }).click();
  await settle(page);
  assert.equal((await stored(page)).policy_version, '2022-01-01');
  await context.close();
});

test('a decision stored by a tab with an older page grants nothing in a tab asking about the new policy, whose dialog stays', async () => {
  const context = await chrome.browser.newContext();
  const a = await context.newPage();
  await a.goto(server.url + '/examples/gating.html');
  await a.locator('[role=dialog] button[data-action=agree]').waitFor();
  const v2 = readFileSync(ROOT + '/www/examples/gating.html', 'utf8').replace('"version": "2023-11-15"', '"version": "2024-01-01"');
  const b = await context.newPage();
  await b.route('**/examples/gating.html?v2', (route) => route.fulfill({ contentType: 'text/html', body: v2 }));
  await b.goto(server.url + '/examples/gating.html?v2');
  await b.locator('[role=dialog] button[data-action=agree]').waitFor();
  await a.locator('button[data-action=agree]').click();
  await b.waitForTimeout(800);
  const r = await b.evaluate(() => ({ dialog: !!document.getElementById('mingshi-root'), analytics: Mingshi.acceptedCategory('analytics'), tagRuns: window.__tagRuns || 0 }));
  assert.deepEqual(r, { dialog: true, analytics: false, tagRuns: 0 }, 'tab B (2024-01-01) keeps asking and grants nothing under a consent to 2023-11-15');
  await context.close();
});

test('a withdrawal in another tab fires the withdraw event in this tab too', async () => {
  const context = await chrome.browser.newContext();
  const a = await context.newPage();
  await a.goto(server.url + '/examples/gating.html');
  await a.locator('button[data-action=agree]').click();
  await a.waitForFunction(() => window.__tagRuns === 1);
  const b = await context.newPage();
  await b.goto(server.url + '/examples/gating.html');
  await b.waitForFunction(() => window.__tagRuns === 1);
  await b.evaluate(() => { window.__events = []; Mingshi.on('withdraw', () => __events.push('withdraw')); });
  await a.evaluate(() => Mingshi.withdraw());
  await b.waitForFunction(() => !Mingshi.acceptedCategory('analytics'));
  await settle(b);
  assert.deepEqual(await b.evaluate(() => window.__events), ['withdraw']);
  await context.close();
});

test('reset() then start(): the same component runs on, once: a decision posts one receipt and fires one event, here and from another tab', async () => {
  const context = await chrome.browser.newContext();
  const a = await context.newPage();
  const posts = [];
  a.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/v1/receipts')) posts.push(JSON.parse(r.postData()).action); });
  const warnings = [];
  a.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await a.goto(server.url + '/examples/gating.html');
  await a.locator('button[data-action=agree]').click();
  await a.waitForFunction(() => window.__tagRuns === 1);
  const same = await a.evaluate(async () => {
    window.__events = [];
    for (const e of ['consent', 'change', 'withdraw']) Mingshi.on(e, () => __events.push(e));
    const first = Mingshi.ready;
    Mingshi.reset();
    const again = Mingshi.start(document.getElementById('mingshi-config').textContent);
    await again;
    return again === first;
  });
  assert.ok(same, 'start() once per page: a second call is the first one');
  const ignored = /start\(\) runs once per page/;
  assert.ok(!warnings.some((w) => ignored.test(w)), `the same configuration again is no mistake: ${warnings}`);
  // Another configuration later is not read: the site owner is told.
  assert.ok(await a.evaluate(() => Mingshi.start({ policy: { version: '2', text: 'x' } }) === Mingshi.ready));
  assert.equal(warnings.filter((w) => ignored.test(w)).length, 1, `${warnings}`);
  posts.length = 0;
  await a.evaluate(() => Mingshi.acceptAll());
  await a.waitForFunction(() => JSON.parse(localStorage.getItem('mingshi.outbox')).pending.length === 0);
  const b = await context.newPage();
  await b.goto(server.url + '/examples/gating.html');
  await b.waitForFunction(() => window.Mingshi && !Mingshi.stub);
  await b.evaluate(() => Mingshi.withdraw());
  await a.waitForFunction(() => !Mingshi.acceptedCategory('analytics'));
  await settle(a);
  assert.deepEqual(posts, ['accept_all'], 'one receipt for the decision made here');
  assert.deepEqual(await a.evaluate(() => window.__events), ['consent', 'withdraw']);
  await context.close();
});

test('reset() denies in Google Consent Mode, in this tab and in another', async () => {
  const context = await chrome.browser.newContext();
  const a = await context.newPage();
  await a.goto(server.url + '/examples/gating.html');
  await a.locator('button[data-action=agree]').click();
  await a.waitForFunction(() => window.__tagRuns === 1);
  const b = await context.newPage();
  await b.goto(server.url + '/examples/gating.html');
  await b.waitForFunction(() => window.__tagRuns === 1);
  await a.evaluate(() => Mingshi.reset());
  await b.waitForFunction(() => !Mingshi.acceptedCategory('analytics'));
  await settle(b);
  assert.equal(await a.evaluate(() => Mingshi.acceptedCategory('analytics')), false);
  assert.equal((await consentMode(a)).analytics_storage, 'denied', 'this tab: Consent Mode follows reset()');
  assert.equal((await consentMode(b)).analytics_storage, 'denied', 'the other tab: Consent Mode follows reset()');
  await context.close();
});

test('back from the back/forward cache after a withdrawal elsewhere: this page follows it', async () => {
  const { context, page, errors } = await open();
  await page.locator('button[data-action=agree]').click();
  await page.waitForFunction(() => window.__tagRuns === 1);
  // The person withdrew on another page while this one sat frozen in the cache: storage
  // changed and no storage event came. A frozen page's restore is a persisted pageshow
  // (the cache itself does not engage under test automation, so the event is made here).
  await page.evaluate(() => {
    window.__events = [];
    Mingshi.on('withdraw', () => window.__events.push('withdraw'));
    const s = JSON.parse(localStorage.getItem('mingshi.consent'));
    for (const c of Object.keys(s.categories)) if (c !== 'necessary') s.categories[c] = false;
    for (const k of Object.keys(s.services)) s.services[k] = false;
    s.action = 'withdraw';
    localStorage.setItem('mingshi.consent', JSON.stringify(s));
  });
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), true, 'not yet restored');
  await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
  assert.equal(await page.evaluate(() => Mingshi.acceptedCategory('analytics')), false);
  assert.deepEqual(await page.evaluate(() => window.__events), ['withdraw']);
  assert.equal((await consentMode(page)).analytics_storage, 'denied');
  // A restore with nothing changed meanwhile fires nothing.
  await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
  assert.deepEqual(await page.evaluate(() => window.__events), ['withdraw']);
  assert.deepEqual(errors, []);
  await context.close();
});
