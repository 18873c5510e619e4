/* Mingshi stub: load it first, inline with a CSP nonce or as the first <script>. Before the
   wasm arrives it reads the stored consent, sets Google Consent Mode v2 defaults (denied
   unless a stored consent that still holds grants; see storedAnswers in config.js), reads
   Global Privacy Control and queues API calls.
   Options on its <script> tag: data-wait-for-update="500" (ms),
   data-gcm='{"analytics_storage":"stats"}' (consent type -> category).
   Built into a classic script; esbuild bundles config.js in. */
import { configText, stubApi } from './config.js';

(function (w, d) {
  if (w.Mingshi) return;
  var tag = d.currentScript, opt = (tag && tag.dataset) || {};
  var api = stubApi(configText(tag)), cat = api.acceptedCategory;
  var map = { ad_storage: 'marketing', ad_user_data: 'marketing', ad_personalization: 'marketing',
    analytics_storage: 'analytics', functionality_storage: 'functional',
    personalization_storage: 'personalisation', security_storage: 'necessary' };
  // A data-gcm that is not JSON, or names a type other than these seven, is an error naming
  // it (the types keep these categories, or what it gave for them before the mistake).
  try {
    var custom = JSON.parse(opt.gcm || '{}');
    for (var k in custom) {
      if (!(k in map)) throw Error('unknown Consent Mode type "' + k + '"');
      map[k] = custom[k];
    }
  } catch (e) { console.error('Mingshi stub: data-gcm: ' + e.message); }
  var defaults = {};
  for (var t in map) defaults[t] = cat(map[t]) ? 'granted' : 'denied';
  if (opt.waitForUpdate) defaults.wait_for_update = +opt.waitForUpdate;
  w.dataLayer = w.dataLayer || [];
  w.gtag = w.gtag || function () { w.dataLayer.push(arguments); };
  w.gtag('consent', 'default', defaults);
  api.gcm = map;
  w.Mingshi = api;
})(window, document);
