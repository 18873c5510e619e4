// Single-file build (pkg/mingshi.single.js): the three wasm modules (component, policy
// engine, configuration messages) inlined, for hosting one file. Built by scripts/build.sh
// with esbuild's binary loader; used like mingshi.js.
import wasmBytes from './mingshi-wasm_bg.wasm';
import policyWasmBytes from './mingshi-policy_bg.wasm';
import messagesWasmBytes from './mingshi-messages_bg.wasm';
import { autoStart } from './index.js';
import { configText, stubApi } from './config.js';

const tag = document.currentScript;
if (!(window.Mingshi && window.Mingshi.ready)) {
  const ready = autoStart(tag,
    { wasmUrl: wasmBytes, policyWasmUrl: policyWasmBytes, messagesWasmUrl: messagesWasmBytes });
  ready.catch((e) => console.error(String((e && e.message) || e)));
  // As mingshi.js: without the stub on the page, this file stands in for it.
  if (!window.Mingshi) window.Mingshi = stubApi(configText(tag));
  window.Mingshi.ready = ready;
}
