/* Mingshi for a <script> tag: <script src=".../mingshi.js" async></script>, configured by a
   data-config attribute (JSON) or a <script type="application/json" id="mingshi-config">
   block. Finds its wasm next to itself; safe to load late, twice, async or defer.
   Built into a classic script (esbuild bundles config.js in); the component's ES module,
   index.js, is loaded at run time from next to this file. */
import { configText, prefetchPolicy, stubApi } from './config.js';

(function (w, d) {
  if (w.Mingshi && w.Mingshi.ready) return;
  var tag = d.currentScript;
  var base = tag ? tag.src : d.baseURI;
  // Fetch and compile the wasm at once, in parallel with loading the JS module; where
  // streaming compilation is missing or fails, the URL lets init() fetch it itself.
  var url = new URL('./mingshi-wasm_bg.wasm', base);
  var wasm = WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetch(url)).catch(function () { return url; })
    : url;
  // The module's request goes out before the stored decision is read below: the first read
  // of localStorage in a page opens the origin's storage, 3-40 ms at 4x CPU throttling.
  var module = import(new URL('./index.js', base).href);
  // A first visit needs the policy too: its request goes out with the wasm's, not after the
  // component has started (when the configuration is not in the page yet, index.js asks).
  var text = configText(tag);
  var policy = text ? prefetchPolicy(text) : undefined;
  var ready = module.then(function (m) {
    return m.autoStart(tag, { wasmUrl: wasm }, policy);
  });
  ready.catch(function (e) { console.error(String((e && e.message) || e)); });
  // Without the stub on the page, the loader stands in for it: a returning visitor's consent
  // can be read as soon as this script has run, not only once the wasm has.
  if (!w.Mingshi) w.Mingshi = stubApi(text);
  w.Mingshi.ready = ready;
})(window, document);
