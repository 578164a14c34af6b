// Issue 14, in the app: the agent scoreboard (`view=agents`) over every bundled report and every
// report opened from a file. The numbers are those of `deep-review agents public/reviews` (the
// same core, src/scoreboard/); the test checks the screen shows them, that a filter and the
// grouping change them and the URL, that a number drills down to as many findings as it says
// (from a click or from a shared link), each linking to its report card, the charts and their
// text alternatives, the table's fit at 1280 px, and the a11y in both themes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, stop, newPage, screenshot, settle, unexpectedProblems, seriousA11yViolations, ROOT } from './harness.mjs';

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop(server, browser));

/** The text in one cell of the table (agent row, column key), within a slice's rows if given. */
async function cell(page, agent, col, slice) {
  const scope = slice ? `tbody[data-slice="${slice}"] ` : '';
  const text = await page.locator(`${scope}tr[data-agent="${agent}"] td[data-col="${col}"]`).innerText();
  return text.trim().replace(/\s+/g, ' ');
}

async function openBoard(page, query = '') {
  await page.goto(`${server.url}/?view=agents${query}`);
  await page.locator('table[data-role="scoreboard"] tbody tr').first().waitFor({ timeout: 60000 });
  await settle(page);
}

const summary = (page) => page.locator('[data-role="sb-summary"]').innerText();

