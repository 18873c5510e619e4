// Mingshi for bundlers and ES modules: `import { start } from 'mingshi'`.
// The wasm is found next to this file (bundlers follow `new URL(..., import.meta.url)`).
// Two more wasm modules are fetched only when needed: the policy engine (mingshi-policy) when
// a policy is given as text or by URL or analyzePolicy is called (a precompiled policy never
// needs it), and the configuration messages (mingshi-messages) when the component refuses a
// configuration (see refused()) or finds gated markup naming what it lacks (see warn()).
import * as wasm from './mingshi-wasm.js';
import { connectMiniProgram } from './miniprogram.js';
import { configText, on, prefetchPolicy, storedAnswers } from './config.js';

export { connectMiniProgram, miniProgramHost } from './miniprogram.js';

let starting = null;
/** The configuration's text start() started with. */
let startedWith;
let initialised = null;
let engine = null;
/** The policy engine's wasm as start() was given it (`policyWasmUrl`), if it was. */
let policyWasm;
/** Whether `wasm.start` has settled: from then on the component answers every call. */
let live = false;
/** Before that, the stored decision answers (read on first use) and actions wait in order. */
let stored = null;
const waiting = [];

/** Loads the wasm once (start() does it too). */
function ensureInit(wasmUrl) {
  if (!initialised) {
    initialised = instantiate(wasmUrl || new URL('./mingshi-wasm_bg.wasm', import.meta.url), wasm.__wbg_get_imports())
      .then((instance) => wasm.__wbg_finalize_init(instance));
  }
  return initialised;
}

/**
 * Instantiates the component's wasm from any `WasmSource` (index.d.ts) or a promise of one;
 * resolves to the instance. In place of wasm-bindgen's init() (scripts/build.sh exports the
 * glue's imports and finalizer instead), which also takes the deprecated argument forms and
 * warns at length: 0.3 KB gzip less for what every page loads.
 */
async function instantiate(source, imports) {
  source = await source;
  if (typeof source === 'string' || source instanceof URL) source = await fetch(source);
  if (!(source instanceof Response)) {
    const result = await WebAssembly.instantiate(source, imports);
    return result.instance || result; // bytes give { module, instance }, a Module the instance
  }
  // Worded as a policy that could not be fetched is (gzip finds it twice).
  if (!source.ok) throw Error(`could not fetch ${source.url}: HTTP ${source.status}`);
  if (WebAssembly.instantiateStreaming) {
    try {
      return (await WebAssembly.instantiateStreaming(source, imports)).instance;
    } catch (e) {
      // A server that does not send application/wasm: compiled from the bytes instead.
      if (!/^(basic|cors|default)$/.test(source.type) || source.headers.get('Content-Type') === 'application/wasm') throw e;
      console.warn('Mingshi: the server does not send the wasm as application/wasm (slower start)', e);
    }
  }
  return (await WebAssembly.instantiate(await source.arrayBuffer(), imports)).instance;
}

/**
 * Loads the policy engine on first use, from start()'s `policyWasmUrl` (`policyWasm`) or next to
 * this file; once loaded it is kept, and a load that failed (a network error) is tried again
 * by the next use.
 */
function policyEngine() {
  if (!engine) {
    engine = import('./mingshi-policy.js').then(async (m) => {
      await m.default({ module_or_path: policyWasm || new URL('./mingshi-policy_bg.wasm', import.meta.url) });
      return m;
    });
    engine.catch(() => { engine = null; });
  }
  return engine;
}

/**
 * Starts the component once per page with a configuration object (or its JSON text).
 * Resolves to the API; a second call returns the same promise.
 */
export function start(config, options) {
  return run(config, options);
}

