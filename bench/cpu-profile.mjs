#!/usr/bin/env node
// Where the main thread's time goes while a shape opens (issue 11; not part of scripts/test):
//   DIST_DIR=DIR node bench/cpu-profile.mjs SHAPE SIZE [src|z|diff]
// A CPU profile (Chromium's sampling profiler) from navigation until the report is on screen,
// summed by function: self time and total time (a function counted once per sample however
// deep it recurses), the top 40 of each. Function names need a wasm with its name section:
// build with `data-wasm-opt="0"` in index.html (wasm-opt drops names) into DIST_DIR.
// LONGEST=1 sums only the longest stretch of busy samples (about the longest task).
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { serve, launch } from '../tests/e2e/harness.mjs';
import { generate, parseSize, waysIn } from './shapes.mjs';

let [shape, size = '3m', how = 'src'] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'drv-cpu-'));
const server = await serve({ shapes: dir });
const browser = await launch();
try {
  // A file instead of a generated shape: `node bench/cpu-profile.mjs path/to/report.md - src`.
  const file = shape.endsWith('.md');
  const text = file ? await readFile(shape, 'utf8') : generate(shape, parseSize(size));
  if (file) shape = basename(shape, '.md');
  // `diff`: two rounds of the shape, as bench/shapes-browser.mjs makes them.
  const second = how === 'diff' && !file ? generate(shape, parseSize(size), 2) : undefined;
  const ways = new Map(await waysIn(server.url, dir, shape, text, second));
  const url = ways.get({ src: '?src=', z: '#z=', diff: '?view=diff' }[how]);
  if (!url) throw new Error(`no ${how} way into ${shape} (a #z= link is made only under 2 MB; diff needs a shape)`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    (diff) => document.querySelector('[role="alert"]') ||
      (document.querySelector(diff ? '[data-diff]' : 'article[data-finding-id]') && !document.querySelector('[data-role="loading"]') &&
        !document.querySelector('.md[aria-busy="true"], .md [aria-busy="true"]')),
    how === 'diff', { timeout: 120000, polling: 100 });
  const wall = Date.now() - t0;
  await page.waitForTimeout(300);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anon'})`;
  const self = new Map();
  const total = new Map();
  const dt = profile.timeDeltas;
  // LONGEST=1: only the longest stretch of busy samples (the longest task, near enough).
  let keep = () => true;
  let stretch = '';
  if (process.env.LONGEST) {
    let best = [0, 0, -1];
    let from = null;
    let busy = 0;
    profile.samples.forEach((id, k) => {
      const idle = ['(idle)', '(program)', '(garbage collector)'].includes(name(byId.get(id)));
      if (!idle && from === null) { from = k; busy = 0; }
      if (!idle) busy += (dt[k + 1] ?? 0) / 1000;
      if ((idle || k === profile.samples.length - 1) && from !== null) {
        if (busy > best[2]) best = [from, k, busy];
        from = null;
      }
    });
    const [a, b] = best;
    keep = (k) => k >= a && k < b;
    stretch = ` (longest busy stretch: ${(best[2] ?? 0).toFixed(0)} ms)`;
  }
  profile.samples.forEach((id, k) => {
    if (!keep(k)) return;
    const d = (dt[k + 1] ?? 0) / 1000;
    const n = byId.get(id);
    self.set(name(n), (self.get(name(n)) || 0) + d);
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const nm = name(byId.get(x));
      if (seen.has(nm)) continue;
      seen.add(nm);
      total.set(nm, (total.get(nm) || 0) + d);
    }
  });
  if (process.env.TIMELINE) {
    // 20 ms buckets from the start of the profile: the busiest script function (deepest
    // Rust/JS frame with a name) of each, to find which code a long task ran.
    const buckets = new Map();
    let t = 0;
    profile.samples.forEach((id, k) => {
      t += (dt[k] ?? 0) / 1000;
      const n = byId.get(id);
      const nm = name(n);
      if (nm === '(idle)') return;
      const b = Math.floor(t / 20);
      // Walk up to the first frame of this app's own code, for a readable label.
      let label = nm;
      for (let x = id; x !== undefined; x = parent.get(x)) {
        const f = name(byId.get(x));
        if (f.startsWith('deep_review::')) { label = f.replace(/::h[0-9a-f]{16}$/, ''); break; }
      }
      const m = buckets.get(b) || new Map();
      m.set(label, (m.get(label) || 0) + (dt[k + 1] ?? 0) / 1000);
      buckets.set(b, m);
    });
    for (const [b, m] of [...buckets].sort((x, y) => x[0] - y[0])) {
      const busy = [...m.values()].reduce((x, y) => x + y, 0);
      if (busy < 10) continue;
      const [lead, ms] = [...m].sort((x, y) => y[1] - x[1])[0];
      console.log(`${String(b * 20).padStart(6)} ms  busy ${busy.toFixed(0).padStart(2)}  ${ms.toFixed(0).padStart(2)} ${lead.slice(0, 120)}`);
    }
  }
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k.slice(0, 150)}`).join('\n');
  console.log(`${shape} ${size} via ${how}: on screen after ${wall} ms${stretch}\n\nSELF\n${top(self)}\n\nTOTAL\n${top(total)}`);
  await context.close();
} finally {
  await browser.close();
  server.close?.();
}
