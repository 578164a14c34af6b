// In-page measurement probes shared by tests/e2e/large.test.mjs and bench/browser.mjs.

/**
 * Init script (page.addInitScript): records long tasks in window.__long, and in
 * window.__progressFrames how many animation frames showed a loading indicator before the first
 * finding card (a frame callback precedes that frame's paint, so > 0 means progress was painted).
 */
export function instrument() {
  window.__long = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__long.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
  window.__progressFrames = 0;
  window.__progressText = '';
  const frame = () => {
    if (document.querySelector('article[data-finding-id]')) return;
    const p = document.querySelector('[data-role="loading"], progress, [role="progressbar"]');
    if (p && p.getClientRects().length) {
      window.__progressFrames++;
      window.__progressText = p.textContent.trim();
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Click the filter `[data-filter=facet][data-value=value]` and time, from the click, until its
 * effect is in the DOM (aria-pressed flipped and the set of visible cards changed) with style and
 * layout done (`ready`, ms), and until the next animation frame (`frame`, ms; includes waiting
 * for the display's vsync). Run with page.evaluate(clickFilter, [facet, value]).
 */
export async function clickFilter([facet, value]) {
  const btn = document.querySelector(`[data-filter="${facet}"][data-value="${value}"]`);
  if (!btn) throw new Error(`no filter control ${facet}=${value}`);
  const cards = () => document.querySelectorAll('article[data-finding-id]');
  const visible = () => {
    let n = 0;
    for (const a of cards()) if (a.checkVisibility()) n++;
    return n;
  };
  const before = { pressed: btn.getAttribute('aria-pressed'), visible: visible(), count: cards().length };
  // checkVisibility() forces style and layout, so `ready` includes them.
  const changed = () =>
    btn.getAttribute('aria-pressed') !== before.pressed &&
    (cards().length !== before.count || visible() !== before.visible);
  const tick = () =>
    new Promise((r) => {
      const c = new MessageChannel();
      c.port1.onmessage = () => r();
      c.port2.postMessage(0);
    });
  const t0 = performance.now();
  btn.click();
  let ticks = 0;
  while (!changed()) {
    await tick();
    if (++ticks > 100000) throw new Error(`${facet}=${value}: the click changed nothing`);
  }
  const ready = performance.now() - t0;
  await new Promise(requestAnimationFrame);
  return { ready, frame: performance.now() - t0, ticks };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Open every finding card (their bodies render only while open). */
export async function expandAll(page) {
  await page.evaluate(() => {
    for (const b of document.querySelectorAll('article[data-finding-id] .finding-toggle[aria-expanded="false"]')) b.click();
  });
  await page.waitForFunction(() => !document.querySelector('article[data-finding-id] .finding-toggle[aria-expanded="false"]'), null, { timeout: 30000 });
}
