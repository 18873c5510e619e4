// Demo page helpers: show the stored decision and let a visitor forget it.
const out = document.getElementById('state');
const show = () => { out.textContent = localStorage.getItem('mingshi.consent') || 'none'; };
show();
window.addEventListener('storage', show);
for (const e of ['consent', 'change', 'withdraw']) window.addEventListener(`mingshi:${e}`, show);
document.addEventListener('click', () => setTimeout(show, 50));
document.getElementById('settings').addEventListener('click', () => window.Mingshi.showPreferences());
document.getElementById('forget').addEventListener('click', () => {
  localStorage.removeItem('mingshi.consent');
  location.reload();
});
