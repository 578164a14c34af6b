// Issue 13: reading and browsing at the scale of a real reviews branch. A reviews folder of this
// project's own invention (tests/e2e/gen/browse.mjs: 36 PR threads, 44 reports, a Supply Chain
// Scan and a CI failure report) indexed by the CLI and served as the bundled reviews; and the
// bundled reports for the report screen. Screenshots at 1280 and 360 px, light and dark, go to
// tests/e2e/artifacts/reading-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, screenshot, settle, cli, ROOT, unexpectedProblems } from './harness.mjs';
import { writeBrowseFolder } from './gen/browse.mjs';

const REVIEWS = join(ROOT, 'public/reviews');
const bundled = JSON.parse(await readFile(join(REVIEWS, 'index.json'), 'utf8'));

let server, bundledServer, browser, dir, index;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'browse-'));
  await writeBrowseFolder(dir);
  index = await cli('index', dir);
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  server = await serve({ reviews: dir });
  bundledServer = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await bundledServer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Every theme and width a screen is photographed at. */
const LOOKS = [
  ['1280-light', { colorScheme: 'light', viewport: { width: 1280, height: 800 } }],
  ['1280-dark', { colorScheme: 'dark', viewport: { width: 1280, height: 800 } }],
  ['360-light', { colorScheme: 'light', viewport: { width: 360, height: 800 } }],
  ['360-dark', { colorScheme: 'dark', viewport: { width: 360, height: 800 } }],
];

/** axe-core violations of any impact, one line each. */
async function a11yViolations(page) {
  const source = await readFile(join(ROOT, 'tests/e2e/node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0].target})`);
  });
}

/** The threads of the generated index: PR number → its reports in round order. */
function threadsOf(idx) {
  const by = new Map();
  for (const r of idx.reports) {
    const k = r.pr.number;
    by.set(k, [...(by.get(k) ?? []), r]);
  }
  for (const rs of by.values()) rs.sort((a, b) => a.round.number - b.round.number);
  return by;
}

const openOf = (r) => [r.counts.open.critical, r.counts.open.important, r.counts.open.suggestion];

test('the generated branch opens as a compact table: one line per thread, ≥ 12 per 800 px screen', async () => {
  const threads = threadsOf(index);
  assert.ok(index.reports.length >= 30, `at least 30 reports (${index.reports.length})`);
  assert.equal(threads.size, 36);
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + '/');
  await settle(page);
  const table = page.locator('[data-role="thread-table"]');
  await table.waitFor();
  const rows = table.locator('tbody tr[data-thread]');
  assert.equal(await rows.count(), threads.size, 'one line per thread');
  assert.equal(await page.locator('.thread-list').count(), 0, 'no timeline cards');
  assert.equal(await page.locator('[data-layout="table"]').getAttribute('aria-pressed'), 'true');

  // Density: with the table's head at the top of the screen, at least 12 lines fit in 800 px.
  await table.evaluate((t) => window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 48));
  const inView = await rows.evaluateAll((trs) =>
    trs.filter((tr) => {
      const r = tr.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }).length,
  );
  assert.ok(inView >= 12, `${inView} threads fully on one 800 px screen`);

  // Newest first by default; each line shows the latest round's PR, round, verdict, open counts.
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      pr: Number(tr.querySelector('.col-pr').textContent.replace('#', '')),
      date: tr.querySelector('.col-date time').getAttribute('datetime'),
      round: tr.querySelector('.col-round').textContent,
      verdict: tr.querySelector('[data-role="verdict"]')?.textContent.trim() ?? '',
      open: [...tr.querySelectorAll('.col-open [data-role="count"]')].map((c) => Number(c.textContent)),
      href: decodeURIComponent(tr.querySelector('a').getAttribute('href')),
    })),
  );
  const dates = shown.map((s) => s.date);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  for (const s of shown) {
    const rounds = threads.get(s.pr);
    const last = rounds.at(-1);
    assert.ok(s.round.startsWith(`R${last.round.number}`), `#${s.pr} round`);
    assert.ok(s.verdict.endsWith(last.verdict.label), `#${s.pr} verdict ${s.verdict}`);
    assert.deepEqual(s.open, openOf(last), `#${s.pr} open C/I/S`);
    assert.ok(s.href.includes(`src=reviews/${last.path}`), `#${s.pr} links to its latest round`);
  }

  // Sort by open findings (most first), then flip; by PR; the choice is in the URL.
  await page.locator('[data-sort="open"]').click();
  await page.waitForURL(/sort=open/);
  const openOrder = async () =>
    rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('.col-open [data-role="count"]')].map((c) => Number(c.textContent))));
  const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  let o = await openOrder();
  assert.deepEqual(o, [...o].sort((a, b) => cmp(b, a)), 'most open first');
  assert.equal(await page.locator('th.col-open').getAttribute('aria-sort'), 'descending');
  await page.locator('[data-sort="open"]').click();
  await page.waitForURL(/order=asc/);
  o = await openOrder();
  assert.deepEqual(o, [...o].sort(cmp), 'fewest open first');
  await page.locator('[data-sort="pr"]').click();
  await page.waitForURL((u) => /sort=pr/.test(u) && !/order=/.test(u));
  const prs = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('.col-pr').textContent.slice(1))));
  assert.deepEqual(prs, [...prs].sort((a, b) => b - a), 'highest PR first');
  await page.locator('[data-sort="verdict"]').click();
  await page.waitForURL(/sort=verdict/);
  const verdicts = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-role="verdict"]').textContent));
  const firstMerge = verdicts.findIndex((v) => /Merge$/.test(v.trim()));
  assert.ok(verdicts.slice(0, firstMerge).every((v) => !/Merge$/.test(v.trim())), 'plain Merge last');
  assert.ok(/Rework/.test(verdicts[0]), 'Rework first');

  // A reload keeps the sort; the timeline is the other layout, also in the URL.
  await page.reload();
  await settle(page);
  await table.waitFor();
  assert.match(page.url(), /sort=verdict/);
  await page.locator('[data-layout="cards"]').click();
  await page.waitForURL(/layout=cards/);
  await page.locator('.thread-list [data-thread]').first().waitFor();
  assert.equal(await page.locator('.thread-list > li[data-thread]').count(), threads.size);
  assert.equal(await page.locator('[data-role="thread-table"]').count(), 0);
  await page.goBack();
  await table.waitFor();
  assert.deepEqual(unexpectedProblems(page), []);
});

