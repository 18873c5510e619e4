// A stand-in third-party analytics tag: sets its cookies and keys, counts its runs.
window.__tagRuns = (window.__tagRuns || 0) + 1;
document.cookie = 'um_visitor=abc; path=/';
document.cookie = 'cna=xyz; path=/';
localStorage.setItem('um_session', '1');
fetch('/examples/track/collect.txt?from=external-tag');
