#!/usr/bin/env node
// Where a shape's long frames go (issue 11; not part of scripts/test):
//   node bench/frames-profile.mjs SHAPE SIZE [src|z]
// Opens one shape like bench/shapes-browser.mjs and prints every long animation frame over
// 100 ms with its split (script, style/layout, paint) and the scripts it ran, plus the
// longest tasks. Read after `trunk build --release --offline`.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch } from '../tests/e2e/harness.mjs';
import { generate, parseSize, waysIn } from './shapes.mjs';

const [shape, size = '5m', how = 'src'] = process.argv.slice(2);
function observe() {
  window.__loaf = [];
  window.__tasks = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__tasks.push({ start: e.startTime, d: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      if (e.duration < 100) continue;
      window.__loaf.push({
        start: Math.round(e.startTime),
        d: Math.round(e.duration),
        block: Math.round(e.blockingDuration),
        render: Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0),
        layout: Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0),
        scripts: e.scripts.map((s) => `${s.invokerType}:${s.invoker} ${Math.round(s.duration)}ms (layout ${Math.round(s.forcedStyleAndLayoutDuration)}) ${s.sourceFunctionName}`),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
}
const dir = await mkdtemp(join(tmpdir(), 'drv-prof-'));
const server = await serve({ shapes: dir });
const browser = await launch();
try {
  const ways = new Map(await waysIn(server.url, dir, shape, generate(shape, parseSize(size))));
  const url = ways.get(how === 'z' ? '#z=' : '?src=');
  if (!url) throw new Error(`no ${how} way into ${shape} ${size} (a #z= link is made only under 2 MB)`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.text().startsWith('[t]')) console.log(m.text()); });
  await page.addInitScript(observe);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => document.querySelector('[role="alert"]') ||
      (document.querySelector('article[data-finding-id]') && !document.querySelector('[data-role="loading"]') &&
        !document.querySelector('.md[aria-busy="true"], .md [aria-busy="true"]')),
    null, { timeout: 120000, polling: 100 });
  await page.waitForTimeout(500);
  const r = await page.evaluate(() => ({ loaf: window.__loaf, tasks: window.__tasks.filter((t) => t.d > 100) }));
  for (const f of r.loaf) console.log(JSON.stringify(f));
  console.log('tasks>100:', r.tasks.map((t) => `${Math.round(t.start)}+${Math.round(t.d)}`).join(' '));
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