/** `start`, reading `policyResponse` when the script-tag loader already fetched the policy. */
function run(config, { wasmUrl, policyWasmUrl, messagesWasmUrl } = {}, policyResponse) {
  const text = typeof config === 'string' ? config : JSON.stringify(config);
  // Once per page: another configuration later (a second bundle, a framework mounting the
  // page twice) would be silently not read.
  if (starting && text !== startedWith) console.warn('Mingshi: start() runs once per page; this other configuration is not read');
  if (!starting) {
    startedWith = text;
    policyWasm = policyWasmUrl;
    starting = (async () => {
      stored = storedAnswers(text);
      let parsed = {};
      try { parsed = JSON.parse(text) || {}; } catch (e) { /* the component names the error */ }
      let early = policyResponse || prefetchPolicy(text);
      await ensureInit(wasmUrl);
      // Beacons are gated from here on: while the dialog waits for the policy, and also
      // after a start that failed (the component still knows the patterns and the grants).
      // An empty map installs the gate too; it then lets everything through.
      if (parsed.beacons) gateBeacons();
      // A task of its own for the start: instantiating and starting in one made a long task
      // (just over 50 ms at 4x CPU throttling).
      await new Promise((ok) => setTimeout(ok, 0));
      // The component waits for nothing itself (src/lib.rs, start): it asks for its policy
      // when a dialog is to open before it has one, and for each receipt to be posted, and is
      // called back with the result. The policy is its text, or at its URL (`byUrl`); unless
      // it is `compiled` already, the policy engine compiles it. The compiled policy, or the
      // Error, goes to wasm.policy.
      const load = (source, byUrl, compiled) => (async () => {
        // A policy by URL is named in every error about it (the text is in the configuration).
        const from = byUrl ? ' from ' + source : '';
        if (byUrl) {
          const pending = early || fetch(source);
          early = null; // the early fetch is read once: a later load fetches again
          const response = await step(pending, `could not fetch the policy${from}`);
          if (!response.ok) throw Error(`could not fetch the policy${from}: HTTP ${response.status}`);
          // Decoded in the charset its Content-Type names (response.text() always reads
          // UTF-8: a GBK policy would show garbled, and receipts would hash the garbled text).
          // UTF-8 when it names none, or when the text starts with a UTF-8 byte order mark (it
          // wins over the header, as in the browser). The charset also ends at a `,`: a header
          // sent twice arrives joined, `text/plain; charset=gbk, text/plain`. An unknown
          // charset, or bytes that are not text in it, are an error naming both.
          const bytes = await step(response.arrayBuffer(), `could not read the policy${from}`);
          const charset = String(new Uint8Array(bytes.slice(0, 3))) == '239,187,191' ? 'utf-8'
            : (/charset="?([^";,]+)/i.exec(response.headers.get('Content-Type')) || [])[1] || 'utf-8';
          try {
            source = new TextDecoder(charset, { fatal: true }).decode(bytes);
          } catch (e) {
            throw Error(`could not read the policy${from} as ${charset}: ${e.message}`);
          }
        }
        return compiled ? source : step(policyEngine().then((m) => m.analyzePolicy(source)), 'could not analyse the policy' + from);
      })().then(wasm.policy, wasm.policy);
      // keepalive: the receipt survives the page being closed; a request that hangs is
      // abandoned after 10 s and retried later like a network error. The body decides whether
      // a 2xx acknowledges: one that could not be read (the connection cut while it arrived)
      // is no answer at all.
      const post = (url, headers, body) => {
        const abort = new AbortController();
        setTimeout(() => abort.abort(), 1e4);
        fetch(url, { method: 'POST', headers, body, keepalive: true, signal: abort.signal })
          .then((response) => response.text().then((text) => [response.status, text]))
          .then((answer) => wasm.posted(...answer), () => wasm.posted());
      };
      let shown;
      try {
        // Receipt headers fetch refuses (a value in Chinese, a name with a space) would fail
        // every receipt's request before it is sent, unnoticed: the browser's Headers checks
        // them, and the configuration is refused as a whole, naming the header.
        const headers = parsed.receipts && parsed.receipts.headers;
        for (const name in headers) {
          try { new Headers({ [name]: headers[name] }); } catch (e) { throw Error(`Mingshi configuration: receipts.headers.${name}: ${e.message}`); }
        }
        // A refused configuration fails with no error (src/lib.rs, start): see refused().
        shown = await new Promise((ok, fail) => wasm.start(text, load, post, (category, service) => warn(text, messagesWasmUrl, category, service), ok, fail))
          .catch(async (e) => { throw e || await refused(text, messagesWasmUrl); });
      } finally {
        // Even a failed start leaves the wasm to answer (with nothing granted when the
        // configuration was refused), and the actions asked for meanwhile are run. A
        // mini-program host hears every decision from here on: also after a start that
        // failed (one made once show() loaded the policy), and those of the actions run now.
        const mp = parsed.miniprogram;
        api.miniProgram = connectMiniProgram(api, { resultPage: mp && mp.result_page });
        live = true;
        for (const n of waiting.splice(0)) wasm.action(n);
      }
      return Object.assign(api, { dialogShown: shown });
    })();
    api.ready = starting;
  }
  return starting;
}

