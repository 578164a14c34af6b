// Issue 14, in the app: the agent scoreboard (`view=agents`) over every bundled report. The
// numbers are those of `deep-review agents public/reviews` (the same core, src/scoreboard/);
// the test checks the screen shows them, that a filter changes them and the URL, that a number
// drills down to as many findings as it says, each linking to its report card, and the a11y.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, newPage, screenshot, settle, unexpectedProblems, seriousA11yViolations } from './harness.mjs';

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop(server, browser));

/** The number in one cell of the table (agent row, column key). */
async function cell(page, agent, col) {
  const text = await page.locator(`tr[data-agent="${agent}"] td[data-col="${col}"]`).innerText();
  return text.trim();
}

async function openBoard(page, query = '') {
  await page.goto(`${server.url}/?view=agents${query}`);
  await page.locator('table[data-role="scoreboard"] tbody tr').first().waitFor({ timeout: 60000 });
  await settle(page);
}

test('the index links to the scoreboard, which shows every bundled report added up', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?view=index`);
  await page.locator('[data-role="agents-link"]').click();
  await page.locator('table[data-role="scoreboard"] tbody tr').first().waitFor({ timeout: 60000 });
  await settle(page);
  assert.match(page.url(), /view=agents/);
  assert.equal(await page.title(), 'Agent scoreboard · Deep Review Viewer');
  assert.match(await page.locator('[data-role="sb-summary"]').innerText(), /^13 reports in 5 threads, 137 findings/);
  // As `deep-review agents public/reviews` prints them.
  assert.equal(await cell(page, 'Claude', 'raised'), '64');
  assert.equal(await cell(page, 'Gemini', 'raised'), '60');
  assert.equal(await cell(page, 'Codex', 'fixed'), '27');
  assert.equal(await cell(page, 'Claude', 'confirmed'), '68%');
  assert.equal(await cell(page, 'GLM', 'noise'), '33%');
  // Missing retro figures are shown as missing, with the number of reports behind the others.
  assert.match(await cell(page, 'Claude', 'duration_seconds'), /^10m 44s \(13\)$/);
  // Sorted by raised, most first; the header says so.
  assert.equal(await page.locator('th[data-col="raised"]').getAttribute('aria-sort'), 'descending');
  const first = await page.locator('tbody tr').first().getAttribute('data-agent');
  assert.equal(first, 'Claude');
  // Sorting by name.
  await page.locator('th[data-col="agent"] button').click();
  assert.equal(await page.locator('th[data-col="agent"]').getAttribute('aria-sort'), 'ascending');
  assert.equal(await page.locator('th[data-col="raised"]').getAttribute('aria-sort'), null);
  assert.equal(await page.locator('tbody tr').first().getAttribute('data-agent'), 'Claude');
  assert.equal(await page.locator('tbody tr').last().getAttribute('data-agent'), 'Qwen');
  // Per model: versions side by side, a missing retro figure as —.
  await page.getByRole('button', { name: 'Per model' }).click();
  assert.equal(await cell(page, 'Claude Opus 4.6', 'raised'), '4');
  assert.match(await cell(page, 'Claude Opus 4.6', 'tool_calls'), /^—/);
  // The chart: one bar pair per family.
  assert.equal(await page.locator('svg[data-role="sb-chart"] g[data-family]').count(), 6);
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

test('a number drills down to its findings, each opening its report card', async () => {
  const page = await newPage(browser);
  await openBoard(page);
  const fixed = Number(await cell(page, 'Codex', 'fixed'));
  await page.locator('tr[data-agent="Codex"] td[data-col="fixed"] button').click();
  const items = page.locator('[data-role="drill"] [data-role="drill-finding"]');
  await items.first().waitFor();
  // The list is brought into view.
  await page.waitForFunction(() => document.querySelector('[data-role="drill"]').getBoundingClientRect().top < innerHeight);
  assert.equal(await items.count(), fixed);
  assert.match(await page.locator('[data-role="drill"] h2').innerText(), new RegExp(`Codex · fixed: ${fixed} findings`));
  // A retro figure drills to its cells.
  await page.locator('tr[data-agent="Gemini"] td[data-col="false_positives"] button').click();
  await page.locator('[data-role="drill"] [data-role="drill-cell"]').first().waitFor();
  // Back to a finding list; follow one link.
  await page.locator('tr[data-agent="Codex"] td[data-col="fixed"] button').click();
  const link = items.first().locator('a');
  const href = await link.getAttribute('href');
  const id = href.match(/finding=([A-Z]\d+)/)[1];
  assert.match(href, /^\?src=reviews%2F.*\.md&finding=[A-Z]\d+$|^\?src=reviews\/.*\.md&finding=[A-Z]\d+$/);
  await link.click();
  await page.locator(`[data-finding-id="${id}"], #finding-${id}`).first().waitFor({ timeout: 30000 });
  await settle(page);
  assert.match(page.url(), new RegExp(`finding=${id}`));
  assert.deepEqual(unexpectedProblems(page), []);
  await page.close();
});

test('no serious a11y violations; screenshots light and dark, wide and narrow', async () => {
  for (const scheme of ['light', 'dark']) {
    for (const width of [1280, 360]) {
      const page = await newPage(browser, { colorScheme: scheme, viewport: { width, height: 900 } });
      await openBoard(page);
      await page.locator('tr[data-agent="Claude"] td[data-col="raised"] button').click();
      await page.locator('[data-role="drill"]').waitFor();
      assert.deepEqual(await seriousA11yViolations(page), [], `${scheme} ${width}`);
      await screenshot(page, `scoreboard-${scheme}-${width}`);
      await page.locator('svg[data-role="sb-chart"]').scrollIntoViewIfNeeded();
      await screenshot(page, `scoreboard-chart-${scheme}-${width}`);
      assert.deepEqual(unexpectedProblems(page), []);
      await page.close();
    }
  }
});
