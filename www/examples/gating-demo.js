// Buttons of the gating example.
document.getElementById('spa').addEventListener('click', () => {
  const s = document.createElement('script');
  s.type = 'text/plain';
  s.dataset.category = 'analytics';
  s.textContent = "window.__spaRuns = (window.__spaRuns || 0) + 1; fetch('/examples/track/collect.txt?from=spa-tag');";
  document.body.append(s);
});
// A beacon as analytics tags send them: fetch with keepalive, which the component gates
// like navigator.sendBeacon. A GET, to a file the demo serves: the demo server has no
// collector to take a sendBeacon POST, and its 405 would be an error in the console.
document.getElementById('beacon').addEventListener('click', () => {
  fetch('/examples/track/beacon.txt?from=beacon', { keepalive: true }).catch(() => {});
});
document.getElementById('settings').addEventListener('click', () => window.Mingshi.showPreferences());