/**
 * The configuration messages module (mingshi-messages), loaded on first use from start()'s
 * `messagesWasmUrl` (`wasmUrl`) or next to this file: for a configuration the component
 * refused (refused()) and for gated markup naming what the configuration lacks (warn()).
 */
function messages(wasmUrl) {
  return messagesModule || (messagesModule = import('./mingshi-messages.js').then(async (m) => {
    await m.default({ module_or_path: wasmUrl || new URL('./mingshi-messages_bg.wasm', import.meta.url) });
    return m;
  }));
}
let messagesModule;

/**
 * The error for a configuration the component refused. The component checks it with the
 * core's code but carries none of its messages (they would cost every page 1.6 KB gzip for
 * a mistake a valid configuration never makes); the messages module, built with them, words
 * it: `Mingshi configuration: policy.version: is required`. When it cannot load, the error
 * says that the configuration is invalid and why there is no message.
 */
async function refused(text, wasmUrl) {
  const message = await step(messages(wasmUrl).then((m) => m.checkConfig(text)),
    'Mingshi configuration is invalid; the message needs mingshi-messages_bg.wasm');
  // The module finding nothing wrong: not the component's version.
  return Error(`Mingshi configuration: ${message || 'invalid (mingshi-messages_bg.wasm is of another version)'}`);
}

/**
 * Warns the site owner on the console, once per distinct mistake, of gated markup whose
 * `data-category` is a category the configuration (`text`) lacks (`service` undefined), or
 * whose `data-service` no category lists (src/gate.rs, warn_unknown). The messages module
 * words it, naming what it looks like a typo of; when it cannot load (or is of another
 * version), the warning says what was found and why there is no more.
 */
function warn(text, wasmUrl, category, service) {
  const key = JSON.stringify([category, service]);
  if (warned.has(key)) return;
  warned.add(key);
  messages(wasmUrl).then((m) => m.checkConfig(text, category, service), () => {}).then((m) => console.warn(m
    || `Mingshi: ${service ? `data-service="${service}" (of "${category}")` : `data-category="${category}"`} is not configured; the message needs mingshi-messages_bg.wasm`));
}
const warned = new Set();

/** `promise`, failing as the component words it: `context: the error's message`. */
function step(promise, context) {
  return promise.catch((e) => { throw Error(e && e.message ? `${context}: ${e.message}` : context); });
}

/**
 * Drops beacons (navigator.sendBeacon, fetch with keepalive) to configured URL patterns
 * while their category is not granted, counting them in `api.droppedBeacons`.
 */
