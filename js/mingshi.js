/* Mingshi for a <script> tag: <script src=".../mingshi.js" async></script>, configured by a
   data-config attribute (JSON) or a <script type="application/json" id="mingshi-config">
   block. Finds its wasm next to itself; safe to load late, twice, async or defer. Calls made
   to the stub (mingshi-stub.js) before it is ready are replayed in order. */
(function (w, d) {
  var tag = d.currentScript;
  if (w.Mingshi && w.Mingshi.loading) return;
  var stub = w.Mingshi, base = tag ? tag.src : d.baseURI;
  var cfgText = tag && tag.getAttribute('data-config');
  if (!cfgText) { var block = d.getElementById('mingshi-config'); cfgText = block && block.textContent; }
  var loading = import(new URL('./index.js', base).href).then(function (m) {
    if (!cfgText) throw new Error('Mingshi: no configuration: add data-config to the script tag or a <script type="application/json" id="mingshi-config"> block');
    var api = m.default;
    api.loading = loading;
    w.Mingshi = api;
    return m.start(cfgText).then(function () {
      (stub && stub.queue || []).forEach(function (c) { api[c[0]].apply(api, c[1]); });
      return api;
    });
  });
  loading.catch(function (e) { console.error(String(e && e.message || e)); });
  if (stub) { stub.loading = loading; stub.ready = loading; }
  else w.Mingshi = { loading: loading, ready: loading };
})(window, document);