test('the index links to the scoreboard, which shows every bundled report added up', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?view=index`);
  await page.locator('[data-role="agents-link"]').click();
  await page.locator('table[data-role="scoreboard"] tbody tr').first().waitFor({ timeout: 60000 });
  await settle(page);
  assert.match(page.url(), /view=agents/);
  assert.equal(await page.title(), 'Agent scoreboard · Deep Review Viewer');
  assert.match(await summary(page), /^13 reports in 5 threads, 137 findings/);
  // As `deep-review agents public/reviews` prints them.
  assert.equal(await cell(page, 'Claude', 'raised'), '64');
  assert.equal(await cell(page, 'Gemini', 'raised'), '60');
  assert.equal(await cell(page, 'Codex', 'fixed'), '27');
  assert.equal(await cell(page, 'Claude', 'confirmed'), '68%');
  assert.equal(await cell(page, 'GLM', 'noise'), '33%');
  // Missing retro figures are shown as missing, with the number of reports behind the others.
  assert.equal(await cell(page, 'Claude', 'duration_seconds'), '10m 44s (13)');
  // Sorted by raised, most first; the header says so.
  assert.equal(await page.locator('th[data-col="raised"]').getAttribute('aria-sort'), 'descending');
  assert.equal(await page.locator('table[data-role="scoreboard"] tbody tr').first().getAttribute('data-agent'), 'Claude');
  // Sorting by name.
  await page.locator('th[data-col="agent"] button').click();
  assert.equal(await page.locator('th[data-col="agent"]').getAttribute('aria-sort'), 'ascending');
  assert.equal(await page.locator('th[data-col="raised"]').getAttribute('aria-sort'), null);
  assert.equal(await page.locator('table[data-role="scoreboard"] tbody tr').first().getAttribute('data-agent'), 'Claude');
  assert.equal(await page.locator('table[data-role="scoreboard"] tbody tr').last().getAttribute('data-agent'), 'Qwen');
  // The charts: one bar pair per family; one severity bar per family, as many findings as
  // raised; a trend chart per family with a model that has a confirmation rate.
  assert.equal(await page.locator('svg[data-role="sb-chart"] g[data-family]').count(), 6);
  assert.equal(await page.locator('svg[data-role="sb-severity"] g[data-agent]').count(), 6);
  const claudeSev = await page.locator('svg[data-role="sb-severity"] g[data-agent="Claude"] text').nth(1).textContent();
  assert.match(claudeSev, /^64 · \d+ C · \d+ I · \d+ S · \d+ D$/);
  const sevSum = claudeSev.match(/(\d+) [CISD]/g).map((s) => Number(s.split(' ')[0])).reduce((a, b) => a + b, 0);
  assert.equal(sevSum, 64);
  const trends = page.locator('figure.sb-trend');
  assert.ok((await trends.count()) >= 3, 'a trend chart per family');
  // Models side by side over the months: Gemini 3.1 Pro from March, 3.5 Flash from July.
  const models = (fam) => page.locator(`figure.sb-trend[data-family="${fam}"] svg g[data-model]`).evaluateAll((gs) => gs.map((g) => g.dataset.model));
  assert.deepEqual(await models('Gemini'), ['Gemini 3.1 Pro', 'Gemini 3.5 Flash']);
  // Claude Opus 4.6 (March) has no issue whose fate is known: no rate, so no line (not 0%).
  assert.deepEqual(await models('Claude'), ['Claude Opus 4.8']);
  const claudeTrend = page.locator('figure.sb-trend[data-family="Claude"]');
  // Every chart is named and described, and its numbers are in a table.
  for (const svg of await page.locator('svg[role="img"]').all()) {
    const name = await svg.evaluate((s) => document.getElementById(s.getAttribute('aria-labelledby'))?.textContent ?? '');
    const desc = await svg.evaluate((s) => document.getElementById(s.getAttribute('aria-describedby'))?.textContent ?? '');
    assert.ok(name.length > 5 && desc.length > 5, `${name} / ${desc}`);
  }
  await claudeTrend.locator('details summary').click();
  const months = await claudeTrend.locator('details thead th').allTextContents();
  assert.deepEqual(months, ['Model', '2026-03', '2026-07', '2026-08']);
  // As `deep-review agents public/reviews --format json` gives them per month: 11 of 18, 14 of 19.
  assert.match(await claudeTrend.locator('details tbody tr').first().innerText(), /^Claude Opus 4\.8\s+—\s+61% \(11 of 18\)\s+74% \(14 of 19\)$/);
  assert.deepEqual(unexpectedProblems(page), []);
  await page.close();
});

test('a date filter changes the numbers and the URL', async () => {
  const page = await newPage(browser);
  await openBoard(page);
  await page.locator('input[data-filter="since"]').fill('2026-08');
  await page.locator('input[data-filter="since"]').press('Enter');
  await page.waitForFunction(() => /since=2026-08/.test(location.search));
  await page.waitForFunction(() => document.querySelector('[data-role="sb-summary"]').textContent.startsWith('6 reports'));
  assert.equal(await cell(page, 'Claude', 'raised'), '28');
  assert.equal(await cell(page, 'Claude', 'confirmed'), '74%');
  assert.equal(await cell(page, 'Gemini', 'raised'), '25');
  // The link reproduces it.
  await openBoard(page, '&since=2026-08');
  assert.equal(await cell(page, 'Claude', 'raised'), '28');
  assert.equal(await page.locator('input[data-filter="since"]').inputValue(), '2026-08');
  assert.deepEqual(unexpectedProblems(page), []);
  await page.close();
});

test('rows per model, per repository and per month, kept in the URL', async () => {
  const page = await newPage(browser);
  await openBoard(page);
  await page.locator('button[data-by="model"]').click();
  await page.waitForFunction(() => /by=model/.test(location.search));
  assert.equal(await cell(page, 'Claude Opus 4.6', 'raised'), '4');
  assert.match(await cell(page, 'Claude Opus 4.6', 'tool_calls'), /^—/);
  // Per month: a group of family rows per month, whose numbers add up to the whole.
  await page.locator('button[data-by="month"]').click();
  await page.waitForFunction(() => /by=month/.test(location.search));
  const slices = await page.locator('tbody[data-slice]').evaluateAll((b) => b.map((x) => x.dataset.slice));
  assert.deepEqual(slices, ['2026-03', '2026-07', '2026-08']);
  assert.match(await page.locator('tbody[data-slice="2026-08"] tr.sb-slice').innerText(), /2026-08 · 6 reports/);
  let sum = 0;
  for (const s of slices) {
    if (await page.locator(`tbody[data-slice="${s}"] tr[data-agent="Claude"]`).count()) sum += Number(await cell(page, 'Claude', 'raised', s));
  }
  assert.equal(sum, 64);
  assert.equal(await cell(page, 'Claude', 'raised', '2026-08'), '28');
  // A number of a month drills into that month only.
  await page.locator('tbody[data-slice="2026-08"] tr[data-agent="Claude"] td[data-col="raised"] button').click();
  await page.waitForFunction(() => /slice=2026-08/.test(location.search));
  assert.equal(await page.locator('[data-role="drill"] [data-role="drill-finding"]').count(), 28);
  assert.match(await page.locator('[data-role="drill"] h2').innerText(), /^Claude in 2026-08 · raised: 28 findings$/);
  // Per repository.
  await openBoard(page, '&by=repo');
  assert.deepEqual(await page.locator('tbody[data-slice]').evaluateAll((b) => b.map((x) => x.dataset.slice)), ['acme-labs/tidewater']);
  assert.equal(await cell(page, 'Claude', 'raised', 'acme-labs/tidewater'), '64');
  assert.equal(await page.locator('button[data-by="repo"]').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(unexpectedProblems(page), []);
  await page.close();
});

test('a number drills down to its findings, each opening its report card; the URL keeps it', async () => {
  const page = await newPage(browser);
  await openBoard(page);
  const fixed = Number(await cell(page, 'Codex', 'fixed'));
  const button = page.locator('tr[data-agent="Codex"] td[data-col="fixed"] button');
  await button.click();
  const items = page.locator('[data-role="drill"] [data-role="drill-finding"]');
  await items.first().waitFor();
  await page.waitForFunction(() => /drill=fixed&who=Codex/.test(location.search));
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  // The list is brought into view.
  await page.waitForFunction(() => document.querySelector('[data-role="drill"]').getBoundingClientRect().top < innerHeight);
  assert.equal(await items.count(), fixed);
  assert.match(await page.locator('[data-role="drill"] h2').innerText(), new RegExp(`Codex · fixed: ${fixed} findings`));
  // A shared link opens the same list.
  const url = page.url();
  const other = await newPage(browser);
  await other.goto(url);
  await other.locator('[data-role="drill"] [data-role="drill-finding"]').first().waitFor({ timeout: 60000 });
  assert.equal(await other.locator('[data-role="drill"] [data-role="drill-finding"]').count(), fixed);
  assert.equal(await other.locator('tr[data-agent="Codex"] td[data-col="fixed"] button').getAttribute('aria-expanded'), 'true');
  // Back closes it again (each drill-down is a history entry).
  await other.goBack();
  await other.waitForFunction(() => !/drill=/.test(location.search) && !document.querySelector('[data-role="drill"]'));
  await other.close();
  // A retro figure drills to its cells.
  await page.locator('tr[data-agent="Gemini"] td[data-col="false_positives"] button').click();
  await page.locator('[data-role="drill"] [data-role="drill-cell"]').first().waitFor();
  // Close.
  await page.locator('[data-role="drill"] button', { hasText: 'Close' }).click();
  await page.waitForFunction(() => !document.querySelector('[data-role="drill"]') && !/drill=/.test(location.search));
  // Back to a finding list; each item links to its card and to its report.
  await button.click();
  const first = items.first();
  const href = await first.locator('a').first().getAttribute('href');
  const id = href.match(/finding=([A-Z]\d+)/)[1];
  assert.match(href, /^\?src=reviews(%2F|\/).*\.md&finding=[A-Z]\d+$/);
  assert.match(await first.locator('a.sb-report-link').getAttribute('href'), /^\?src=reviews(%2F|\/).*\.md$/);
  await first.locator('a').first().click();
  await page.locator(`[data-finding-id="${id}"], #finding-${id}`).first().waitFor({ timeout: 30000 });
  await settle(page);
  assert.match(page.url(), new RegExp(`finding=${id}`));
  assert.deepEqual(unexpectedProblems(page), []);
  await page.close();
});

