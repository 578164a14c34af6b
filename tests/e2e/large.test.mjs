// Issue 6: big and odd inputs (the DESIGN §7 timings are measured by bench/browser.mjs).
// - a ~5 MB report (gen/large.mjs) via ?src=: progress is painted while it loads, it is parsed in
//   the worker, every finding becomes a card; the longest tasks are logged;
// - with 500 findings a filter change applies and reaches the URL;
// - odd files through the file input give an alert or a sensible render, never a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, stop, newPage, settle, ROOT, unexpectedProblems } from './harness.mjs';
import { largeReport } from './gen/large.mjs';
import { instrument, clickFilter, median, expandAll } from './gen/probes.mjs';

const LARGE_FINDINGS = 2800; // gen/large.mjs default: ~5 MB

let server, browser, dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drv-large-'));
  await writeFile(join(dir, 'large.md'), largeReport({ findings: LARGE_FINDINGS }));
  await writeFile(join(dir, 'f500.md'), largeReport({ findings: 500, seed: 7 }));
  ({ server, browser } = await start({ fixtures: dir }));
});
after(() => stop(server, browser));

let big; // results of the 5 MB load, shared by the two tests that judge it
async function loadBig() {
  if (big) return big;
  const page = await newPage(browser);
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.addInitScript(instrument);
  const t0 = Date.now();
  await page.goto(`${server.url}/?src=${encodeURIComponent('/fixtures/large.md')}`);
  await page.locator('article[data-finding-id]').first().waitFor({ timeout: 120000 });
  const firstCard = Date.now() - t0;
  await settle(page);
  const settled = Date.now() - t0;
  // Cards may arrive in slices after the loading indicator is gone: wait for all of them.
  await page.waitForFunction(
    (n) => document.querySelectorAll('article[data-finding-id]').length >= n,
    LARGE_FINDINGS,
    { timeout: 120000, polling: 100 },
  );
  const allCards = Date.now() - t0;
  await page.waitForTimeout(1000); // let trailing render work show up as long tasks
  const r = await page.evaluate(() => ({
    long: window.__long,
    frames: window.__progressFrames,
    text: window.__progressText,
    cards: document.querySelectorAll('article[data-finding-id]').length,
  }));
  big = { ...r, firstCard, settled, allCards, warnings, problems: unexpectedProblems(page) };
  console.log(
    `# 5 MB report: first card ${firstCard} ms, no loading indicator ${settled} ms, all ${r.cards} cards ${allCards} ms; ` +
      `long tasks (ms): [${r.long.join(', ')}]; progress painted in ${r.frames} frames ("${r.text}")`,
  );
  await page.context().close();
  return big;
}

test('a 5 MB report via ?src= shows progress while loading and then its findings', async () => {
  const r = await loadBig();
  assert.deepEqual(r.problems, []);
  assert.ok(r.frames > 0, 'the loading indicator was painted before the first card');
  assert.equal(r.cards, LARGE_FINDINGS, 'every finding becomes a card');
  const fallback = r.warnings.filter((w) => /on the main thread/.test(w));
  assert.deepEqual(fallback, [], 'the report was parsed in the worker, not on the page');
});

// Timings are budgets measured by bench/browser.mjs (DESIGN §7: benchmarks, not timed tests);
// this test checks what the user sees: each click applies its filter to the 500 cards, and the
// URL follows (it is written after the frame is painted, so it may lag one frame).
test('a filter change with 500 findings applies to the cards and reaches the URL', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${encodeURIComponent('/fixtures/f500.md')}`);
  await page.locator('article[data-finding-id]').first().waitFor({ timeout: 60000 });
  await settle(page);
  await page.waitForFunction(() => document.querySelectorAll('article[data-finding-id]').length === 500, null, {
    timeout: 60000,
  });
  const runs = [];
  for (let i = 0; i < 12; i++) {
    runs.push(await page.evaluate(clickFilter, ['severity', i % 2 ? 'important' : 'suggestion']));
    await page.waitForTimeout(50);
  }
  const ready = runs.map((r) => r.ready);
  const frame = runs.map((r) => r.frame);
  console.log(
    `# filter change, 500 findings: click → applied+laid out median ${median(ready).toFixed(1)} ms ` +
      `(max ${Math.max(...ready).toFixed(1)}); click → next frame median ${median(frame).toFixed(1)} ms`,
  );
  // The URL follows (after the frame): the last click selected `important`.
  await page.waitForFunction(() => new URLSearchParams(location.search).get('sev') === 'important', null, { timeout: 5000 });
  assert.deepEqual(unexpectedProblems(page), []);
  const shown = await page.evaluate(() => [...document.querySelectorAll('article[data-finding-id]')].map((a) => a.dataset.severity));
  assert.ok(shown.length > 0 && shown.length < 500, `the filter narrowed the list (${shown.length} cards)`);
  assert.deepEqual([...new Set(shown)], ['important'], 'only important findings are shown');
});

