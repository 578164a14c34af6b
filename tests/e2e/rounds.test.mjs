// Issue 4, in the app: the report list as PR threads, the round diff and a finding's history.
// Checks what a user sees against the CLI (`deep-review diff` / `thread` over the same files)
// and against the hand-written ground truth in tests/fixtures/bundled_lineage.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, newPage, screenshot, settle, cli, ROOT, unexpectedProblems, seriousA11yViolations } from './harness.mjs';

const REVIEWS = join(ROOT, 'public/reviews');
const index = JSON.parse(await readFile(join(REVIEWS, 'index.json'), 'utf8'));
const pr412 = index.reports
  .filter((r) => r.pr?.number === 412)
  .sort((a, b) => a.round.number - b.round.number);
const [r1, r2, r3] = pr412;
const src = (entry) => `reviews/${entry.path}`;
/** Round 1 → 2 pairs of PR #412 the matcher is known to miss (see tests/rounds_bundled.rs). */
const KNOWN_MISSES = [['D1', 'D1']];

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Ground truth for one pair of rounds of a thread: `### A: round 1 → round 2`. */
async function lineage(section, from, to) {
  const md = await readFile(join(ROOT, 'tests/fixtures/bundled_lineage.md'), 'utf8');
  const start = md.indexOf(`### ${section}: round ${from} → round ${to}`);
  assert.ok(start >= 0, `ground truth has section ${section} ${from}→${to}`);
  const rest = md.slice(start + 4);
  const end = rest.search(/\n### |\n---/);
  const text = end >= 0 ? rest.slice(0, end) : rest;
  const [pairsPart, newPart] = text.split(/New in round \d+:/);
  const rows = (part) =>
    part
      .split('\n')
      .map((l) => l.match(/^\|\s*([CISD]\d+)\s*\|([^|]*)\|(?:\s*([^|]*)\|)?/))
      .filter(Boolean);
  const resolved = [];
  const persisting = [];
  for (const [, id, , outcome] of rows(pairsPart)) {
    const m = outcome.match(/^persisting as ([CISD]\d+)/);
    if (m) persisting.push(`${id}->${m[1]}`);
    else if (/^resolved/.test(outcome)) resolved.push(id);
  }
  const added = rows(newPart).map(([, id]) => id);
  return { resolved: resolved.sort(), persisting: persisting.sort(), new: added.sort() };
}

/** The diff rows on screen, in the same shape. */
async function diffRows(page) {
  const rows = await page.locator('[data-diff]').evaluateAll((els) =>
    els.map((e) => ({
      diff: e.dataset.diff,
      id: e.dataset.findingId,
      earlier: e.dataset.earlierId,
      later: e.dataset.laterId,
      visible: e.offsetParent !== null,
    })),
  );
  return {
    rows,
    resolved: rows.filter((r) => r.diff === 'resolved').map((r) => r.id).sort(),
    persisting: rows.filter((r) => r.diff === 'persisting').map((r) => `${r.earlier}->${r.later}`).sort(),
    new: rows.filter((r) => r.diff === 'new').map((r) => r.id).sort(),
  };
}

test('the index shows the PR #412 thread as one row with its 3 rounds, newest thread first', async () => {
  assert.equal(pr412.length, 3, 'three bundled rounds of PR #412');
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await settle(page);
  const row = page.locator('[data-thread$="#412"]');
  await row.waitFor();
  assert.equal(await row.count(), 1, 'one row for the thread');
  assert.equal(await row.getAttribute('data-rounds'), '3');
  const steps = row.locator('.round-step');
  assert.equal(await steps.count(), 3, 'three rounds in the timeline');
  for (const [i, entry] of pr412.entries()) {
    const step = steps.nth(i);
    assert.equal(await step.getAttribute('data-round'), String(entry.round.number), 'rounds in order');
    const href = decodeURIComponent(await step.locator('a').first().getAttribute('href'));
    assert.ok(href.includes(`src=${src(entry)}`), `round ${i + 1} links to its report`);
    assert.ok((await step.innerText()).includes(entry.verdict.label), `round ${i + 1} verdict shown`);
    for (const sev of ['critical', 'important', 'suggestion']) {
      const n = await step.locator(`[data-severity="${sev}"] [data-role="count"]`).innerText();
      assert.equal(Number(n), entry.counts[sev], `round ${i + 1} ${sev} count`);
    }
  }
  const diff = decodeURIComponent(await row.locator('[data-role="diff-latest"]').getAttribute('href'));
  assert.ok(diff.includes('view=diff'), 'diff link');
  assert.ok(diff.includes(`src=${src(r3)}`) && diff.includes(`compare=${src(r2)}`), 'diff of the latest two');

  // Newest thread first: by each thread's latest round date.
  const order = await page.locator('[data-thread]').evaluateAll((els) => els.map((e) => e.dataset.thread));
  const latest = (label) => {
    const n = Number(label.split('#')[1]);
    return index.reports.filter((r) => r.pr?.number === n).map((r) => r.date).sort().pop();
  };
  const dates = order.map(latest);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'threads newest first');

  await screenshot(page, 'rounds-index');
  await page.setViewportSize({ width: 360, height: 800 });
  await screenshot(page, 'rounds-index-narrow');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 360 px (overflow ${overflow}px)`);
  assert.deepEqual(unexpectedProblems(page), []);
});

test('index filters live in the URL: verdict, repo, dates and text', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/?verdict=rework');
  await settle(page);
  await page.locator('[data-thread]').first().waitFor();
  let threads = await page.locator('[data-thread]').evaluateAll((els) => els.map((e) => e.dataset.thread));
  const rework = new Set(
    index.reports.filter((r) => /rework/i.test(r.verdict?.label || '')).map((r) => r.pr?.number),
  );
  assert.deepEqual(
    threads.map((t) => Number(t.split('#')[1])).sort(),
    [...rework].sort(),
    'only threads with a Rework round',
  );
  // Rounds that do not pass are dimmed, the thread stays whole.
  const dimmed = await page.locator('[data-thread$="#412"] .round-step.filtered-out').count();
  assert.equal(dimmed, 2, 'the two non-rework rounds of #412 are dimmed');

  // Typing in the search box writes q= and narrows the list.
  await page.goto(server.url + '/');
  await settle(page);
  await page.locator('[data-filter="q"]').fill('inotify');
  await page.waitForFunction(() => document.querySelectorAll('[data-thread]').length === 1);
  assert.match(page.url(), /q=inotify/);
  await page.locator('[data-filter="verdict"]').selectOption('merge-with-fixes');
  await page.waitForURL(/verdict=merge-with-fixes/);

  // A date range that holds no report says so.
  await page.goto(server.url + '/?from=2030-01-01');
  await settle(page);
  await page.locator('[data-role="no-threads"]').waitFor();
  await page.goto(server.url + '/?to=2026-07-15&repo=acme-labs/tidewater');
  await settle(page);
  threads = await page.locator('[data-thread]').evaluateAll((els) => els.map((e) => e.dataset.thread));
  assert.deepEqual(threads.sort(), ['acme-labs/tidewater#377', 'acme-labs/tidewater#412'].sort());
  assert.deepEqual(unexpectedProblems(page), []);
});

test('the diff of rounds 1 and 2 matches the CLI and the ground truth', async () => {
  const cliDiff = await cli('diff', join(REVIEWS, r1.path), join(REVIEWS, r2.path));
  const truth = await lineage('A', 1, 2);
  const total = (e) => e.counts.critical + e.counts.important + e.counts.suggestion + e.counts.design;
  assert.equal(truth.resolved.length + truth.persisting.length, total(r1), 'ground truth covers round 1');
  assert.equal(truth.persisting.length + truth.new.length, total(r2), 'ground truth covers round 2');
  const page = await newPage(browser);
  // No compare=: the previous round of the same thread comes from the bundled index.
  await page.goto(`${server.url}/?view=diff&src=${src(r2)}`);
  await settle(page);
  await page.locator('[data-diff]').first().waitFor();
  const shown = await diffRows(page);

  await screenshot(page, 'rounds-diff');
  await page.locator('#diff-persisting').scrollIntoViewIfNeeded();
  await screenshot(page, 'rounds-diff-persisting');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.locator('#diff-persisting').scrollIntoViewIfNeeded();
  await screenshot(page, 'rounds-diff-narrow');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 360 px (overflow ${overflow}px)`);
  assert.deepEqual(unexpectedProblems(page), []);


  // Against the CLI (the same core): every group and its counts.
  assert.deepEqual(shown.resolved, cliDiff.resolved.map((r) => r.id).sort(), 'resolved = CLI');
  assert.deepEqual(
    shown.persisting,
    cliDiff.pairs.filter((p) => p.outcome === 'persisting').map((p) => `${p.earlier.id}->${p.later.id}`).sort(),
    'persisting = CLI',
  );
  assert.deepEqual(shown.new, cliDiff.new.map((f) => f.id).sort(), 'new = CLI');
  assert.equal(
    (await page.locator('[data-role="diff-summary"]').innerText()).trim(),
    cliDiff.summary.sentence,
    'the core sentence at the top',
  );
  for (const g of ['resolved', 'persisting', 'new']) {
    const n = await page.locator(`[data-diff-count="${g}"] [data-role="count"]`).innerText();
    assert.equal(Number(n), cliDiff.summary[g], `${g} count at the top`);
    const h = await page.locator(`[data-group="${g}"] .section-heading [data-role="count"]`).innerText();
    assert.equal(Number(h), cliDiff.summary[g], `${g} group heading count`);
  }

  // Match explanations: a visible note and the detail on hover.
  const note = page.locator('[data-diff="persisting"] [data-role="match"]').first();
  assert.match(await note.innerText(), /matched by cross-reference|similarity \d\.\d\d/);
  assert.match(await note.getAttribute('title'), /title similarity .* score/);
  // A row links to its card in its own round.
  const newRow = page.locator('[data-diff="new"]').first();
  const link = decodeURIComponent(await newRow.locator('[data-role="card-link"]').getAttribute('href'));
  assert.ok(link.includes(`src=${src(r2)}`) && link.includes(`finding=${await newRow.getAttribute('data-finding-id')}`));


  // Against the hand-written ground truth (what a careful reader decided), apart from the pair
  // the matcher is documented to miss (KNOWN_MISSES in tests/rounds_bundled.rs: round 2's D1
  // rewords the concern and names no id), which then shows as one resolved and one new row.
  for (const [earlier, later] of KNOWN_MISSES) {
    const at = truth.persisting.indexOf(`${earlier}->${later}`);
    if (at < 0) continue;
    truth.persisting.splice(at, 1);
    truth.resolved = [...truth.resolved, earlier].sort();
    truth.new = [...truth.new, later].sort();
  }
  assert.deepEqual(shown.resolved, truth.resolved, 'resolved = ground truth');
  assert.deepEqual(shown.persisting, truth.persisting, 'persisting = ground truth');
  assert.deepEqual(shown.new, truth.new, 'new = ground truth');
});

