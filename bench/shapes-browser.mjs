#!/usr/bin/env node
// Browser side of the hostile-shape benchmark (issue 11; not part of scripts/test):
//   node bench/shapes-browser.mjs            after `scripts/build`
// For each shape of bench/shapes.mjs, opens the generated report by `?src=` and, when the link
// stays under 2 MB, by `#z=`, in a fresh headless Chromium context and records until the report
// is on screen (cards present, no loading indicator, every Markdown body mounted) or an alert:
// the longest main-thread task ('longtask'), the longest animation frame ('long-animation-frame')
// and the JS heap in use at the end. Prints a Markdown table. SHAPES=a,b limits the shapes.
import { writeFile, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { serve, launch, DIST } from '../tests/e2e/harness.mjs';
import { generate, parseSize } from './shapes.mjs';

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
];
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

async function once(browser, url) {
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
      () =>
        document.querySelector('[role="alert"]') ||
        (document.querySelector('article[data-finding-id]') &&
          !document.querySelector('[data-role="loading"]') &&
          !document.querySelector('.md[aria-busy="true"], .md [aria-busy="true"]')),
      null,
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
try {
  for (const [shape, size] of CASES) {
    if (only && !only.includes(shape)) continue;
    const text = generate(shape, parseSize(size));
    await writeFile(join(dir, `${shape}.md`), text);
    const ways = [['?src=', `${server.url}/?src=${encodeURIComponent(`shapes/${shape}.md`)}`]];
    const z = deflateSync(Buffer.from(text), { level: 9 }).toString('base64url');
    if (z.length < 2 << 20) ways.push(['#z=', `${server.url}/#z=${z}`]);
    for (const [how, url] of ways) {
      const m = await once(browser, url);
      rows.push({ shape, size: text.length, how, ...m });
      console.error(`${shape} ${how}: ${JSON.stringify(m)}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const mb = (n) => `${(n / (1 << 20)).toFixed(1)} MB`;
const ms = (x) => (x == null ? '—' : Math.round(x).toString());
console.log('| shape | input | via | outcome | wall (ms) | longest task (ms) | longest animation frame (ms) | JS heap at end |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.shape} | ${mb(r.size)} | \`${r.how}\` | ${r.outcome} | ${r.wall} | ${ms(r.task)} | ${ms(r.frame)} | ${r.heap == null ? '—' : mb(r.heap)} |`);
}