function gateBeacons() {
  const nav = navigator;
  if (nav.sendBeacon) {
    const send = nav.sendBeacon.bind(nav);
    nav.sendBeacon = (url, data) => {
      if (wasm.allowed(String(url), 2)) return send(url, data);
      api.droppedBeacons++;
      return false;
    };
  }
  const fetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    // A Request carries its URL and keepalive; anything else is the URL, as fetch reads it.
    const request = input instanceof Request;
    const url = request ? input.url : String(input);
    const keepalive = (init && init.keepalive) || (request && input.keepalive);
    if (keepalive && !wasm.allowed(url, 2)) {
      api.droppedBeacons++;
      return Promise.reject(new TypeError('Mingshi: beacon dropped until its category is granted'));
    }
    return fetch(input, init);
  };
}

/**
 * The stored decision's answers, for calls made before the component runs (checked against
 * the configuration once `start` has it).
 */
function beforeStart() {
  return stored || (stored = storedAnswers());
}

/**
 * The API action numbered `n` (src/lib.rs, `action`): run now if the component runs, else once
 * `start` has settled. It takes no arguments, and ignores any given.
 */
function act(n) {
  return () => (live ? wasm.action(n) : void waiting.push(n));
}

/** The public API; the same object the script-tag build puts on `window.Mingshi`. */
export const api = {
  ready: null,
  droppedBeacons: 0,
  /** 'wechat' or 'alipay' inside a mini-program web-view, else null. */
  miniProgram: null,
  /** Whether the browser sends Global Privacy Control. */
  get gpc() { return navigator.globalPrivacyControl === true; },
  start,
  // Before the component runs, the stored decision answers (as the stub's do).
  acceptedCategory: (id) => (live ? wasm.allowed(id, 0) : beforeStart().acceptedCategory(id)),
  acceptedService: (id) => (live ? wasm.allowed(id, 1) : beforeStart().acceptedService(id)),
  getConsent: () => {
    if (!live) return beforeStart().getConsent();
    const s = wasm.getConsent();
    return s ? JSON.parse(s) : null;
  },
  // The component's action export, numbered as src/lib.rs numbers them.
  show: act(0),
  showPreferences: act(1),
  acceptAll: act(2),
  rejectAll: act(3),
  withdraw: act(4),
  reset: act(5),
  /** Analyses policy text; resolves to the precompiled form (units, key clauses, tags). */
  analyzePolicy: async (text) => JSON.parse((await policyEngine()).analyzePolicy(text)),
  /** Calls `cb(consent)` on 'consent' (first decision), 'change' or 'withdraw'. */
  on,
};

/**
 * Starts from a page's script tag: configuration from its `data-config` attribute or a
 * `<script type="application/json" id="mingshi-config">` block; calls queued on the stub
 * (mingshi-stub.js) are replayed in order. Used by the script-tag and single-file builds;
 * `policyResponse` is the loader's early fetch of the policy, if it made one.
 */
export function autoStart(tag, options, policyResponse) {
  const text = configText(tag);
  if (!text) {
    return Promise.reject(Error('Mingshi: no configuration: add data-config to the script tag or a <script type="application/json" id="mingshi-config"> block'));
  }
  // Until the component has started, window.Mingshi stays what it was: the stub, which
  // answers from the stored decision and queues calls. Then the API takes over and the queue
  // is replayed in order, also after a failed start: the API then says what the component
  // does (a refused configuration gates everything; a policy that did not load is asked
  // for again by show()), where the stub would go on answering from storage.
  const takeOver = () => {
    const stub = window.Mingshi && window.Mingshi.stub ? window.Mingshi : null;
    // The stub's Consent Mode mapping (its data-gcm), which the component's updates read
    // from window.Mingshi (src/events.rs).
    if (stub) api.gcm = stub.gcm;
    window.Mingshi = api;
    for (const [name, args, answer] of (stub && stub.queue) || []) answer(api[name](...args));
  };
  return run(text, options, policyResponse).then(
    () => { takeOver(); return api; },
    (e) => { takeOver(); throw e; },
  );
}

export default api;