test('reports opened from files are counted with the bundled ones', async () => {
  const page = await newPage(browser);
  const original = await readFile(join(ROOT, 'public/reviews/20260818-174502-pr-441.md'), 'utf8');
  // The same report as a round of another repository, in September.
  const copy = original
    .replaceAll('acme-labs/tidewater', 'acme-labs/opened-copy')
    .replace('# Deep Review: 20260818-174502-pr-441', '# Deep Review: 20260901-090000-opened-copy')
    .replace('| **Date** | 2026-08-18 17:45 |', '| **Date** | 2026-09-01 09:00 |');
  await page.goto(`${server.url}/?view=index`);
  await settle(page);
  await page.locator('input[type="file"]').first().setInputFiles([
    { name: 'opened-copy.md', mimeType: 'text/markdown', buffer: Buffer.from(copy) },
    // A bundled report opened again: counted once.
    { name: '20260818-174502-pr-441.md', mimeType: 'text/markdown', buffer: Buffer.from(original) },
  ]);
  await page.locator('section.local-files').waitFor({ timeout: 30000 });
  await page.locator('[data-role="agents-link"]').click();
  await page.locator('table[data-role="scoreboard"] tbody tr').first().waitFor({ timeout: 60000 });
  await settle(page);
  await page.waitForFunction(() => /opened from files/.test(document.querySelector('[data-role="sb-summary"]').textContent));
  const text = await summary(page);
  assert.match(text, /^14 reports in 6 threads, (\d+) findings/);
  assert.match(text, /2 reports opened from files \(1 also bundled, counted once\)\./);
  // pr-441 round 2 once more: its findings as the bundled index counts them.
  const index = JSON.parse(await readFile(join(ROOT, 'public/reviews/index.json'), 'utf8'));
  const c = index.reports.find((r) => r.slug === '20260818-174502-pr-441').counts;
  const findings = Number(text.match(/, (\d+) findings/)[1]);
  assert.equal(findings, 137 + c.critical + c.important + c.suggestion + c.design);
  // Its month and repository are slices of their own; its numbers drill to the opened file.
  await openBoard(page, '&by=month');
  await page.waitForFunction(() => document.querySelector('tbody[data-slice="2026-09"]'));
  assert.match(await page.locator('tbody[data-slice="2026-09"] tr.sb-slice').innerText(), /2026-09 · 1 report$/);
  assert.equal(
    await page.locator('select[data-filter="repo"] option').evaluateAll((o) => o.map((x) => x.value).includes('acme-labs/opened-copy')),
    true,
  );
  await page.locator('tbody[data-slice="2026-09"] tr[data-agent="Claude"] td[data-col="raised"] button').click();
  const link = page.locator('[data-role="drill"] [data-role="drill-finding"] a').first();
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /^\?src=local(%3A|:)opened-copy\.md&finding=/);
  assert.deepEqual(unexpectedProblems(page), []);
  await page.close();
});

