// Issue 5: meeting mode, meeting marks and self-contained links. A meeting run by keyboard
// (step, mark, note, reload, Markdown export checked line by line), marks kept apart per report,
// a corrupt or foreign stored value, a `#z=` link made with "Copy link" opened in a fresh
// browser context, a truncated link, the long-link warning, and screenshots (light, dark, 360 px).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, stop, newPage, screenshot, settle, cli, ROOT, unexpectedProblems, seriousA11yViolations } from './harness.mjs';
import { largeReport } from './gen/large.mjs';

const SEVERITIES = ['critical', 'important', 'suggestion', 'design'];
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop(server, browser));

const index = JSON.parse(await readFile(join(ROOT, 'public/reviews/index.json'), 'utf8'));
const critImp = (r) => r.counts.critical + r.counts.important;
// Report A: the bundled report with the most critical + important findings; B: another one.
const [A, B] = [...index.reports].sort((a, b) => critImp(b) - critImp(a));
const reviewA = await cli('parse', join(ROOT, 'public/reviews', A.path));
const srcOf = (r) => `src=${encodeURIComponent('reviews/' + r.path)}`;
const sevOrder = (f) => SEVERITIES.indexOf(f.severity);
// The meeting's agenda for sev=critical,important: display order (severity, then report order).
const agendaA = reviewA.findings
  .filter((f) => f.severity === 'critical' || f.severity === 'important')
  .map((f, i) => ({ f, i }))
  .sort((a, b) => sevOrder(a.f) - sevOrder(b.f) || a.i - b.i)
  .map(({ f }) => f);

async function openReport(page, report, query = '') {
  await page.goto(`${server.url}/?${srcOf(report)}${query ? '&' + query : ''}`);
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);
}
const card = (page) => page.locator('[data-role="meeting-card"]');
const shownId = (page) => card(page).getAttribute('data-finding-id');
const position = (page) => page.locator('[data-role="position"]').innerText();
async function expectShown(page, id, pos) {
  await page.waitForFunction(
    ([id, pos]) => {
      const c = document.querySelector('[data-role="meeting-card"]');
      return c?.dataset.findingId === id && c.querySelector('[data-role="position"]')?.textContent === pos;
    },
    [id, pos],
  );
}
const storageKeys = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('deep-review/triage/')));

