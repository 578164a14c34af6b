// Session 2 UI gaps: the `?` dialog lists the keys of the screen shown (meeting keys in meeting
// mode, from the same table as the legend under the meeting); j/k in the round diff; the hidden
// file-input buttons ("Open files…", "Import marks…") and the marks export rows; a report opened
// from a local file survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, stop, newPage, settle, ROOT, unexpectedProblems, screenshot, paste } from './harness.mjs';

const REVIEWS = join(ROOT, 'public/reviews');
const index = JSON.parse(await readFile(join(REVIEWS, 'index.json'), 'utf8'));
const pr412 = index.reports
  .filter((r) => r.pr?.number === 412)
  .sort((a, b) => a.round.number - b.round.number);
const [r1, r2] = pr412;
const src = (entry) => `reviews/${entry.path}`;

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop(server, browser));

/** The shortcuts dialog's rows: { action, keys: ['j', '↓'], what }. */
async function dialogRows(page) {
  await page.keyboard.press('?');
  const dialog = page.locator('[role="dialog"]');
  await dialog.waitFor();
  const rows = await dialog.locator('tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      action: tr.dataset.action,
      keys: [...tr.querySelectorAll('kbd')].map((k) => k.textContent),
      what: tr.cells[1].textContent,
    })),
  );
  const title = await dialog.locator('h2').innerText();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  return { rows, title };
}
const keysOf = (rows, action) => rows.find((r) => r.action === action)?.keys;