test('no serious a11y violations; the table fits at 1280 px; screenshots light and dark, wide and narrow', async () => {
  for (const scheme of ['light', 'dark']) {
    for (const width of [1280, 360]) {
      const page = await newPage(browser, { colorScheme: scheme, viewport: { width, height: 900 } });
      await openBoard(page, '&drill=raised&who=Claude');
      await page.locator('[data-role="drill"]').waitFor();
      const fit = await page.locator('.sb-table-wrap').evaluate((w) => ({ scroll: w.scrollWidth, client: w.clientWidth }));
      if (width === 1280) {
        assert.ok(fit.scroll <= fit.client, `table scrolls at 1280 px: ${fit.scroll} > ${fit.client}`);
        // Per model too (longer names).
        await page.locator('button[data-by="model"]').click();
        await page.locator('tr[data-agent="Claude Opus 4.8"]').waitFor();
        const m = await page.locator('.sb-table-wrap').evaluate((w) => ({ scroll: w.scrollWidth, client: w.clientWidth }));
        assert.ok(m.scroll <= m.client, `per model, the table scrolls at 1280 px: ${m.scroll} > ${m.client}`);
        await page.goBack();
        await page.locator('[data-role="drill"]').waitFor();
      }
      // Nothing but the table's own scroller is wider than the page.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${scheme} ${width}: the page scrolls sideways`);
      await page.locator('figure.sb-trend details summary').first().click();
      assert.deepEqual(await seriousA11yViolations(page), [], `${scheme} ${width}`);
      await page.evaluate(() => scrollTo(0, 0));
      await screenshot(page, `scoreboard-${scheme}-${width}`);
      await page.locator('[data-role="drill"]').scrollIntoViewIfNeeded();
      await screenshot(page, `scoreboard-drill-${scheme}-${width}`);
      await page.locator('svg[data-role="sb-chart"]').scrollIntoViewIfNeeded();
      await screenshot(page, `scoreboard-chart-${scheme}-${width}`);
      await page.locator('figure.sb-trend').first().scrollIntoViewIfNeeded();
      await screenshot(page, `scoreboard-trend-${scheme}-${width}`);
      assert.deepEqual(unexpectedProblems(page), []);
      await page.close();
    }
  }
});