test('a meeting run by keyboard: step, mark, note, reload, export', async () => {
  assert.ok(agendaA.length >= 4, `report A needs 4 critical/important findings, has ${agendaA.length}`);
  const n = agendaA.length;
  const ids = agendaA.map((f) => f.id);
  const page = await newPage(browser, CLIPBOARD);
  await openReport(page, A, 'sev=critical,important');

  // Enter from the report view's button; the filters stay.
  await page.locator('[data-role="meeting"]').click();
  await card(page).waitFor();
  assert.match(page.url(), /view=meeting/);
  assert.match(decodeURIComponent(page.url()), /sev=critical,important/);
  await expectShown(page, ids[0], `1 of ${n}`);
  assert.equal(await page.locator('.meeting-list li').count(), n, 'the side list has the agenda');
  // Large type: the title is at least 24 px.
  const titlePx = await card(page).locator('[data-role="title"]').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(titlePx >= 24, `title font ${titlePx}px`);

  // "Needs triage" asked for: nothing is marked yet, so the agenda is the same.
  await page.locator('.meeting-bar [data-role="needs-triage"]').click();
  await page.waitForFunction(() => /mark=/.test(location.search));
  await expectShown(page, ids[0], `1 of ${n}`);

  // Step: j, j, k (and arrows).
  await page.keyboard.press('j');
  await expectShown(page, ids[1], `2 of ${n}`);
  await page.keyboard.press('ArrowRight');
  await expectShown(page, ids[2], `3 of ${n}`);
  await page.keyboard.press('k');
  await expectShown(page, ids[1], `2 of ${n}`);
  assert.match(page.url(), new RegExp(`finding=${ids[1]}`));

  // Mark three: 1 on ids[1] moves to ids[2]; 2 there moves to ids[3]; a note and 3 on ids[3].
  await page.keyboard.press('1');
  await expectShown(page, ids[2], `3 of ${n}`);
  await page.keyboard.press('2');
  await expectShown(page, ids[3], `4 of ${n}`);
  await page.keyboard.press('n');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.role), 'note', 'n focuses the note');
  await page.keyboard.type('ask Jan about the retry budget');
  await page.keyboard.press('Escape'); // leaves the field, not the meeting
  assert.match(page.url(), /view=meeting/);
  await page.keyboard.press('3');
  // The list did not re-filter under "needs triage" while marking.
  assert.equal(await page.locator('.meeting-list li').count(), n, 'agenda frozen while marking');
  const after = n > 4 ? 4 : 0; // the next finding without a mark, wrapping around
  await expectShown(page, ids[after], `${after + 1} of ${n}`);
  assert.equal(await page.locator('[data-role="marked-count"]').innerText(), `3 of ${n} marked`);
  const marked = { [ids[1]]: 'will-fix', [ids[2]]: 'wont-fix', [ids[3]]: 'discuss' };
  for (const [id, mark] of Object.entries(marked)) {
    assert.equal(await page.locator(`.meeting-item[data-item="${id}"] [data-role="mark"]`).getAttribute('data-mark'), mark, id);
  }
  await screenshot(page, 'meeting-light');

  // Reload: the marks are kept; "needs triage" (in the URL) now leaves the other findings, and
  // the finding in the URL is still shown.
  await page.reload();
  await card(page).waitFor();
  await settle(page);
  const rest = ids.filter((id) => !(id in marked));
  await expectShown(page, ids[after], `${rest.indexOf(ids[after]) + 1} of ${n - 3}`);
  assert.equal(await page.locator('.meeting-list li').count(), n - 3);
  assert.equal(await page.locator('[data-role="marked-count"]').innerText(), `0 of ${n - 3} marked`);

  // Esc: back to the report, `view` gone, `finding=` kept; the cards carry the badges.
  await page.keyboard.press('Escape');
  await page.locator('article[data-finding-id] .finding-toggle').first().waitFor();
  assert.doesNotMatch(page.url(), /view=/);
  assert.match(page.url(), new RegExp(`finding=${ids[after]}`));
  await page.locator('.filterbar [data-role="needs-triage"]').click(); // needs triage off
  await page.waitForFunction(() => !/mark=/.test(location.search));
  for (const [id, mark] of Object.entries(marked)) {
    assert.equal(
      await page.locator(`article[data-finding-id="${id}"] [data-role="mark"]`).getAttribute('data-mark'),
      mark,
      `badge on card ${id}`,
    );
  }
  await screenshot(page, 'meeting-report-badges');
  // The mark= filter works in the report view too.
  await page.locator('[data-filter="mark"][data-value="will-fix"]').click();
  await page.waitForFunction(() => /mark=will-fix/.test(location.search));
  const visible = await page
    .locator('article[data-finding-id]:visible')
    .evaluateAll((els) => els.map((e) => e.dataset.findingId));
  assert.deepEqual(visible, [ids[1]]);

  // Export Markdown (download) and check it line by line against what was marked.
  await page.locator('.report-tools .marks-menu > summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.report-tools [data-role="download-markdown"]').click(),
  ]);
  assert.equal(download.suggestedFilename(), `triage-${reviewA.slug}.md`);
  const md = await readFile(await download.path(), 'utf8');
  const lines = md.split('\n');
  assert.equal(lines[0], `## Triage: ${reviewA.slug}`);
  const byId = Object.fromEntries(reviewA.findings.map((f) => [f.id, f]));
  const groups = [
    ["Will fix", [ids[1]]],
    ["Won't fix", [ids[2]]],
    ['Discuss', [ids[3]]],
    ['Untriaged', reviewA.findings.map((f) => f.id).filter((id) => !(id in marked))],
  ];
  for (const [label, members] of groups) {
    const at = lines.indexOf(`### ${label} (${members.length})`);
    assert.ok(at > 0, `heading for ${label} in\n${md}`);
    members.forEach((id, k) => {
      const line = lines[at + 2 + k];
      const f = byId[id];
      const title = (f.title_md || f.title).split(/\s+/).join(' ');
      assert.ok(line.startsWith(`- **${id}** ${title}`), `${label} line ${k}: ${line}`);
      for (const loc of f.locations) assert.ok(line.includes(loc.path || loc.text), `${id} location in ${line}`);
    });
  }
  const discussLine = lines.find((l) => l.startsWith(`- **${ids[3]}** `));
  assert.ok(discussLine.endsWith(' — ask Jan about the retry budget'), discussLine);
  assert.equal(lines.filter((l) => l.startsWith('- **')).length, reviewA.findings.length);

  // The same Markdown through the clipboard.
  await page.locator('.report-tools [data-role="copy-markdown"]').click();
  await page.locator('.report-tools .marks-menu [role="status"]', { hasText: 'copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), md);

  // "Copy link" on a report loaded from a URL: the address of exactly this screen.
  await page.locator('.report-tools [data-role="copy-link"]').click();
  await page.locator('.report-tools [data-role="link-status"]', { hasText: 'copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
  assert.deepEqual(unexpectedProblems(page), []);
  await page.context().close();
});

test("marks of report A never show in report B", async () => {
  const page = await newPage(browser);
  await openReport(page, A, 'view=meeting');
  await card(page).waitFor();
  const first = await shownId(page);
  await page.keyboard.press('1');
  await page.waitForFunction(() => document.querySelector('[data-role="marked-count"]')?.textContent.startsWith('1 of'));
  const keysA = await storageKeys(page);
  assert.equal(keysA.length, 1);
  assert.ok(keysA[0].startsWith(`deep-review/triage/v1/${reviewA.slug}/`), keysA[0]);

  await openReport(page, B);
  assert.equal(await page.locator('[data-role="mark"]').count(), 0, 'no badge in report B');
  assert.equal(await page.locator('[data-role="marks-count"]').first().innerText(), '0');
  assert.equal(await page.locator('.mark-filter').isVisible(), false, 'no mark filter row without marks');
  await page.locator('[data-role="meeting"]').click();
  await card(page).waitFor();
  assert.match(await page.locator('[data-role="marked-count"]').innerText(), /^0 of /);

  await openReport(page, A);
  assert.equal(
    await page.locator(`article[data-finding-id="${first}"] [data-role="mark"]`).getAttribute('data-mark'),
    'will-fix',
  );
  assert.deepEqual(unexpectedProblems(page), []);
  await page.context().close();
});

test('importing a JSON of marks merges them and shows the notices', async () => {
  const page = await newPage(browser);
  await openReport(page, A);
  const [first, second] = agendaA;
  const file = (entries, slug = reviewA.slug) => ({
    name: 'marks.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ schema: 'deep-review-triage/1', slug, report: '000000000000', entries })),
  });
  await page.locator('.report-tools .marks-menu > summary').click();
  await page.locator('.report-tools [data-role="import-marks-file"]').setInputFiles(
    file([
      { id: first.id, mark: 'wont-fix', note: 'from Ana' },
      { id: second.id, mark: 'duplicate' },
      { id: 'Z99', mark: 'discuss' },
    ]),
  );
  const status = page.locator('[data-role="marks-notice"][role="status"]');
  await status.first().waitFor();
  assert.match(await status.first().innerText(), /Imported 2 marks from marks\.json/);
  const alerts = (await page.locator('[data-role="marks-notice"][role="alert"]').allInnerTexts()).join('\n');
  assert.match(alerts, /different version of this report/);
  assert.match(alerts, /Z99/);
  assert.equal(await page.locator(`article[data-finding-id="${first.id}"] [data-role="mark"]`).getAttribute('data-mark'), 'wont-fix');
  assert.equal(await page.locator(`article[data-finding-id="${second.id}"] [data-role="mark"]`).getAttribute('data-mark'), 'duplicate');
  // Marks of another report are refused with the reason.
  await page.locator('.report-tools [data-role="import-marks-file"]').setInputFiles(
    file([{ id: first.id, mark: 'will-fix' }], '20990101-000000-pr-9'),
  );
  await page.locator('[data-role="marks-notice"][role="alert"]', { hasText: '20990101-000000-pr-9' }).waitFor();
  assert.equal(await page.locator(`article[data-finding-id="${first.id}"] [data-role="mark"]`).getAttribute('data-mark'), 'wont-fix');
  // Imported marks are saved like any other.
  await page.reload();
  await page.locator(`article[data-finding-id="${first.id}"] [data-role="mark"]`).waitFor();
  assert.deepEqual(unexpectedProblems(page), []);
  await page.context().close();
});

test('a corrupt or foreign stored value gives a notice, not a crash', async () => {
  const page = await newPage(browser);
  await openReport(page, A, 'view=meeting');
  await card(page).waitFor();
  await page.keyboard.press('2');
  await page.waitForFunction(() => document.querySelector('[data-role="marked-count"]')?.textContent.startsWith('1 of'));
  const [key] = await storageKeys(page);

  for (const [value, says] of [
    ['{"schema":"deep-review-triage/1","slug":', /not valid JSON/],
    ['{"schema":"deep-review-triage/1","slug":"20990101-000000-pr-1","report":"x","entries":[]}', /for report "20990101-000000-pr-1"/],
    ['[1,2,3]', /not triage data/],
  ]) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, value]);
    await page.reload();
    await card(page).waitFor();
    await settle(page);
    const notice = page.locator('[data-role="marks-notice"][role="alert"]');
    await notice.first().waitFor();
    assert.match(await notice.first().innerText(), says);
    assert.match(await page.locator('[data-role="marked-count"]').innerText(), /^0 of /);
    // The app still works: step.
    const at = parseInt(await position(page), 10);
    await page.keyboard.press('j');
    await page.waitForFunction((at) => parseInt(document.querySelector('[data-role="position"]')?.textContent, 10) === at + 1, at);
  }
  // Marking again replaces the bad value with good data.
  await page.keyboard.press('3');
  await page.waitForFunction(() => document.querySelector('[data-role="marked-count"]')?.textContent.startsWith('1 of'));
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
  assert.equal(stored.slug, reviewA.slug);
  assert.deepEqual(unexpectedProblems(page), []);
  await page.context().close();
});