test('the diff view applies the report filters from the URL', async () => {
  const cliDiff = await cli('diff', join(REVIEWS, r1.path), join(REVIEWS, r2.path));
  const page = await newPage(browser);
  await page.goto(`${server.url}/?view=diff&src=${src(r2)}&compare=${src(r1)}`);
  await settle(page);
  await page.locator('[data-diff]').first().waitFor();
  await page.locator('[data-filter="severity"][data-value="suggestion"]').click();
  await page.waitForURL(/sev=suggestion/);
  const rows = (await diffRows(page)).rows;
  assert.ok(rows.length > 0);
  for (const r of rows) {
    // Resolved rows stand for the older finding, the others for the newer one.
    const sev =
      r.diff === 'resolved'
        ? cliDiff.resolved.find((x) => x.id === r.id).severity
        : (cliDiff.pairs.find((p) => p.later.id === r.id)?.later || cliDiff.new.find((f) => f.id === r.id)).severity;
    assert.equal(sev, 'suggestion', `${r.diff} ${r.id} is a suggestion`);
  }
  // The URL keeps the diff and the filter: reload shows the same rows.
  const before = rows.map((r) => r.id);
  await page.reload();
  await settle(page);
  await page.locator('[data-diff]').first().waitFor();
  assert.deepEqual((await diffRows(page)).rows.map((r) => r.id), before);
  assert.deepEqual(unexpectedProblems(page), []);
});

