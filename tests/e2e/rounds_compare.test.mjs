// Issue 10, the app: choosing any two rounds of a thread from a report page ("Compare with…"),
// and correcting the diff's pairing by hand (Unlink / Link to…), kept in the URL (link= /
// unlink=) and in localStorage; a reload and a shared link show the same diff.
//
// Expectations come from reading the bundled PR #412 reports (public/reviews/), round 1 → 3:
// - round 3 S2 "`os.Remove` error … still ignored" says "first raised as round 1 S2": a pair;
// - round 3 lists "Round 1 D2 — byte-offset resume negotiation — still deferred" under
//   "Declined in prior rounds": declined, never paired, never fixed;
// - round 3 S5 (re-hash on reconnect) and S6 (`transfer.fsync` undocumented) are about code
//   that round 1 did not have: new.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, stop, newPage, screenshot, settle, ROOT, unexpectedProblems, seriousA11yViolations, diffScreen } from './harness.mjs';

const REVIEWS = join(ROOT, 'public/reviews');
const index = JSON.parse(await readFile(join(REVIEWS, 'index.json'), 'utf8'));
const pr412 = index.reports
  .filter((r) => r.pr?.number === 412)
  .sort((a, b) => a.round.number - b.round.number);
const [r1, r2, r3] = pr412;
const src = (entry) => `reviews/${entry.path}`;
const total = (e) => e.counts.critical + e.counts.important + e.counts.suggestion + e.counts.design;
/** Groups of earlier findings that have no counterpart in the later round. */
const EARLIER_ONLY = ['fixed', 'declined', 'persisting', 'demoted', 'dropped', 'not_raised'];

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop(server, browser));

/** The diff on screen, each row as which findings it pairs, in which group, linked by hand or not. */
async function diffState(page) {
  const state = await diffScreen(page);
  const rows = state.rows.map(({ diff, id, earlier, later, manual }) => ({ diff, id, earlier, later, manual }));
  return { ...state, rows };
}

/** Every finding of both rounds exactly once; the header counts are the rows per group and add up. */
function assertWhole(state, earlierN, laterN, what) {
  const earlier = state.rows.filter((r) => r.earlier).map((r) => r.earlier);
  const later = state.rows.filter((r) => r.later).map((r) => r.later);
  assert.equal(earlier.length, earlierN, `${what}: every earlier finding once (${earlier})`);
  assert.equal(new Set(earlier).size, earlierN, `${what}: no earlier finding twice`);
  assert.equal(later.length, laterN, `${what}: every later finding once (${later})`);
  assert.equal(new Set(later).size, laterN, `${what}: no later finding twice`);
  for (const [group, n] of Object.entries(state.counts)) {
    const rows = state.rows.filter((r) => r.diff === group).length;
    assert.equal(n, rows, `${what}: the ${group} count is its rows`);
  }
  const earlierGroups = Object.entries(state.counts).filter(([g]) => g !== 'new');
  assert.equal(earlierGroups.length, 6, `${what}: six outcome counts for the earlier round`);
  assert.equal(earlierGroups.reduce((a, [, n]) => a + n, 0), earlierN, `${what}: they add up`);
}

const rowOf = (state, earlier, later) =>
  state.rows.find((r) => (earlier == null || r.earlier === earlier) && (later == null || r.later === later));

