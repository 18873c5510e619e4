// Demo page helpers: show the stored decision and let a visitor forget it.
const out = document.getElementById('state');
const show = () => { out.textContent = localStorage.getItem('mingshi.consent') || 'none'; };
show();
window.addEventListener('storage', show);
for (const e of ['consent', 'change', 'withdraw']) window.addEventListener(`mingshi:${e}`, show);
document.addEventListener('click', () => setTimeout(show, 50));
document.getElementById('settings').addEventListener('click', () => window.Mingshi.showPreferences());
// Through the API, as a site would: reset() forgets the decision wherever it is kept
// (localStorage, or the cookie where storage throws) and denies Consent Mode.
document.getElementById('forget').addEventListener('click', async () => {
  await window.Mingshi.ready;
  window.Mingshi.reset();
  location.reload();
});
