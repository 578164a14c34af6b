// Issue 12: the screens a first visit does not need are wasm chunks of their own (scripts/build,
// src/app/lazy.rs). A report link opens without fetching them; the round diff fetches its chunk
// on first use, once, with a loading line in the place the diff then takes; meeting mode and the
// agent scoreboard fetch theirs; a chunk that cannot be fetched leaves an alert on that screen
// and the rest of the app working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, stop, newPage, settle, DIST, ROOT, unexpectedProblems, diffScreen } from './harness.mjs';

const index = JSON.parse(await readFile(join(ROOT, 'public/reviews/index.json'), 'utf8'));
const [r1, , r3] = index.reports
  .filter((r) => r.pr?.number === 412)
  .sort((a, b) => a.round.number - b.round.number);
const src = (entry) => `reviews/${entry.path}`;
/** The chunk files of the build, by screen: `split_diff.wasm` → `diff`. */
const chunks = (await readdir(DIST, { recursive: true }))
  .map((n) => n.match(/(?:^|\/)split_([a-z]+)\.wasm$/)?.[1])
  .filter(Boolean);

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop(server, browser));

/** Every chunk the page fetches, by screen name, in order. */
function chunkFetches(page) {
  const seen = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/\/split_([a-z]+)\.wasm$/);
    if (m) seen.push(m[1]);
  });
  return seen;
}

test('the build has a chunk for the round diff, meeting mode and the scoreboard', () => {
  for (const screen of ['diff', 'meeting', 'scoreboard']) {
    assert.ok(chunks.includes(screen), `split_${screen}.wasm in ${DIST} (scripts/build, not NO_SPLIT=1): ${chunks}`);
  }
});

test('a report link opens without the lazy chunks; the diff fetches its own once, after a loading line', async () => {
  const page = await newPage(browser);
  const fetched = chunkFetches(page);
  await page.goto(`${server.url}/?src=${src(r3)}`);
  await settle(page);
  await page.locator('article[data-finding-id]').first().waitFor();
  assert.deepEqual(fetched, [], 'a report link fetches no lazy chunk');

  // The loading lines (the chunk's, then the diff's own "Loading both rounds…") stand in one
  // place, and the diff starts no lower: nothing jumps down as it arrives.
  await page.evaluate(() => {
    window.__loadingTops = [];
    new MutationObserver(() => {
      for (const e of document.querySelectorAll('main [data-role="loading"]')) {
        window.__loadingTops.push(`${e.textContent.trim()}@${Math.round(e.getBoundingClientRect().top)}`);
      }
    }).observe(document.querySelector('main'), { childList: true, subtree: true });
  });
  await page.locator('select[data-role="compare-with"]').selectOption({ index: 1 });
  await page.waitForURL(/view=diff/);
  const state = await diffScreen(page);
  assert.ok(state.rows.length > 0, 'the diff is on screen');
  assert.deepEqual(fetched.filter((c) => c === 'diff'), ['diff'], 'the diff chunk, once');
  assert.ok(!fetched.includes('meeting') && !fetched.includes('scoreboard'), `only the diff's chunk: ${fetched}`);
  const lines = [...new Set(await page.evaluate(() => window.__loadingTops))];
  assert.ok(lines.some((l) => l.startsWith('Loading the round diff')), `a loading line while the chunk loads: ${lines}`);
  const tops = new Set(lines.map((l) => Number(l.split('@').pop())));
  assert.equal(tops.size, 1, `every loading line in one place: ${lines}`);
  const diffTop = await page.locator('main').evaluate((m) => m.firstElementChild.getBoundingClientRect().top);
  assert.ok(diffTop <= [...tops][0], `the diff starts no lower than its loading line: ${diffTop} vs ${lines}`);

  // Back to the report and to the diff again: no second fetch.
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('view=diff'));
  await settle(page);
  await page.goForward();
  await page.waitForURL(/view=diff/);
  await diffScreen(page);
  assert.deepEqual(fetched.filter((c) => c === 'diff'), ['diff'], 'still one fetch of the diff chunk');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('meeting mode and the scoreboard fetch their own chunks', async () => {
  const page = await newPage(browser);
  const fetched = chunkFetches(page);
  await page.goto(`${server.url}/?src=${src(r3)}&view=meeting`);
  await page.locator('[data-role="meeting-card"]').first().waitFor();
  assert.deepEqual(fetched, ['meeting']);
  await page.goto(`${server.url}/?view=agents`);
  await page.locator('table[data-role="scoreboard"] tbody tr').first().waitFor({ timeout: 60000 });
  assert.deepEqual(fetched, ['meeting', 'scoreboard']);
  assert.deepEqual(unexpectedProblems(page), []);
});

test('a chunk that cannot be fetched: an alert on that screen, the report list still works', async () => {
  const page = await newPage(browser);
  await page.route(/\/split_diff\.wasm$/, (route) => route.abort());
  await page.goto(`${server.url}/?view=diff&src=${src(r3)}&compare=${src(r1)}`);
  const alert = page.locator('main [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Could not load the round diff/);
  // The app is alive: the report list opens from the top bar's home link.
  await page.goto(`${server.url}/`);
  await page.locator('a[href*="src=reviews/"]').first().waitFor();
});