test('a self-contained #z= link opens the same screen in a fresh browser; a truncated one explains', async () => {
  const text = await readFile(join(ROOT, 'public/reviews', B.path), 'utf8');
  const page = await newPage(browser, CLIPBOARD);
  await page.goto(server.url + '/');
  await settle(page);
  await page.locator('input[type="file"]').first().setInputFiles({
    name: 'my review.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(text),
  });
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);
  assert.match(page.url(), /src=local/);
  await page.locator('[data-filter="severity"][data-value="important"]').first().click();
  await page.waitForFunction(() => /sev=important/.test(location.search));
  const shown = await page.locator('article[data-finding-id]:visible').evaluateAll((els) => els.map((e) => e.dataset.findingId));

  await page.locator('.report-tools [data-role="copy-link"]').click();
  const status = page.locator('.report-tools [data-role="link-status"]');
  await status.filter({ hasText: 'copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#z=[A-Za-z0-9_-]+$/);
  assert.match(link, /sev=important/);
  const kb = (link.length / 1024).toFixed(1);
  assert.match(await status.innerText(), new RegExp(`${kb.replace('.', '\\.')} KB`), 'the link size is shown');
  assert.equal(await page.locator('[data-role="link-warning"]').count(), 0, 'no warning for a short link');

  // A fresh context: nothing in memory or storage; the link alone restores the screen.
  const fresh = await newPage(browser);
  await fresh.goto(link);
  await fresh.locator('article[data-finding-id]').first().waitFor();
  await settle(fresh);
  assert.deepEqual(
    await fresh.locator('article[data-finding-id]:visible').evaluateAll((els) => els.map((e) => e.dataset.findingId)),
    shown,
  );
  assert.equal(
    await fresh.locator('[data-filter="severity"][data-value="important"]').first().getAttribute('aria-pressed'),
    'true',
  );
  assert.match(await fresh.locator('.report-title, h1').first().innerText(), /\S/);
  // The fragment stays while filters change, so a reload still has the report.
  await fresh.locator('[data-filter="severity"][data-value="suggestion"]').first().click({ modifiers: ['Control'] });
  await fresh.waitForFunction(() => /suggestion/.test(location.search) && location.hash.startsWith('#z='));
  await fresh.reload();
  await fresh.locator('article[data-finding-id]').first().waitFor();
  assert.deepEqual(unexpectedProblems(fresh), []);
  await fresh.context().close();

  // Meeting mode is part of the screen: the link reopens the meeting on the same finding.
  await page.locator('[data-role="meeting"]').click();
  await card(page).waitFor();
  await page.keyboard.press('j');
  await page.waitForFunction(() => /2 of /.test(document.querySelector('[data-role="position"]')?.textContent));
  const meetingId = await shownId(page);
  await page.locator('.meeting-bar [data-role="copy-link"]').click();
  await page.locator('.meeting-bar [data-role="link-status"]', { hasText: 'copied' }).waitFor();
  const meetingLink = await page.evaluate(() => navigator.clipboard.readText());
  const fresh2 = await newPage(browser);
  await fresh2.goto(meetingLink);
  await card(fresh2).waitFor();
  assert.equal(await shownId(fresh2), meetingId);
  assert.match(await position(fresh2), /^2 of /);
  await fresh2.context().close();

  // Truncated (as a chat tool might): a clear alert, no crash.
  const cut = link.slice(0, link.indexOf('#z=') + Math.floor((link.length - link.indexOf('#z=')) / 2));
  const broken = await newPage(browser);
  await broken.goto(cut);
  const alert = broken.locator('[role="alert"]');
  await alert.first().waitFor();
  assert.match(await alert.first().innerText(), /self-contained link could not be opened.*(incomplete|damaged)/s);
  await settle(broken);
  assert.deepEqual(unexpectedProblems(broken), []);
  await broken.context().close();
  assert.deepEqual(unexpectedProblems(page), []);
  await page.context().close();
});

test('a link over 32 KB shows its size with a warning', async () => {
  const page = await newPage(browser, CLIPBOARD);
  await page.goto(server.url + '/');
  await settle(page);
  await page.locator('input[type="file"]').first().setInputFiles({
    name: 'big.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(largeReport({ findings: 120, seed: 5 })),
  });
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);
  await page.locator('.report-tools [data-role="copy-link"]').click();
  await page.locator('.report-tools [data-role="link-status"]', { hasText: 'copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.length > 32 * 1024, `link of ${link.length} bytes`);
  const warning = page.locator('[data-role="link-warning"]');
  assert.match(await warning.innerText(), new RegExp(`${Math.ceil(link.length / 1024)} KB long`));
  assert.deepEqual(unexpectedProblems(page), []);
  await page.context().close();
});

test('screenshots: meeting mode in dark and at 360 px', async () => {
  for (const [name, opts] of [
    ['meeting-dark', { colorScheme: 'dark' }],
    ['meeting-360', { viewport: { width: 360, height: 780 } }],
  ]) {
    const page = await newPage(browser, opts);
    await openReport(page, A, 'sev=critical,important&view=meeting');
    await card(page).waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await page.keyboard.press('k'); // back on a marked finding: its mark shows pressed
    await page.waitForTimeout(200);
    assert.equal(await card(page).locator('.mark-button[aria-pressed="true"]').getAttribute('data-mark'), 'discuss');
    await screenshot(page, name);
    if (name === 'meeting-360') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scroll at 360 px (${overflow}px too wide)`);
    }
    assert.deepEqual(unexpectedProblems(page), []);
    await page.context().close();
  }
});

test('axe: no serious or critical violations in meeting mode and the marks menu, both themes', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await newPage(browser, { colorScheme });
    await openReport(page, A, 'sev=critical,important&view=meeting');
    await card(page).waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('k');
    await page.locator('.meeting-bar .marks-menu > summary').click();
    await settle(page);
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], colorScheme);
    await page.context().close();
  }
});