test('a report page lists its thread’s rounds and compares with any of them, the later round as src', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${src(r3)}`);
  await settle(page);
  const nav = page.locator('[data-role="thread-rounds"]');
  await nav.waitFor();
  // The other rounds as links, this one marked current.
  const links = await nav.locator('a[data-role="round-link"]').evaluateAll((as) =>
    as.map((a) => decodeURIComponent(a.getAttribute('href'))),
  );
  assert.equal(links.length, 2);
  assert.ok(links[0].includes(`src=${src(r1)}`) && links[1].includes(`src=${src(r2)}`), links.join(' '));
  assert.match(await nav.locator('[aria-current="page"]').innerText(), /^Round 3 · 2026-07-21/);
  // The picker names every other round with its date and verdict.
  const picker = nav.locator('select[data-role="compare-with"]');
  const options = await picker.locator('option').evaluateAll((os) => os.map((o) => o.textContent));
  assert.deepEqual(options, [
    'Choose a round',
    `Round 1 · 2026-07-14 · ${r1.verdict.label}`,
    `Round 2 · 2026-07-18 · ${r2.verdict.label}`,
  ]);
  assert.equal(await page.getByLabel('Compare with…').count(), 1, 'the picker has a label');
  await screenshot(page, 'compare-report-rounds');

  // Round 3 with round 1: not adjacent.
  await picker.selectOption({ label: options[1] });
  await page.waitForURL(/view=diff/);
  let url = new URL(page.url());
  assert.equal(url.searchParams.get('src'), src(r3), 'the later round is src');
  assert.equal(url.searchParams.get('compare'), src(r1), 'the earlier round is compare');
  const state = await diffState(page);
  assertWhole(state, total(r1), total(r3), 'round 1 → 3');
  assert.match(await page.locator('[data-role="older"]').innerText(), /Round 1/);
  assert.match(await page.locator('[data-role="newer"]').innerText(), /Round 3/);

  // From round 1's page, round 3 is still the later one.
  await page.goto(`${server.url}/?src=${src(r1)}`);
  await settle(page);
  await page.locator('select[data-role="compare-with"]').selectOption({ label: `Round 3 · 2026-07-21 · ${r3.verdict.label}` });
  await page.waitForURL(/view=diff/);
  url = new URL(page.url());
  assert.equal(url.searchParams.get('src'), src(r3));
  assert.equal(url.searchParams.get('compare'), src(r1));
  assert.deepEqual((await diffState(page)).rows, state.rows, 'the same diff either way');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('round 1 → 3: what the reports say', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?view=diff&src=${src(r3)}&compare=${src(r1)}`);
  const state = await diffState(page);
  assertWhole(state, total(r1), total(r3), 'round 1 → 3');
  // Round 3 S2: "first raised as round 1 S2".
  const s2 = rowOf(state, 'S2', 'S2');
  assert.ok(s2, 'round 1 S2 is paired with round 3 S2');
  assert.equal(s2.diff, 'persisting');
  // Followed through round 2 (round 2 S2 "re-raise of round 1 S2").
  assert.match(await page.locator('[data-role="followed"]').innerText(), /followed through Round 2/);
  assert.equal(s2.id, 'S2', 'a pair is named by its later id');
  // Round 3 S5 and S6 are new.
  for (const id of ['S5', 'S6']) assert.equal(rowOf(state, null, id)?.diff, 'new', `round 3 ${id} is new`);
  // Round 1 D2 is declined (when the diff knows that outcome), never paired.
  const d2 = rowOf(state, 'D2', null);
  assert.equal(d2.later, null, 'round 1 D2 has no counterpart');
  assert.equal(d2.diff, 'declined');
  assert.match(
    await page.locator('li[data-diff="declined"][data-earlier-id="D2"] [data-role="evidence"]').innerText(),
    /Declined in prior rounds/,
    'with the words that say so',
  );
  assert.deepEqual(unexpectedProblems(page), []);
});

