// Where a page's configuration comes from, and the early fetch of its policy. Shared by the
// script-tag loader (mingshi.js, which bundles it so the fetch starts before the component's
// modules load) and the ES module entry (index.js).

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
 * it: see mingshi-stub.js) or one whose mini-program host passes its consent. Any doubt
 * (bad configuration, blocked storage) leaves it to the component. Returns the response
 * promise, or undefined.
 */
export function prefetchPolicy(text) {
  try {
    const policy = JSON.parse(text).policy;
    const src = policy && (policy.compiled || policy.url);
    if (typeof src !== 'string') return undefined;
    const url = new URL(src, document.baseURI);
    const stored = localStorage.getItem('mingshi.consent') !== null
      || /(?:^|; )mingshi_consent=/.test(document.cookie)
      || new URLSearchParams(location.search).has('mingshi_consent');
    if (stored || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
    const response = fetch(url);
    response.catch(() => {}); // a failure is reported by the component when it reads it
    return response;
  } catch (e) {
    return undefined;
  }
}
