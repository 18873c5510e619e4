// Buttons of the gating example.
document.getElementById('spa').addEventListener('click', () => {
  const s = document.createElement('script');
  s.type = 'text/plain';
  s.dataset.category = 'analytics';
  s.textContent = "window.__spaRuns = (window.__spaRuns || 0) + 1; fetch('/examples/track/collect.txt?from=spa-tag');";
  document.body.append(s);
});
document.getElementById('beacon').addEventListener('click', () => {
  navigator.sendBeacon('/examples/track/beacon?from=beacon', 'hello');
});
document.getElementById('settings').addEventListener('click', () => window.Mingshi.showPreferences());