test('the ? dialog lists the keys of the screen shown: report, meeting, diff, list', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${src(r2)}`);
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);

  const report = await dialogRows(page);
  assert.match(report.title, /report/i);
  assert.deepEqual(keysOf(report.rows, 'next'), ['j']);
  assert.deepEqual(keysOf(report.rows, 'search'), ['/']);
  assert.ok(!report.rows.some((r) => r.action.startsWith('mark-')), 'no mark keys outside a meeting');

  // Meeting mode: the mark keys 1–4, the note, the arrows, Esc back — and the legend under the
  // meeting shows the same keys for the same actions.
  await page.locator('[data-role="meeting"]').click();
  await page.locator('[data-role="meeting-card"]').waitFor();
  const meeting = await dialogRows(page);
  assert.match(meeting.title, /meeting/i);
  const marks = meeting.rows.filter((r) => r.action.startsWith('mark-'));
  assert.deepEqual(
    marks.map((r) => [r.keys.join(' '), r.action]),
    [
      ['1', 'mark-will-fix'],
      ['2', 'mark-wont-fix'],
      ['3', 'mark-discuss'],
      ['4', 'mark-duplicate'],
    ],
  );
  assert.match(marks[1].what, /Won't fix/);
  assert.deepEqual(keysOf(meeting.rows, 'next'), ['j', '↓', '→']);
  assert.deepEqual(keysOf(meeting.rows, 'note'), ['n']);
  assert.deepEqual(keysOf(meeting.rows, 'leave'), ['Esc']);
  assert.ok(!keysOf(meeting.rows, 'search'), 'no search key in a meeting');
  const legend = await page.locator('.meeting-keys .meeting-key').evaluateAll((els) =>
    els.map((e) => ({ action: e.dataset.action, keys: [...e.querySelectorAll('kbd')].map((k) => k.textContent) })),
  );
  assert.deepEqual(
    legend,
    meeting.rows.map(({ action, keys }) => ({ action, keys })),
    'legend = dialog',
  );
  // The dialog took Escape: still in the meeting. The mark buttons name the same keys.
  assert.match(page.url(), /view=meeting/);
  const buttonKeys = await page.locator('[data-mark]').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-keyshortcuts')));
  assert.deepEqual(buttonKeys, ['1', '2', '3', '4']);
  // While the dialog is open, meeting keys wait: `1` marks nothing.
  await page.keyboard.press('?');
  await page.locator('[role="dialog"]').waitFor();
  await page.keyboard.press('1');
  assert.equal(await page.locator('[data-mark][aria-pressed="true"]').count(), 0, 'no mark while the help is open');
  await page.keyboard.press('Escape');
  await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
  assert.match(page.url(), /view=meeting/, 'Escape closed the help, not the meeting');

  await page.goto(`${server.url}/?view=diff&src=${src(r2)}&compare=${src(r1)}`);
  await page.locator('[data-diff]').first().waitFor();
  const diff = await dialogRows(page);
  assert.match(diff.title, /diff/i);
  assert.deepEqual(keysOf(diff.rows, 'next'), ['j']);
  assert.deepEqual(keysOf(diff.rows, 'previous'), ['k']);

  await page.goto(`${server.url}/`);
  await settle(page);
  const list = await dialogRows(page);
  assert.match(list.title, /list/i);
  assert.deepEqual(list.rows.map((r) => r.action), ['help', 'close']);
  assert.deepEqual(unexpectedProblems(page), []);
});

/** The current diff row: its filter id (`finding=`) and whether it is on screen. */
async function currentRow(page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('[data-diff]')];
    const at = rows.findIndex((r) => r.classList.contains('current'));
    const el = rows[at];
    const box = el?.getBoundingClientRect();
    return {
      at,
      count: rows.length,
      ariaCurrent: el?.getAttribute('aria-current'),
      outline: el ? getComputedStyle(el).outlineStyle : null,
      inView: !!box && box.top >= 0 && box.bottom <= innerHeight,
      finding: new URL(location.href).searchParams.get('finding'),
    };
  });
}
async function waitForRow(page, at) {
  await page.waitForFunction(
    (at) => [...document.querySelectorAll('[data-diff]')].findIndex((r) => r.classList.contains('current')) === at,
    at,
  );
}

test('j/k step through the diff rows in screen order, marked and scrolled into view', async () => {
  const page = await newPage(browser, { viewport: { width: 1000, height: 600 } });
  await page.goto(`${server.url}/?view=diff&src=${src(r2)}&compare=${src(r1)}`);
  await page.locator('[data-diff]').first().waitFor();
  await settle(page);
  const n = await page.locator('[data-diff]').count();
  assert.ok(n >= 4, `the diff has ${n} rows`);
  assert.equal((await currentRow(page)).at, -1, 'no current row before j');

  await page.keyboard.press('j');
  await waitForRow(page, 0);
  let cur = await currentRow(page);
  assert.equal(cur.ariaCurrent, 'true');
  assert.equal(cur.outline, 'solid', 'the current row is outlined');
  assert.ok(cur.finding, 'finding= names the row');
  const first = cur.finding;
  await page.keyboard.press('j');
  await waitForRow(page, 1);
  assert.notEqual((await currentRow(page)).finding, first);
  await page.keyboard.press('k');
  await waitForRow(page, 0);
  assert.equal((await currentRow(page)).finding, first);

  // Down to the last row (across the groups): it is scrolled into view; j stops there.
  for (let i = 0; i < n + 1; i++) await page.keyboard.press('j');
  await waitForRow(page, n - 1);
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-diff].current').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  cur = await currentRow(page);
  assert.equal(cur.at, n - 1);
  assert.ok(cur.inView, 'the last row is in view');
  await screenshot(page, 'ui-gaps-diff-current');

  // `o` shows the current row's details, and hides them again.
  const toggle = page.locator('[data-diff].current .finding-toggle');
  const was = await toggle.getAttribute('aria-expanded');
  await page.keyboard.press('o');
  await page.waitForFunction((was) => document.querySelector('[data-diff].current .finding-toggle').getAttribute('aria-expanded') !== was, was);
  await page.keyboard.press('o');
  await page.waitForFunction((was) => document.querySelector('[data-diff].current .finding-toggle').getAttribute('aria-expanded') === was, was);

  // Typing j/k in the search box types; the current row stays.
  await page.keyboard.press('/');
  await page.keyboard.type('kj');
  assert.equal(await page.locator('#search-findings').first().inputValue(), 'kj');
  // The reload keeps the row (finding= in the URL).
  await page.locator('#search-findings').first().fill('');
  await page.waitForFunction(() => !new URL(location.href).searchParams.get('q'));
  const last = (await currentRow(page)).finding;
  await page.reload();
  await page.locator('[data-diff].current').waitFor();
  assert.equal((await currentRow(page)).finding, last);
  assert.ok((await currentRow(page)).at === n - 1);
  assert.deepEqual(unexpectedProblems(page), []);
});

test('the file buttons open their hidden inputs; marks export rows download', async () => {
  const page = await newPage(browser, { acceptDownloads: true });
  await page.goto(`${server.url}/`);
  await settle(page);
  // "Open files…": the button opens the multi-file input; the picked report opens.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open files…' }).click(),
  ]);
  assert.ok(chooser.isMultiple(), 'several files at once');
  await chooser.setFiles(join(REVIEWS, r2.path));
  await page.locator('article[data-finding-id]').first().waitFor();
  assert.match(decodeURIComponent(page.url()), new RegExp(`src=local:${r2.path.replace(/[.]/g, '\\.')}`));

  // "Import marks (.json)…": the button opens the single JSON input.
  await page.locator('.report-tools .marks-menu summary').click();
  const [marksChooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('.report-tools [data-role="import-marks"]').click(),
  ]);
  assert.ok(!marksChooser.isMultiple());
  assert.equal(await marksChooser.element().getAttribute('data-role'), 'import-marks-file');
  assert.equal(await marksChooser.element().getAttribute('accept'), '.json,application/json');

  // The export rows: Markdown and JSON, each Copy and Download with its own name and type.
  for (const [role, ext] of [
    ['markdown', 'md'],
    ['json', 'json'],
  ]) {
    assert.equal(await page.locator(`.report-tools [data-role="copy-${role}"]`).count(), 1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`.report-tools [data-role="download-${role}"]`).click(),
    ]);
    assert.ok(download.suggestedFilename().endsWith(`.${ext}`), download.suggestedFilename());
    assert.match(await page.locator('.report-tools .marks-menu [role="status"]').innerText(), /Downloaded/);
  }
  assert.deepEqual(unexpectedProblems(page), []);
});

/** Console messages of every type (the harness keeps only errors). */
function consoleLog(page) {
  const lines = [];
  page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  return lines;
}
const currentCard = (page) =>
  page.evaluate(() => {
    const c = document.querySelector('article.finding.current');
    return c && { id: c.dataset.findingId, title: c.querySelector('[data-role="title"]').textContent };
  });

test('a report opened from a file or paste comes back after a reload, on the same finding and view', async () => {
  const page = await newPage(browser);
  const log = consoleLog(page);
  await page.goto(`${server.url}/`);
  await settle(page);
  await page.locator('input[type="file"]').first().setInputFiles(join(REVIEWS, r2.path));
  await page.locator('article[data-finding-id]').first().waitFor();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.waitForFunction(() => document.querySelectorAll('article.finding.current').length === 1);
  const before = await currentCard(page);
  const url = page.url();
  assert.match(decodeURIComponent(url), new RegExp(`src=local:${r2.path.replace(/[.]/g, '\\.')}.*finding=${before.id}`));
  // Kept once the report is on screen.
  await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => k.startsWith('deep-review/local/text/')));

  await page.reload();
  await page.locator('article.finding.current').waitFor();
  await settle(page);
  assert.equal(page.url(), url, 'same address');
  assert.deepEqual(await currentCard(page), before, 'same report, same finding');
  assert.equal(await page.locator('[role="alert"]').count(), 0, 'no error');

  // The same in meeting mode.
  await page.locator('[data-role="meeting"]').click();
  await page.locator('[data-role="meeting-card"]').waitFor();
  const meetingId = await page.locator('[data-role="meeting-card"]').getAttribute('data-finding-id');
  await page.reload();
  await page.locator('[data-role="meeting-card"]').waitFor();
  assert.equal(await page.locator('[data-role="meeting-card"]').getAttribute('data-finding-id'), meetingId);
  assert.match(page.url(), /view=meeting/);

  // Pasted text: kept as well.
  const text = await readFile(join(REVIEWS, r1.path), 'utf8');
  await page.goto(`${server.url}/`);
  await settle(page);
  await paste(page, text);
  await page.waitForURL(/src=local%3Apasted-|src=local:pasted-/);
  await page.locator('article[data-finding-id]').first().waitFor();
  const pastedCards = await page.locator('article[data-finding-id]').count();
  await page.waitForFunction(
    () => (JSON.parse(sessionStorage.getItem('deep-review/local/names')) || []).some((n) => n.startsWith('pasted-')),
  );
  await page.reload();
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);
  assert.equal(await page.locator('article[data-finding-id]').count(), pastedCards);

  // Files opened together: a reload of their diff (previous round from the opened files).
  await page.goto(`${server.url}/`);
  await settle(page);
  await page.locator('input[type="file"]').first().setInputFiles([r1, r2].map((r) => join(REVIEWS, r.path)));
  await page.locator('.local-files [data-role="diff-latest"]').first().waitFor();
  await page.waitForFunction(() => (JSON.parse(sessionStorage.getItem('deep-review/local/names')) || []).length >= 3);
  await page.goto(`${server.url}/?view=diff&src=${encodeURIComponent('local:' + r2.path)}`);
  await page.locator('[data-diff]').first().waitFor();
  assert.match(await page.locator('[data-role="older"]').innerText(), /Round 1/);

  assert.deepEqual(unexpectedProblems(page), []);
  assert.ok(!log.some((l) => /^error:|not kept|unreadable|dropped/.test(l)), log.join('\n'));
});

test('a full session storage: the report opens, a quiet note, and a reload says to open the file again', async () => {
  const page = await newPage(browser);
  const log = consoleLog(page);
  await page.goto(`${server.url}/`);
  await settle(page);
  // Fill this tab's session storage.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(1 << 20);
    for (let i = 0; i < 64; i++) {
      try {
        sessionStorage.setItem(`filler-${i}`, chunk);
      } catch {
        let size = chunk.length;
        while (size > 16) {
          size = Math.floor(size / 2);
          try {
            sessionStorage.setItem(`filler-${i}-${size}`, chunk.slice(0, size));
          } catch {}
        }
        return;
      }
    }
  });
  await page.locator('input[type="file"]').first().setInputFiles(join(REVIEWS, r2.path));
  await page.locator('article[data-finding-id]').first().waitFor();
  await expectLog(log, /not kept for a reload/);
  assert.deepEqual(unexpectedProblems(page), [], 'no console error');
  assert.equal(await page.locator('[role="alert"]').count(), 0, 'no alert while the report is shown');

  await page.reload();
  const alert = page.locator('[role="alert"]').filter({ hasText: /open the file again/ });
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(`local:${r2.path.replace(/[.]/g, '\\.')}`));

  // A kept copy that cannot be read back: dropped with a note; the same alert, no error.
  await page.evaluate(() => {
    sessionStorage.clear();
    sessionStorage.setItem('deep-review/local/names', JSON.stringify(['broken.md']));
    sessionStorage.setItem('deep-review/local/text/broken.md', 'z=not*base64');
  });
  await page.goto(`${server.url}/?src=local:broken.md`);
  await page.locator('[role="alert"]').filter({ hasText: /open the file again/ }).waitFor();
  await expectLog(log, /broken\.md kept for a reload is unreadable/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('deep-review/local/text/broken.md')), null);
  assert.deepEqual(unexpectedProblems(page), [], 'no console error');
});

async function expectLog(log, re) {
  for (let i = 0; i < 100 && !log.some((l) => re.test(l)); i++) await new Promise((ok) => setTimeout(ok, 50));
  assert.ok(log.some((l) => re.test(l)), `console note ${re}: ${log.join('\n')}`);
}