test('screenshots of the compact index and the timeline at 1280 and 360 px, light and dark; no sideways scroll', async () => {
  for (const [look, opts] of LOOKS) {
    const page = await newPage(browser, opts);
    await page.goto(server.url + '/');
    await settle(page);
    await page.locator('[data-role="thread-table"] tbody tr').first().waitFor();
    await screenshot(page, `reading-index-table-${look}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${look}: no horizontal scroll (overflow ${overflow}px)`);
    if (opts.viewport.width === 360) {
      // Two lines per thread at most on a phone: title, then date, PR, round, verdict, counts.
      const h = await page.locator('[data-role="thread-table"] tbody tr').first().evaluate((tr) => tr.getBoundingClientRect().height);
      assert.ok(h <= 80, `${look}: a thread line is ${h}px high`);
    }
    await page.goto(server.url + '/?layout=cards');
    await settle(page);
    await page.locator('.thread-list [data-thread]').first().waitFor();
    await screenshot(page, `reading-index-cards-${look}`);
    assert.deepEqual(unexpectedProblems(page), [], look);
    await page.context().close();
  }
});

test('round cards count open findings, with the closed ones as a muted second number', async () => {
  const page = await newPage(browser);
  await page.goto(bundledServer.url + '/?layout=cards');
  await settle(page);
  const steps = page.locator('.round-step[data-src]');
  await steps.first().waitFor();
  let checked = 0;
  let withClosed = 0;
  for (const entry of bundled.reports) {
    const step = page.locator(`.round-step[data-src="reviews/${entry.path}"]`);
    if (!(await step.count())) continue;
    for (const sev of ['critical', 'important', 'suggestion']) {
      const chip = step.locator(`[data-severity="${sev}"]`);
      assert.equal(Number(await chip.locator('[data-role="count"]').innerText()), entry.counts.open[sev], `${entry.slug} ${sev} open`);
      const closed = entry.counts[sev] - entry.counts.open[sev];
      const shownClosed = await chip.locator('[data-role="closed"]').count();
      assert.equal(shownClosed, closed > 0 ? 1 : 0, `${entry.slug} ${sev}: closed shown only when there are some`);
      if (closed > 0) {
        withClosed++;
        assert.equal(await chip.locator('[data-role="closed"]').innerText(), `✓${closed}`);
        const [closedColor, openColor] = await Promise.all([
          chip.locator('[data-role="closed"]').evaluate((e) => getComputedStyle(e).color),
          chip.locator('[data-role="count"]').evaluate((e) => getComputedStyle(e).color),
        ]);
        assert.notEqual(closedColor, openColor, 'the closed number is muted');
      }
    }
    checked++;
  }
  assert.ok(checked >= 10 && withClosed >= 3, `${checked} rounds checked, ${withClosed} with closed findings`);
  const summary = await steps.first().locator('.visually-hidden').innerText();
  assert.match(summary, /\d+ critical open/);
  assert.deepEqual(unexpectedProblems(page), []);
});

test('documents that are not Deep Reviews are listed and shown as plain, safe Markdown', async () => {
  assert.equal(index.documents.length, 2);
  assert.deepEqual(index.skipped, []);
  for (const [look, opts] of LOOKS) {
    const page = await newPage(browser, opts);
    await page.goto(server.url + '/');
    await settle(page);
    const links = page.locator('[data-role="document-link"]');
    await links.first().waitFor();
    assert.deepEqual(
      (await links.evaluateAll((ls) => ls.map((l) => l.dataset.kind))).sort(),
      ['CI Failures', 'Supply Chain Scan'],
    );
    await links.filter({ hasText: 'Supply Chain Scan' }).locator('a').click();
    const doc = page.locator('[data-role="document"]');
    await doc.waitFor();
    assert.equal(await page.locator('.alert').count(), 0, 'not refused');
    assert.equal(await doc.locator('h1').innerText(), 'Supply Chain Scan: 20260801-031500-supply-chain');
    assert.ok(await doc.locator('h1').evaluate((h) => h === document.activeElement), 'focus on the heading');
    assert.equal(await doc.locator('h2').first().innerText(), 'Summary');
    assert.ok((await doc.locator('table').count()) >= 2, 'tables rendered');
    assert.equal(await page.evaluate(() => window.__scanInjected), undefined, 'raw HTML not run');
    assert.ok((await doc.innerText()).includes('<script>'), 'raw HTML shown as text');
    assert.equal(await doc.locator('a[href^="javascript"]').count(), 0, 'no javascript: link');
    await screenshot(page, `reading-document-${look}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${look}: no horizontal scroll (overflow ${overflow}px)`);
    if (look === '1280-light' || look === '1280-dark') {
      assert.deepEqual(await a11yViolations(page), [], `${look}: axe on a document`);
    }
    assert.deepEqual(unexpectedProblems(page), [], look);
    await page.context().close();
  }
});
