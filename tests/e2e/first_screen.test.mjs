// Issue 2: the first screen. Serves the release build, opens the bundled index, opens a report
// and checks what a user sees against the CLI's parse of the same file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, stop, newPage, screenshot, settle, cli, ROOT, unexpectedProblems } from './harness.mjs';

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop(server, browser));

const index = JSON.parse(await readFile(join(ROOT, 'public/reviews/index.json'), 'utf8'));

test('the bundled index lists every bundled report', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await settle(page);
  const links = page.locator('a[href*="src=reviews/"]');
  await links.first().waitFor();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const r of index.reports) {
    assert.ok(
      hrefs.some((h) => decodeURIComponent(h).includes(`reviews/${r.path}`)),
      `index screen has a link to ${r.path}`,
    );
  }
  await screenshot(page, 'index');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('clicking a report shows its header and findings grouped by severity', async () => {
  const entry = index.reports.find((r) => r.counts.critical + r.counts.important > 0) || index.reports[0];
  const expected = await cli('parse', join(ROOT, 'public/reviews', entry.path));
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await settle(page);
  await page.locator(`a[href*="${entry.path}"]`).first().click();
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);

  // Header: verdict label and every reviewer's name are visible.
  const body = await page.locator('body').innerText();
  assert.ok(body.includes(expected.meta.verdict.label), 'verdict label shown');
  for (const r of expected.meta.reviewers) assert.ok(body.includes(r.name), `reviewer ${r.name} shown`);
  if (expected.meta.branch) assert.ok(body.includes(expected.meta.branch), 'branch shown');

  // One card per finding, with the contract's data attributes and titles.
  const cards = await page.locator('article[data-finding-id]').evaluateAll((els) =>
    els.map((e) => ({
      id: e.dataset.findingId,
      severity: e.dataset.severity,
      status: e.dataset.status,
      agents: e.dataset.agents,
      title: e.querySelector('[data-role="title"]')?.textContent.trim(),
    })),
  );
  assert.equal(cards.length, expected.findings.length, 'one card per finding');
  for (const f of expected.findings) {
    const card = cards.find((c) => c.id === f.id);
    assert.ok(card, `card ${f.id} present`);
    assert.equal(card.severity, f.severity, `${f.id} severity`);
    assert.equal(card.status, f.status, `${f.id} status`);
    assert.equal(card.agents, f.agents.join('|'), `${f.id} agents`);
    assert.equal(card.title, f.title, `${f.id} title`);
  }
  // Grouped by severity: severities appear in order critical, important, suggestion, design.
  const order = ['critical', 'important', 'suggestion', 'design'];
  const ranks = cards.map((c) => order.indexOf(c.severity));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'cards grouped by severity');
  assert.match(page.url(), /src=reviews/);
  await screenshot(page, 'report');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('?src= opens a report directly', async () => {
  const entry = index.reports[index.reports.length - 1];
  const expected = await cli('parse', join(ROOT, 'public/reviews', entry.path));
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${encodeURIComponent('reviews/' + entry.path)}`);
  await page.locator('article[data-finding-id]').first().waitFor();
  assert.equal(await page.locator('article[data-finding-id]').count(), expected.findings.length);
  assert.deepEqual(unexpectedProblems(page), []);
});

test('a missing ?src= says so in an alert', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=reviews/does-not-exist.md`);
  const alert = page.locator('[role="alert"]');
  await alert.first().waitFor();
  const text = await alert.first().innerText();
  assert.match(text, /does-not-exist\.md/);
  assert.match(text, /404|not found/i);
});
