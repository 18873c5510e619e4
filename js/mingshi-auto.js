// Starts Mingshi from a page: <script type="module" src="/pkg/mingshi-auto.js"></script>
// with the configuration in <script type="application/json" id="mingshi-config">.
// The wasm is found next to this file.
import init, { start, getConsent } from './mingshi.js';

const ready = (async () => {
  await init();
  const block = document.getElementById('mingshi-config');
  if (!block) throw new Error('Mingshi: no <script type="application/json" id="mingshi-config"> on the page');
  return start(block.textContent);
})();

ready.catch((err) => console.error(String(err && err.message || err)));
window.Mingshi = { ready, getConsent };
