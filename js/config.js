// Where a page's configuration comes from, where the component keeps the decision, and the
// early fetch of the policy. Shared by the stub (mingshi-stub.js), the script-tag loader
// (mingshi.js) and the ES module entry (index.js); esbuild bundles it into each.

/** Where the component keeps the decision (`STORAGE_KEY` in src/app.rs). */
const STORAGE_KEY = 'mingshi.consent';
/** The cookie it falls back to where localStorage throws (src/storage.rs: `.` becomes `_`). */
const COOKIE = /(?:^|; )mingshi_consent=([^;]*)/;

let decision;

/**
 * The stored decision's JSON text, from localStorage or the fallback cookie; null if none.
 * Read once per script: every caller runs before the component, so before any decision can
 * change it, and each read of `document.cookie` is a synchronous round trip to the browser.
 */
export function storedDecision() {
  if (decision === undefined) {
    decision = null;
    try { decision = localStorage.getItem(STORAGE_KEY); } catch (e) { /* blocked: the cookie */ }
    if (decision === null) {
      const m = document.cookie.match(COOKIE);
      decision = m && decodeURIComponent(m[1]);
    }
  }
  return decision;
}

/**
 * Answers from the stored decision, for calls made before the component runs (the stub's, and
 * the module's until `start` resolves). They can be out of date: the component itself re-asks
 * when the policy or the categories changed.
 */
export function storedAnswers() {
  let state = null;
  try { state = JSON.parse(storedDecision()); } catch (e) { /* none, or not JSON */ }
  const cats = (state && state.categories) || {};
  const svcs = (state && state.services) || {};
  return {
    getConsent: () => state,
    acceptedCategory: (id) => id === 'necessary' || cats[id] === true,
    acceptedService: (id) => svcs[id] === true,
  };
}

/**
 * `window.Mingshi` until the component runs: the queries answer from the stored decision and
 * the other calls wait in `queue`, replayed in order by the component (index.js autoStart).
 * Made by the stub (mingshi-stub.js), or by the script-tag loader on a page without one.
 */
export function stubApi() {
  const queue = [];
  const api = {
    stub: true, queue, gpc: navigator.globalPrivacyControl === true, ...storedAnswers(),
    // on() needs no component: it listens on window, where the component's events arrive,
    // and returns the unsubscribe function at once, as the API's on() does.
    on(event, cb) {
      const type = 'mingshi:' + event, listener = (e) => cb(e.detail);
      addEventListener(type, listener);
      return () => removeEventListener(type, listener);
    },
  };
  for (const name of ['show', 'showPreferences', 'acceptAll', 'rejectAll', 'withdraw', 'reset']) {
    api[name] = (...args) => { queue.push([name, args]); };
  }
  return api;
}

/**
 * The configuration text of a script-tag install: the tag's `data-config` attribute, else a
 * `<script type="application/json" id="mingshi-config">` block; null when there is neither.
 */
export function configText(tag) {
  const text = tag && tag.getAttribute('data-config');
  if (text) return text;
  const block = document.getElementById('mingshi-config');
  return (block && block.textContent) || null;
}

/**
 * On a first visit the dialog will need the policy, so its fetch starts now, while the wasm
 * loads, and the component reads that response instead of asking only after it started.
 * Nothing is fetched for a returning visitor (a decision stored where the component keeps
 * it) or one whose mini-program host passes its consent. Any doubt (a configuration that
 * does not parse, a policy that is not http(s)) leaves it to the component. Returns the
 * response promise, or undefined.
 */
export function prefetchPolicy(text) {
  try {
    const policy = JSON.parse(text).policy;
    const src = policy && (policy.compiled || policy.url);
    if (typeof src !== 'string') return undefined;
    const url = new URL(src, document.baseURI);
    const stored = storedDecision() !== null
      || new URLSearchParams(location.search).has('mingshi_consent');
    if (stored || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
    const response = fetch(url);
    response.catch(() => {}); // a failure is reported by the component when it reads it
    return response;
  } catch (e) {
    return undefined;
  }
}
