// Demo page helpers: show the stored decision and let a visitor forget it.
const out = document.getElementById('state');
const show = () => { out.textContent = localStorage.getItem('mingshi.consent') || 'none'; };
show();
window.addEventListener('storage', show);
document.addEventListener('click', () => setTimeout(show, 50));
document.getElementById('forget').addEventListener('click', () => {
  localStorage.removeItem('mingshi.consent');
  location.reload();
});
