#!/usr/bin/env node
// Browser side of the hostile-shape benchmark (issue 11; not part of scripts/test):
//   node bench/shapes-browser.mjs            after `scripts/build`
// For each shape of bench/shapes.mjs, opens the generated report by `?src=` and, when the link
// stays under 2 MB, by `#z=`, in a fresh headless Chromium context and records until the report
// is on screen (cards present, no loading indicator, every Markdown body mounted) or an alert:
// the longest main-thread task ('longtask'), the longest animation frame ('long-animation-frame')
// and the JS heap in use at the end. `locations` is also opened as a round diff of two rounds
// (`?view=diff`, shape `locations-diff`), until its rows are on screen. Each row is the median
// (min–max) of BENCH_RUNS runs (default 3); the load average is printed before and after.
// Prints a Markdown table. SHAPES=a,b limits the shapes.
import { mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { serve, launch, DIST } from '../tests/e2e/harness.mjs';
import { generate, parseSize, waysIn } from './shapes.mjs';
import { median } from '../tests/e2e/gen/probes.mjs';

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`bench/shapes-browser.mjs: no release build in ${DIST}: run \`scripts/build\` first`);
  process.exit(2);
}

const CASES = [
  ['backticks-design', '512k'],
  ['backticks-commits', '512k'],
  ['table', '8m'],
  ['paragraph', '5m'],
  ['code', '5m'],
  ['locations', '3m'],
  ['locations-diff', '3m'],
  // Sizes under the limits that make big inputs cheap (the worker from 192 KB, tables as text
  // over 20,000 cells, bodies rendered in pieces over 1 MB): the largest laid-out table, and
  // reports parsed on the page or just past it.
  ['table', '120k'],
  ['locations', '180k'],
  ['paragraph', '300k'],
  ['code', '300k'],
];
const RUNS = Number(process.env.BENCH_RUNS) || 3;
const only = process.env.SHAPES?.split(',');

function observe() {
  window.__t = { task: 0, frame: 0 };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__t.task = Math.max(window.__t.task, e.duration);
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__t.frame = Math.max(window.__t.frame, e.duration);
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    window.__t.frame = null;
  }
}

async function once(browser, url, diff) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(observe);
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  let outcome;
  try {
    await page.waitForFunction(
      (diff) =>
        document.querySelector('[role="alert"]') ||
        (document.querySelector(diff ? '[data-diff]' : 'article[data-finding-id]') &&
          !document.querySelector('[data-role="loading"]') &&
          !document.querySelector('.md[aria-busy="true"], .md [aria-busy="true"]')),
      diff,
      { timeout: 120000, polling: 100 },
    );
    outcome = (await page.locator('[role="alert"]').count()) ? 'alert' : 'shown';
  } catch {
    outcome = 'timeout';
  }
  const wall = Date.now() - start;
  await page.waitForTimeout(300);
  const t = await page.evaluate(() => ({ ...window.__t, heap: performance.memory?.usedJSHeapSize ?? null }));
  await context.close();
  return { ...t, wall, outcome: errors.length ? `error: ${errors[0]}` : outcome };
}

const dir = await mkdtemp(join(tmpdir(), 'drv-shapes-'));
const server = await serve({ shapes: dir });
const browser = await launch();
const rows = [];
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const loadBefore = load();
// The median of the runs with their spread: { v, min, max }.
const spread = (xs) => {
  xs = xs.filter((x) => x != null);
  return xs.length ? { v: median(xs), min: Math.min(...xs), max: Math.max(...xs) } : null;
};
try {
  for (const [shape, size] of CASES) {
    if (only && !only.includes(shape)) continue;
    const diff = shape.endsWith('-diff');
    const base = diff ? shape.slice(0, -'-diff'.length) : shape;
    const text = generate(base, parseSize(size));
    const ways = await waysIn(server.url, dir, base, text, diff ? generate(base, parseSize(size), 2) : undefined);
    for (const [how, url] of ways) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        runs.push(await once(browser, url, diff));
        console.error(`${shape} ${how} #${i + 1}: ${JSON.stringify(runs.at(-1))}`);
      }
      const outcomes = [...new Set(runs.map((r) => r.outcome))].join(', ');
      const pick = (k) => spread(runs.map((r) => r[k]));
      rows.push({ shape, size: text.length, how, outcome: outcomes, wall: pick('wall'), task: pick('task'), frame: pick('frame'), heap: pick('heap') });
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const mb = (n) => `${(n / (1 << 20)).toFixed(1)} MB`;
const ms = (x) => (x == null ? '—' : `${Math.round(x.v)} (${Math.round(x.min)}–${Math.round(x.max)})`);
console.log(`Headless Chromium, load average ${loadBefore} before, ${load()} after (1, 5, 15 min); ${RUNS} runs per row: median (min–max).`);
console.log('');
console.log('| shape | input | via | outcome | wall (ms) | longest task (ms) | longest animation frame (ms) | JS heap at end |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.shape} | ${mb(r.size)} | \`${r.how}\` | ${r.outcome} | ${ms(r.wall)} | ${ms(r.task)} | ${ms(r.frame)} | ${r.heap == null ? '—' : mb(r.heap.v)} |`);
}
