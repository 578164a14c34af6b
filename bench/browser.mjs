#!/usr/bin/env node
// Browser benchmark (not part of scripts/test): `node bench/browser.mjs` after a release build
// (DIST_DIR=… to use another dist folder; BENCH_RUNS=N, default 5).
//
// In one headless Chromium, for a small bundled report, the largest corpus report (skipped when
// ../shared/corpus is absent) and the generated ~5 MB report, measures from navigation start:
//   - ours: to the first `article[data-finding-id]` in the DOM, and to full render (every card
//     present, no loading indicator, and that frame rendered: style, layout, paint);
//   - baseline (bench/baseline.html): the same Markdown fetched and rendered with marked +
//     DOMPurify; to the first <h2>/<li> in the DOM, and to completion (frame rendered);
//   - both: from the moment the report's bytes arrived (its resource timing responseEnd) to the
//     first card / first <h2>/<li> (DESIGN §7: an 80 KB report ≤ 150 ms);
//   - both: the longest main-thread task until the full render (PerformanceObserver 'longtask');
//   - ours: the latency of a severity filter change (click → applied and laid out).
// Then a table of the DESIGN §7 budgets it measures, each met or missed by how much.
// Each number is the median of BENCH_RUNS fresh browser contexts (empty cache). Prints a
// Markdown table with ours/baseline ratios.
import { readFile, writeFile, mkdtemp, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, basename } from 'node:path';
import { serve, launch, cli, ROOT, DIST, CORPUS, haveCorpus } from '../tests/e2e/harness.mjs';
import { largeReport } from '../tests/e2e/gen/large.mjs';
import { clickFilter, median } from '../tests/e2e/gen/probes.mjs';

const RUNS = Number(process.env.BENCH_RUNS) || 5;
const SEVERITIES = ['critical', 'important', 'suggestion', 'design'];

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`bench/browser.mjs: no release build in ${DIST}: run \`scripts/build\` first`);
  process.exit(2);
}

/**
 * Init script: ms since navigation start until the first match is in the DOM (`first`), until
 * the whole report is (`dom`), and until the frame showing it has been rendered (`full`: the task
 * after the next animation frame, so style, layout and paint of that frame are included).
 */
function observe({ kind, first, expected }) {
  window.__t = { longest: 0 };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__t.longest = Math.max(window.__t.longest, e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const painted = () =>
    requestAnimationFrame(() => {
      const c = new MessageChannel();
      c.port1.onmessage = () => (window.__t.full = performance.now());
      c.port2.postMessage(0);
    });
  const check = () => {
    const now = performance.now();
    if (window.__t.first == null && document.querySelector(first)) window.__t.first = now;
    if (window.__t.dom != null) return;
    const done =
      kind === 'baseline'
        ? window.__done != null
        : document.querySelectorAll('article[data-finding-id]').length >= expected &&
          !document.querySelector('[data-role="loading"]');
    if (done) {
      window.__t.dom = now;
      painted();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

async function reports(dir) {
  const list = [];
  const index = JSON.parse(await readFile(join(ROOT, 'public/reviews/index.json'), 'utf8'));
  const sizes = await Promise.all(index.reports.map(async (r) => (await stat(join(ROOT, 'public/reviews', r.path))).size));
  const small = index.reports[sizes.indexOf(Math.min(...sizes))];
  list.push({ name: 'small bundled', file: join(ROOT, 'public/reviews', small.path), src: `/reviews/${small.path}` });
  if (haveCorpus) {
    const files = (await readdir(CORPUS)).filter((f) => f.endsWith('.md'));
    const withSize = await Promise.all(files.map(async (f) => ({ f, size: (await stat(join(CORPUS, f))).size })));
    for (const { f } of withSize.sort((a, b) => b.size - a.size)) {
      try {
        await cli('parse', join(CORPUS, f)); // the largest that is a Deep Review
        list.push({ name: 'largest corpus', file: join(CORPUS, f), src: `/corpus/${f}` });
        break;
      } catch {
        /* a Supply Chain Scan: try the next */
      }
    }
  } else {
    console.error('bench/browser.mjs: ../shared/corpus is absent; skipping the corpus report');
  }
  const f500 = join(dir, 'f500.md');
  await writeFile(f500, largeReport({ findings: 500, seed: 7 }));
  list.push({ name: '500 findings generated', file: f500, src: '/fixtures/f500.md' });
  const large = join(dir, 'large.md');
  await writeFile(large, largeReport());
  list.push({ name: '5 MB generated', file: large, src: '/fixtures/large.md' });
  for (const r of list) {
    const review = await cli('parse', r.file);
    r.size = (await stat(r.file)).size;
    r.cards = review.findings.length;
    // The two most common severities: a filter change between them always changes the view.
    r.toggle = SEVERITIES.map((s) => [s, review.findings.filter((f) => f.severity === s).length])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([s]) => s);
  }
  return list;
}

async function once(browser, base, kind, r) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const first = kind === 'ours' ? 'article[data-finding-id]' : 'h2, li';
  await page.addInitScript(observe, { kind, first, expected: r.cards });
  const url = kind === 'ours' ? `${base}/?src=${encodeURIComponent(r.src)}` : `${base}/bench/baseline.html?src=${encodeURIComponent(r.src)}`;
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__t.full != null || window.__failed, null, { timeout: 300000, polling: 50 });
  const t = await page.evaluate((src) => {
    const bytes = performance
      .getEntriesByType('resource')
      .find((e) => decodeURIComponent(new URL(e.name).pathname) === src);
    return { ...window.__t, arrived: bytes ? bytes.responseEnd : null, failed: window.__failed };
  }, r.src);
  if (t.failed || errors.length) throw new Error(`${kind} ${r.name}: ${t.failed || errors.join('; ')}`);
  let filter = null;
  if (kind === 'ours' && r.toggle.length === 2) {
    const runs = [];
    for (let i = 0; i < 12; i++) {
      runs.push((await page.evaluate(clickFilter, ['severity', r.toggle[i % 2]])).ready);
      await page.waitForTimeout(50); // the URL is written after the frame; let it settle
    }
    filter = median(runs);
  }
  await context.close();
  const afterBytes = t.arrived == null ? null : t.first - t.arrived;
  // Long tasks up to full render (the filter clicks above are not included: they came later).
  return { first: t.first, full: t.full, afterBytes, longest: t.longest, filter };
}

const num = (ms) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toString());
// A median with its spread over the runs: `128 (112–160)`.
const fmt = (ms) =>
  ms == null ? '—' : ms.min == null ? num(+ms) : `${num(+ms)} (${num(ms.min)}–${num(ms.max)})`;
