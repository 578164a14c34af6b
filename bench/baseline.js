// Baseline renderer for bench/browser.mjs: fetch ?src=, marked → DOMPurify → innerHTML.
// Sets window.__done (ms since navigation start) when the whole document is in the DOM.
const src = new URLSearchParams(location.search).get('src');
const out = document.getElementById('out');
try {
  const res = await fetch(src);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${src}`);
  const md = await res.text();
  out.innerHTML = DOMPurify.sanitize(marked.parse(md));
  window.__done = performance.now();
} catch (e) {
  out.textContent = String(e);
  window.__failed = String(e);
}