test('unlink and relink a pair, link two findings by hand; reload, storage and a shared link keep it', async () => {
  const page = await newPage(browser);
  const diffUrl = `${server.url}/?view=diff&src=${src(r3)}&compare=${src(r1)}`;
  await page.goto(diffUrl);
  const base = await diffState(page);
  const pairs = (st) => st.rows.filter((r) => r.earlier && r.later).length;
  const added = base.counts.new;

  // Unlink round 1 S2 ↔ round 3 S2.
  const pairRow = page.locator('li[data-diff][data-earlier-id="S2"][data-later-id="S2"]');
  const unlink = pairRow.locator('button[data-role="unlink"]');
  assert.equal(await unlink.getAttribute('aria-label'), 'Unlink Round 1 S2 from Round 3 S2');
  await unlink.click();
  await page.waitForURL(/unlink=S2:S2/);
  await page.locator('li[data-diff="new"][data-later-id="S2"]').waitFor();
  let state = await diffState(page);
  assertWhole(state, total(r1), total(r3), 'after unlink');
  assert.equal(pairs(state), pairs(base) - 1, 'one pair fewer');
  assert.equal(state.counts.new, added + 1, 'round 3 S2 is new');
  const alone = rowOf(state, 'S2', null);
  assert.ok(EARLIER_ONLY.includes(alone.diff), `round 1 S2 stands alone (${alone.diff})`);
  assert.notEqual(state.sentence, base.sentence, 'the summary follows');
  assert.ok(await page.locator('[data-role="reset-links"]').isVisible(), 'an undo button');

  // Relink it with "Link to…" on round 1 S2's row: back to the matcher's diff, nothing in the URL.
  const picker = page.locator('li[data-diff][data-earlier-id="S2"]:not([data-later-id]) select[data-role="link-to"]');
  assert.match(await picker.getAttribute('aria-label'), /^Link Round 1 S2 to a finding of the later round$/);
  await picker.selectOption('S2');
  await page.waitForURL((u) => !u.search.includes('unlink='));
  await pairRow.waitFor();
  state = await diffState(page);
  assert.deepEqual(state.rows, base.rows, 'relinked: the diff as the matcher made it');
  assert.equal(state.sentence, base.sentence);

  // Unlink it again and link round 1 I4 (read-only tokens see paths) to round 3 S4 (redaction
  // implemented twice) by hand: two findings the matcher keeps apart.
  await pairRow.locator('button[data-role="unlink"]').click();
  await page.waitForURL(/unlink=S2:S2/);
  const i4 = page.locator('li[data-diff][data-earlier-id="I4"]:not([data-later-id]) select[data-role="link-to"]');
  await i4.selectOption('S4');
  await page.waitForURL(/link=I4:S4/);
  const manualRow = page.locator('li[data-diff][data-earlier-id="I4"][data-later-id="S4"]');
  await manualRow.waitFor();
  assert.equal(await manualRow.getAttribute('data-manual'), 'true');
  assert.equal(await manualRow.locator('[data-role="match"]').innerText(), 'linked by hand');
  const edited = await diffState(page);
  assertWhole(edited, total(r1), total(r3), 'after a hand-made link');
  assert.equal(pairs(edited), pairs(base), 'one pair split, one made');
  const editedUrl = page.url();
  assert.match(editedUrl, /link=I4:S4/);
  assert.match(editedUrl, /unlink=S2:S2/);

  await page.emulateMedia({ colorScheme: 'light' });
  await manualRow.scrollIntoViewIfNeeded();
  await screenshot(page, 'compare-diff-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'compare-diff-dark');
  await page.locator('#diff-title').scrollIntoViewIfNeeded();
  await screenshot(page, 'compare-diff-head-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshot(page, 'compare-diff-head-light');

  // Reload: the same diff.
  await page.reload();
  assert.deepEqual((await diffState(page)).rows, edited.rows, 'reload keeps the overrides');

  // Stored with the meeting marks: open the same two rounds afresh from the report page.
  const stored = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('deep-review/links/v1/')),
  );
  assert.deepEqual(stored, [`deep-review/links/v1/${r1.slug}/${r3.slug}`]);
  await page.goto(`${server.url}/?src=${src(r3)}`);
  await settle(page);
  await page.locator('select[data-role="compare-with"]').selectOption({ label: `Round 1 · 2026-07-14 · ${r1.verdict.label}` });
  await page.waitForURL(/link=I4:S4/);
  assert.deepEqual((await diffState(page)).rows, edited.rows, 'storage restores the overrides');
  assert.deepEqual(unexpectedProblems(page), []);

  // Shared: the URL alone, in a fresh browser context (no storage).
  const fresh = await newPage(browser);
  await fresh.goto(editedUrl);
  const shared = await diffState(fresh);
  assert.deepEqual(shared.rows, edited.rows, 'a shared link shows the same diff');
  assert.deepEqual(shared.counts, edited.counts);
  assert.equal(shared.sentence, edited.sentence);
  assert.deepEqual(unexpectedProblems(fresh), []);
  await fresh.context().close();

  // Undo: back to the matcher's diff, storage emptied.
  await page.locator('[data-role="reset-links"]').click();
  await page.waitForURL((u) => !u.search.includes('link='));
  assert.deepEqual((await diffState(page)).rows, base.rows);
  assert.deepEqual(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('deep-review/links/'))),
    [],
  );
});

test('axe: no serious or critical violations on the report’s rounds and a diff with overrides', async () => {
  for (const scheme of ['light', 'dark']) {
    for (const path of [`/?src=${src(r3)}`, `/?view=diff&src=${src(r3)}&compare=${src(r1)}&link=I4:S4&unlink=S2:S2`]) {
      const page = await newPage(browser, { colorScheme: scheme });
      await page.goto(server.url + path);
      await page.locator('[data-role="thread-rounds"], [data-diff]').first().waitFor();
      await settle(page);
      assert.deepEqual(await seriousA11yViolations(page), [], `${scheme} ${path}`);
      await page.context().close();
    }
  }
});