// Odd inputs through the file input. Each must give a specific alert or a sensible render, and
// the app must stay usable (a normal file opens afterwards).
const sample = join(ROOT, 'public/reviews/20260714-102241-pr-412.md');
const good = await readFile(sample, 'utf8');
const withBody = (extra) => good.replace('## Important Issues', `${extra}\n\n## Important Issues`);
const ODD = [
  { name: 'empty.md', bytes: Buffer.alloc(0), expect: 'alert' },
  { name: 'binary.md', bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), expect: 'alert' },
  { name: 'utf16.md', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]), expect: 'either' },
  { name: 'crlf.md', bytes: Buffer.from(good.replace(/\n/g, '\r\n')), expect: 'same' },
  { name: 'one-line.md', bytes: Buffer.from('lorem ipsum dolor sit amet '.repeat(40000).slice(0, 1 << 20)), expect: 'alert' },
  { name: 'long-line-in-body.md', bytes: Buffer.from(withBody('x'.repeat(1 << 20))), expect: 'same' },
  { name: 'nested-lists.md', bytes: Buffer.from(withBody('- '.repeat(10000) + 'deep')), expect: 'same' },
  { name: 'nested-quotes.md', bytes: Buffer.from(withBody('> '.repeat(10000) + 'deep')), expect: 'same' },
  { name: 'unclosed-fence.md', bytes: Buffer.from(good.replace('## Important Issues', '```go\nfunc open() {\n\n## Important Issues')), expect: 'render' },
];

test('odd files through the file input: an alert that says what is wrong, or a sensible render', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await settle(page);
  const input = page.locator('input[type="file"]').first();
  const cards = () => page.locator('article[data-finding-id]').count();
  await input.setInputFiles(sample);
  await page.locator('article[data-finding-id]').first().waitFor();
  const goodCards = await cards();
  const results = [];
  for (const odd of ODD) {
    // Start each from the index so the previous report's cards cannot be mistaken for a result.
    await page.goto(server.url + '/');
    await settle(page);
    const errorsBefore = page.problems.length;
    await input.setInputFiles({ name: odd.name, mimeType: 'text/markdown', buffer: odd.bytes });
    const alert = page.locator('[role="alert"]').filter({ hasText: /\S/ });
    const outcome = await Promise.race([
      alert.first().waitFor({ timeout: 30000 }).then(() => 'alert'),
      page.locator('article[data-finding-id]').first().waitFor({ timeout: 30000 }).then(() => 'render'),
    ]).catch(() => 'nothing');
    await settle(page).catch(() => {});
    if (outcome === 'render') {
      await expandAll(page); // the odd part is rendered too
      await page.waitForTimeout(300);
    }
    const n = await cards();
    const message = outcome === 'alert' ? (await alert.first().innerText()).trim() : '';
    const bodyText = (await page.locator('body').innerText()).trim();
    results.push(`${odd.name}: ${outcome}${message ? ` “${message.slice(0, 140)}”` : ` (${n} cards)`}`);
    assert.ok(bodyText.length > 0, `${odd.name}: not a blank page`);
    assert.deepEqual(page.problems.slice(errorsBefore), [], `${odd.name}: no console error or crash`);
    if (odd.expect === 'alert') {
      assert.equal(outcome, 'alert', `${odd.name}: an alert`);
      assert.ok(message.includes(odd.name) || message.length > 30, `${odd.name}: the alert is specific: “${message}”`);
    } else if (odd.expect === 'same') {
      assert.equal(outcome, 'render', `${odd.name}: renders`);
      assert.equal(n, goodCards, `${odd.name}: the same ${goodCards} cards as the plain file`);
    } else if (odd.expect === 'render') {
      assert.equal(outcome, 'render', `${odd.name}: renders`);
    } else {
      assert.ok(outcome === 'render' ? n === goodCards : message.length > 30, `${odd.name}: same cards or a specific alert`);
    }
  }
  console.log(results.map((r) => `# ${r}`).join('\n'));
  // Still alive: a normal file opens.
  await page.goto(server.url + '/');
  await settle(page);
  await input.setInputFiles(sample);
  await page.waitForFunction((n) => document.querySelectorAll('article[data-finding-id]').length === n, goodCards);
});

// The worker is an optimisation, never a requirement: when its script cannot be loaded, a big
// report still opens (parsed on the page) and the console says why.
test('a big report still opens when the parse worker cannot start', async () => {
  const page = await newPage(browser);
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.route('**/parse-worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${server.url}/?src=${encodeURIComponent('/fixtures/f500.md')}`);
  await page.waitForFunction(() => document.querySelectorAll('article[data-finding-id]').length === 500, null, {
    timeout: 60000,
  });
  assert.ok(
    warnings.some((w) => /parsing .*f500\.md on the main thread/.test(w)),
    `a console note names the fallback (warnings: ${warnings.join(' | ')})`,
  );
  assert.deepEqual(unexpectedProblems(page, [/parse-worker\.js/, /404/]), []);
  await page.context().close();
});
