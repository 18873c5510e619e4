/* Mingshi for a <script> tag: <script src=".../mingshi.js" async></script>, configured by a
   data-config attribute (JSON) or a <script type="application/json" id="mingshi-config">
   block. Finds its wasm next to itself; safe to load late, twice, async or defer. */
(function (w, d) {
  if (w.Mingshi && w.Mingshi.ready) return;
  var tag = d.currentScript;
  var ready = import(new URL('./index.js', tag ? tag.src : d.baseURI).href).then(function (m) {
    return m.autoStart(tag);
  });
  ready.catch(function (e) { console.error(String((e && e.message) || e)); });
  if (w.Mingshi) w.Mingshi.ready = ready;
  else w.Mingshi = { ready: ready };
})(window, document);
