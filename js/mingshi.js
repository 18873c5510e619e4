/* Mingshi for a <script> tag: <script src=".../mingshi.js" async></script>, configured by a
   data-config attribute (JSON) or a <script type="application/json" id="mingshi-config">
   block. Finds its wasm next to itself; safe to load late, twice, async or defer. */
(function (w, d) {
  if (w.Mingshi && w.Mingshi.ready) return;
  var tag = d.currentScript;
  var base = tag ? tag.src : d.baseURI;
  // Fetch and compile the wasm at once, in parallel with loading the JS modules; where
  // streaming compilation is missing or fails, the URL lets init() fetch it itself.
  var url = new URL('./mingshi-wasm_bg.wasm', base);
  var wasm = WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetch(url)).catch(function () { return url; })
    : url;
  var load = function (name) { return import(new URL(name, base).href); };
  // index.js imports these two: asking for all three at once fetches them in parallel.
  load('./mingshi-wasm.js').catch(function () {});
  load('./miniprogram.js').catch(function () {});
  var ready = load('./index.js').then(function (m) {
    return m.autoStart(tag, { wasmUrl: wasm });
  });
  ready.catch(function (e) { console.error(String((e && e.message) || e)); });
  if (w.Mingshi) w.Mingshi.ready = ready;
  else w.Mingshi = { ready: ready };
})(window, document);