const ratio = (a, b) => (a == null || b == null ? '—' : `${(a / b).toFixed(2)}×`);
const kb = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`);

const dir = await mkdtemp(join(tmpdir(), 'drv-bench-'));
const list = await reports(dir);
const server = await serve({
  fixtures: dir,
  corpus: CORPUS,
  bench: join(ROOT, 'bench'),
  nm: join(ROOT, 'tests/e2e/node_modules'),
});
const browser = await launch();
const rows = [];
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const loadBefore = load();
try {
  for (const r of list) {
    const m = { ours: [], baseline: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const kind of ['ours', 'baseline']) m[kind].push(await once(browser, server.url, kind, r));
    }
    // Median, with the spread (min and max of the runs) kept for the table.
    const med = (kind, key) => {
      const xs = m[kind].map((x) => x[key]).filter((x) => x != null);
      if (!xs.length) return null;
      const v = new Number(median(xs));
      v.min = Math.min(...xs);
      v.max = Math.max(...xs);
      return v;
    };
    const row = {
      r,
      oursFirst: med('ours', 'first'),
      baseFirst: med('baseline', 'first'),
      oursFull: med('ours', 'full'),
      baseFull: med('baseline', 'full'),
      filter: med('ours', 'filter'),
      oursLongest: med('ours', 'longest'),
      baseLongest: med('baseline', 'longest'),
      oursAfter: med('ours', 'afterBytes'),
      baseAfter: med('baseline', 'afterBytes'),
    };
    rows.push(row);
    console.error(`# ${r.name} (${basename(r.file)}): ${JSON.stringify(m)}`);
  }
} finally {
  await browser.close();
  await server.close();
}

const out = [
  `Headless Chromium (${cpus().length} cores, shared; load average ${loadBefore} before, ${load()} after), ${RUNS} runs: median (min–max), ms from navigation start; fresh context (empty cache) per run.`,
  '',
  '| report | size | findings | first card: ours | first h2/li: baseline | ratio | bytes → first card: ours | bytes → first h2/li: baseline | ratio | full render (painted): ours | baseline | ratio | longest task: ours | baseline | filter change: ours |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (x) =>
      `| ${x.r.name} | ${kb(x.r.size)} | ${x.r.cards} | ${fmt(x.oursFirst)} | ${fmt(x.baseFirst)} | ${ratio(x.oursFirst, x.baseFirst)} | ` +
      `${fmt(x.oursAfter)} | ${fmt(x.baseAfter)} | ${ratio(x.oursAfter, x.baseAfter)} | ` +
      `${fmt(x.oursFull)} | ${fmt(x.baseFull)} | ${ratio(x.oursFull, x.baseFull)} | ${fmt(x.oursLongest)} | ${fmt(x.baseLongest)} | ${fmt(x.filter)} |`,
  ),
];
// DESIGN §7 budgets measured here (the 80 KB budget is judged on the corpus report nearest 80 KB).
const row = (name) => rows.find((x) => x.r.name === name);
const budgets = [
  ['first card ≤ 150 ms after the bytes arrive (largest corpus report)', row('largest corpus')?.oursAfter, 150],
  ['filter change with 500 findings ≤ 16 ms', row('500 findings generated')?.filter, 16],
  ['5 MB report: longest task ≤ 200 ms', row('5 MB generated')?.oursLongest, 200],
];
out.push('', '| budget (DESIGN §7) | measured (median) | |', '|---|---|---|');
for (const [what, value, limit] of budgets) {
  const verdict = value == null ? 'not measured' : value <= limit ? 'met' : `missed by ${fmt(value - limit)} ms`;
  out.push(`| ${what} | ${fmt(value)} | ${verdict} |`);
}
console.log(out.join('\n'));
