// Where a page's configuration comes from, where the component keeps the decision, and the
// early fetch of the policy. Shared by the stub (mingshi-stub.js), the script-tag loader
// (mingshi.js) and the ES module entry (index.js); esbuild bundles it into each.

/** Where the component keeps the decision (`STORAGE_KEY` in src/app.rs). */
const STORAGE_KEY = 'mingshi.consent';
/** The cookie it falls back to where localStorage throws (src/storage.rs: `.` becomes `_`). */
const COOKIE = /(?:^|; )mingshi_consent=([^;]*)/;

let decision;

/**
 * The stored decision's JSON text, from the fallback cookie or localStorage; null if none.
 * The cookie first, as the component reads it (src/storage.rs): a write to localStorage
 * removes the cookie, so where both hold a decision the cookie's is the newer.
 * Read once per script: every caller runs before the component, so before any decision can
 * change it, and each read of `document.cookie` is a synchronous round trip to the browser.
 */
export function storedDecision() {
  if (decision === undefined) {
    const m = document.cookie.match(COOKIE);
    decision = m && decodeURIComponent(m[1]);
    if (!decision) {
      try { decision = localStorage.getItem(STORAGE_KEY); } catch (e) { /* blocked: none */ }
    }
  }
  return decision;
}

/**
 * Answers from the stored decision, for calls made before the component runs (the stub's, and
 * the module's until `start` resolves). A consent that has expired, or that was given to
 * another policy version or text than the page's configuration (`text`, when the page has it
 * already) names, grants nothing optional: the component will ask again, and the old answers
 * must not let tags run meanwhile. The component also asks again when the categories
 * changed, which only it can tell.
 */
export function storedAnswers(text) {
  let state = null, policy;
  try { state = JSON.parse(storedDecision()); } catch (e) { /* none, or not JSON */ }
  try { policy = JSON.parse(text).policy; } catch (e) { /* not given, or the component says */ }
  const s = state || {};
  const held = Date.now() >= s.expires_at || (policy && (policy.version !== s.policy_version
    || (policy.sha256 && policy.sha256 !== s.policy_sha256)))
    ? { ...s, categories: {}, services: {}, separate: {} } : s;
  const cats = held.categories || {}, svcs = held.services || {};
  return {
    getConsent: () => state && held,
    acceptedCategory: (id) => id === 'necessary' || cats[id] === true,
    acceptedService: (id) => svcs[id] === true,
  };
}

/**
 * The API's `on` (index.js), and the stub's: it needs no component, since it listens on
 * window, where the component's events arrive. Calls `cb(consent)` on each `event`; returns
 * the function that unsubscribes. An unknown event is an error naming it, before the
 * component runs as after: a listener that could never hear anything is a typo.
 */
export function on(event, cb) {
  // The API's events, each dispatched on window as `mingshi:<event>` (src/events.rs).
  if (!/^(consent|change|withdraw)$/.test(event)) throw Error(`Mingshi.on: unknown event "${event}"; use consent, change or withdraw`);
  const type = 'mingshi:' + event, listener = (e) => cb(e.detail);
  addEventListener(type, listener);
  return () => removeEventListener(type, listener);
}

/**
 * The API's calls that need the component (index.js `api`): before it runs, `stubApi` queues
 * them. The e2e test "the stub has the API's every member" keeps this list and the API's
 * members the same.
 */
const QUEUED = ['show', 'showPreferences', 'acceptAll', 'rejectAll', 'withdraw', 'reset', 'analyzePolicy'];

/**
 * `window.Mingshi` until the component runs: the queries answer from the stored decision and
 * the other calls wait in `queue`, replayed in order by the component (index.js autoStart);
 * analyzePolicy returns a promise of the API's analysis. Made by the stub
 * (mingshi-stub.js), or by the script-tag loader on a page without one; `text` is the page's
 * configuration, when it is in the page already.
 */
export function stubApi(text) {
  const queue = [];
  const api = {
    stub: true, queue, droppedBeacons: 0, miniProgram: null,
    gpc: navigator.globalPrivacyControl === true, ...storedAnswers(text), on,
  };
  for (const name of QUEUED) {
    api[name] = (...args) => {
      const answered = new Promise((answer) => queue.push([name, args, answer]));
      return name === 'analyzePolicy' ? answered : undefined; // the actions answer nothing
    };
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
 * On a first visit the dialog will need the policy (and so does a mini-program host's
 * consent, whose receipt names the policy's hash), so its fetch starts now, while the wasm
 * loads, and the component reads that response instead of asking only after it started.
 * Nothing is fetched for a returning visitor (a decision stored where the component keeps
 * it). Any doubt (a configuration that does not parse, a policy that is not http(s)) leaves
 * it to the component. Returns the response promise, or undefined.
 */
export function prefetchPolicy(text) {
  try {
    const policy = JSON.parse(text).policy;
    const src = policy && (policy.compiled || policy.url);
    if (typeof src !== 'string') return undefined;
    const url = new URL(src, document.baseURI);
    if (storedDecision() !== null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      return undefined;
    }
    const response = fetch(url);
    response.catch(() => {}); // a failure is reported by the component when it reads it
    return response;
  } catch (e) {
    return undefined;
  }
}