test('a finding card’s History follows it across the thread and links to each round’s card', async () => {
  const thread = (await cli('thread', ...pr412.map((r) => join(REVIEWS, r.path))))[0];
  // A finding of round 2 that was raised in round 1 too.
  const life = thread.lifecycles.find((l) => l.appearances.length >= 2 && l.appearances[1].round === 1);
  assert.ok(life, 'some round-2 finding persists from round 1');
  const here = life.appearances[1];
  const first = life.appearances[0];
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${src(r2)}&finding=${here.id}`);
  await settle(page);
  const card = page.locator(`article[data-finding-id="${here.id}"]`);
  await card.waitFor();
  await card.locator('[data-role="history"]').click();
  const panel = card.locator('.history-panel');
  await panel.locator('.history-step').first().waitFor();
  const steps = await panel.locator('.history-step[data-finding-id]').evaluateAll((els) =>
    els.map((e) => ({ round: Number(e.dataset.round) - 1, id: e.dataset.findingId })),
  );
  assert.deepEqual(
    steps,
    life.appearances.map((a) => ({ round: a.round, id: a.id })),
    'each round’s id, as the CLI follows it',
  );
  const summary = await panel.locator('[data-role="history-summary"]').innerText();
  if (life.resolved_in != null) assert.match(summary, new RegExp(`resolved in Round ${life.resolved_in + 1}`));
  await screenshot(page, 'rounds-history');

  // Follow the link to round 1's card: it is in the URL, visible and open.
  await panel.locator(`.history-step[data-round="1"] a`).click();
  await page.waitForURL((u) => decodeURIComponent(u.toString()).includes(`src=${src(r1)}`));
  assert.ok(page.url().includes(`finding=${first.id}`), 'URL has finding=');
  const target = page.locator(`article[data-finding-id="${first.id}"]`);
  await target.waitFor({ state: 'visible' });
  assert.equal(await target.locator('button[aria-expanded]').first().getAttribute('aria-expanded'), 'true');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('files opened together are grouped into threads, diffed and followed like the bundled ones', async () => {
  const pr418 = index.reports
    .filter((r) => r.pr?.number === 418)
    .sort((a, b) => a.round.number - b.round.number);
  const cliDiff = await cli('diff', join(REVIEWS, pr418[1].path), join(REVIEWS, pr418[2].path));
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await settle(page);
  // Several files at once (the picker; a drop uses the same path): the list shows their thread.
  await page.locator('input[type="file"]').setInputFiles(pr418.map((r) => join(REVIEWS, r.path)));
  // Files are read one by one: wait for the thread to hold all three rounds.
  const row = page.locator('.local-files [data-thread$="#418"]');
  await page.locator('.local-files [data-thread$="#418"][data-rounds="3"]').waitFor({ timeout: 15000 });
  assert.equal(await row.count(), 1, 'one thread row for PR #418');
  const hrefs = await row.locator('.round-step a').evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href'))));
  pr418.forEach((r, i) => assert.ok(hrefs[i].includes(`src=local:${r.path}`), `round ${i + 1} opens the local file`));

  await row.locator('[data-role="diff-latest"]').click();
  await page.locator('[data-diff]').first().waitFor();
  assert.equal(
    (await page.locator('[data-role="diff-summary"]').innerText()).trim(),
    cliDiff.summary.sentence,
  );
  const shown = await diffRows(page);
  assert.deepEqual(shown.new, cliDiff.new.map((f) => f.id).sort(), 'new = CLI');
  assert.deepEqual(shown.resolved, cliDiff.resolved.map((r) => r.id).sort(), 'resolved = CLI');

  // Without compare=, the previous round comes from the files opened together.
  await page.evaluate((s) => history.pushState(null, '', `?view=diff&src=${encodeURIComponent(s)}`), `local:${pr418[2].path}`);
  await page.evaluate(() => dispatchEvent(new PopStateEvent('popstate')));
  await page.locator('[data-role="older"]').filter({ hasText: 'Round 2' }).waitFor();
  assert.equal(
    (await page.locator('[data-role="diff-summary"]').innerText()).trim(),
    cliDiff.summary.sentence,
  );
  assert.deepEqual(unexpectedProblems(page), []);
});

test('axe: no serious or critical violations on the thread list, the diff and an open history, both themes', async () => {
  const screens = [
    ['/', '[data-thread]'],
    [`/?view=diff&src=${src(r2)}&compare=${src(r1)}`, '[data-diff]'],
    [`/?src=${src(r2)}&finding=I3`, 'article[data-finding-id="I3"] [data-role="history"]'],
  ];
  for (const scheme of ['light', 'dark']) {
    for (const [path, ready] of screens) {
      const page = await newPage(browser, { colorScheme: scheme });
      await page.goto(server.url + path);
      await page.locator(ready).first().waitFor();
      if (ready.includes('history')) {
        await page.locator(ready).click();
        await page.locator('.history-step').first().waitFor();
      }
      await settle(page);
      const violations = await seriousA11yViolations(page);
      assert.deepEqual(violations, [], `${scheme} ${path}`);
      await page.context().close();
    }
  }
});
