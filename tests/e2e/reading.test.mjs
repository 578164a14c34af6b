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
        const [closedStyle, openStyle, muted] = await Promise.all([
          chip.locator('[data-role="closed"]').evaluate((e) => [getComputedStyle(e).color, getComputedStyle(e).fontWeight]),
          chip.locator('[data-role="count"]').evaluate((e) => [getComputedStyle(e).color, getComputedStyle(e).fontWeight]),
          page.evaluate(() => getComputedStyle(document.querySelector('.muted')).color),
        ]);
        assert.equal(closedStyle[0], muted, 'the closed number is muted');
        if (entry.counts.open[sev] > 0) assert.notDeepEqual(closedStyle, openStyle, 'and unlike the open number');
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

// A report of this project's own shape with everything the reading items are about: bare file
// names, file:line in prose, a Resolution table (Fixed, Commented), resolved cards with code,
// strengths with agents, a retro with prose above its table, a later-pass co-finder, a `| | |`
// table, an appendix whose review jumps heading levels. One model per family.
const READING = `# Deep Review: 20260905-101500-pr-77

| | |
|---|---|
| **Date** | 2026-09-05 10:15 |
| **Repo** | [harbor-tools/quayside](https://github.com/harbor-tools/quayside) |
| **PR** | [#77](https://github.com/harbor-tools/quayside/pull/77) — Settings validation |
| **Round** | 1 |
| **Review SHA** | \`4b7c9e2a1d3f5b6c7d8e9f0a1b2c3d4e5f6a7b8c\` |
| **Reviewers** | Claude Opus 4.8, Codex GPT 5.5, Gemini 3.1 Pro |
| **Verdict** | **Merge with fixes** — one important gap |

---

## Executive Summary

The validator in \`src/main/settingsValidator.ts:280-300\` now checks ranges, but the migration in \`src/main/migrate/settingsMigrate.ts\` still writes unchecked values. ${'Every setting is read once at start-up and again on each change event, which doubles the cost on slow disks. '.repeat(4)}

---

## Important Issues

I1. **Range check skips negative ports** — \`settingsValidator.ts:290\` [Claude Opus 4.8] (pass 3: [Gemini 3.1 Pro])

\`\`\`ts
if (port > 65535) { return false; }
\`\`\`

A negative port passes. The same check in \`settingsMigrate.ts:41\` has the same gap.

I2. **Defaults are written before validation** — \`src/main/migrate/settingsMigrate.ts:12-30\` [Codex GPT 5.5]

\`\`\`ts
write(defaults); validate(defaults);
\`\`\`

The order is reversed; see \`src/main/settingsValidator.ts:12\` for the validator.

---

## Suggestions

S1. **Log the rejected key** — \`index.ts:5\` [Gemini 3.1 Pro]

Two files are named \`index.ts\`: \`src/main/index.ts\` and \`src/renderer/index.ts\`.

S2. **Comment the unit of \`timeout\`** — \`src/main/settingsValidator.ts:300\` [Codex GPT 5.5] (suggestion, regression)

Seconds or milliseconds?

---

## Design Observations

### Strengths

- **Validation is table-driven** [Claude Opus 4.8] — adding a setting needs one row.

---

## Testing Assessment

| | |
|---|---|
| **Unit** | 14 new tests |
| **E2E** | none |

---

## Agent Performance Retro

All three agents finished; Gemini needed a third pass.

### Summary Table

| Metric | Claude Opus 4.8 | Codex GPT 5.5 | Gemini 3.1 Pro |
|---|---|---|---|
| Duration | 9m | 7m | 12m |

### Claude Opus 4.8

Found the port gap.

---

## Appendix: Original Reviews

### [Claude] Opus 4.8

# Review of PR #77

### Findings

##### Ports

Negative ports pass.

---

## Resolution

| | |
|---|---|
| **Addressed** | 2026-09-06 |

| # | Finding | Action | Reason |
|---|---------|--------|--------|
| 1 | I1 | Fixed | |
| 2 | I2 | Commented | documented the order in code |
`;

/** Paste READING into the index's Paste report box; resolves when the report is on screen. */
async function pasteReading(page) {
  await page.goto(bundledServer.url + '/');
  await settle(page);
  const box = page.locator('[data-role="paste-text"]');
  await box.waitFor();
  assert.ok(await box.isVisible(), 'a visible paste box');
  assert.ok(await page.locator('[data-role="paste-open"]').isDisabled(), 'nothing to open yet');
  await box.fill(READING);
  await page.locator('[data-role="paste-open"]').click();
  await page.locator('article[data-finding-id="I1"]').waitFor();
  await settle(page);
}

test('a pasted report: resolved cards stay readable and say their resolution as written', async () => {
  for (const [look, opts] of LOOKS) {
    const page = await newPage(browser, opts);
    await pasteReading(page);
    const i1 = page.locator('article[data-finding-id="I1"]');
    const i2 = page.locator('article[data-finding-id="I2"]');
    const s1 = page.locator('article[data-finding-id="S1"]');
    const word = async (loc) => (await loc.locator('[data-role="status"]').textContent()).replace(/\s+/g, ' ').trim();
    assert.equal(await word(i1), '✓ Fixed');
    assert.equal(await word(i2), '✓ Commented', 'Commented is not Fixed');
    const style = (loc, sel) => loc.locator(sel).first().evaluate((e) => {
      const s = getComputedStyle(e);
      return { color: s.color, bg: s.backgroundColor, deco: s.textDecorationLine };
    });
    const card = (loc) => loc.evaluate((e) => getComputedStyle(e).backgroundColor);
    // The body reads like an open card's; code blocks keep their own background.
    const fixedBody = await style(i1, '.finding-body p');
    const text = await page.evaluate(() => getComputedStyle(document.body).color);
    assert.equal(fixedBody.color, text, `${look}: fixed card body in the text colour`);
    assert.equal(await card(i1), await card(s1), `${look}: same card background as an open one`);
    const pre = await style(i1, '.finding-body pre');
    assert.notEqual(pre.bg, await card(i1), `${look}: the code block keeps its background`);
    assert.equal((await style(i1, '.finding-title')).deco, 'line-through', 'a fix strikes the title');
    assert.equal((await style(i2, '.finding-title')).deco, 'none', 'a comment does not');
    const edge = await i1.evaluate((e) => getComputedStyle(e).boxShadow);
    assert.match(edge, /inset/, 'the resolution marks the card edge');
    await i2.scrollIntoViewIfNeeded();
    await screenshot(page, `reading-resolved-${look}`);
    assert.deepEqual(unexpectedProblems(page), [], look);
    await page.context().close();
  }
});

test('typography: 16 px prose at most 90 characters a line; code may be wider', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await pasteReading(page);
  const size = await page.evaluate(() => getComputedStyle(document.body).fontSize);
  assert.equal(size, '16px');
  const longest = await page.evaluate(() => {
    // Characters per rendered line of every prose paragraph (by the top of each character).
    let max = 0;
    for (const p of document.querySelectorAll('.md p')) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const lines = new Map();
      let node;
      while ((node = walker.nextNode())) {
        for (let i = 0; i < node.length; i++) {
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + 1);
          const rect = r.getClientRects()[0];
          if (!rect) continue;
          const top = Math.round(rect.top);
          lines.set(top, (lines.get(top) ?? 0) + 1);
        }
      }
      for (const n of lines.values()) max = Math.max(max, n);
    }
    return max;
  });
  assert.ok(longest > 60 && longest <= 90, `longest prose line: ${longest} characters`);
  assert.deepEqual(unexpectedProblems(page), []);
});

test('file references: bare names resolve against the report’s full paths, ambiguous ones search, prose file:line links', async () => {
  const page = await newPage(browser);
  await pasteReading(page);
  const locHref = async (id) => page.locator(`article[data-finding-id="${id}"] .locations a`).first().getAttribute('href');
  const base = 'https://github.com/harbor-tools/quayside/blob/4b7c9e2a1d3f5b6c7d8e9f0a1b2c3d4e5f6a7b8c';
  assert.equal(await locHref('I1'), `${base}/src/main/settingsValidator.ts#L290`, 'bare name resolved');
  const s1 = await locHref('S1');
  assert.match(s1, /^https:\/\/github\.com\/search\?q=repo%3Aharbor-tools%2Fquayside\+path%3Aindex\.ts&type=code$/, 'ambiguous: code search');
  // Prose: `settingsMigrate.ts:41` (bare, resolved) and `src/main/settingsValidator.ts:12`.
  const body = page.locator('article[data-finding-id="I1"] .finding-body');
  assert.equal(await body.locator('a.code-ref').first().getAttribute('href'), `${base}/src/main/migrate/settingsMigrate.ts#L41`);
  await page.locator('article[data-finding-id="I2"] .finding-body a.code-ref').first().waitFor();
  assert.equal(await page.locator('article[data-finding-id="I2"] .finding-body a.code-ref').first().getAttribute('href'), `${base}/src/main/settingsValidator.ts#L12`);
  const summaryLinks = await page.locator('#summary a.code-ref').count();
  assert.ok(summaryLinks >= 1, 'summary code spans link too');
  assert.equal(await page.locator('pre a').count(), 0, 'nothing linked inside code blocks');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('attribution, strengths, the Model row, the retro order and the appendix headings', async () => {
  const page = await newPage(browser);
  await pasteReading(page);
  const i1 = page.locator('article[data-finding-id="I1"]');
  const agents = await i1.getAttribute('data-agents');
  assert.equal(agents, 'Claude Opus 4.8|Gemini 3.1 Pro', 'the later pass co-finder is an agent');
  assert.match(await i1.locator('[data-later-pass="3"]').innerText(), /Gemini 3\.1 Pro\s*pass 3/);
  assert.equal(await page.locator('article[data-finding-id="S2"]').getAttribute('data-agents'), 'Codex GPT 5.5', 'a kind tag after the agents keeps them');
  const strength = page.locator('.strengths li').first();
  assert.ok(!(await strength.innerText()).includes('[Claude'), 'no [Agent] in the strength text');
  assert.equal(await strength.locator('.pill').count(), 1, 'the agent as a pill');
  const facetNames = await page.locator('.filterbar .facet-name').allInnerTexts();
  assert.ok(facetNames.includes('Agent') && !facetNames.includes('Model'), `rows: ${facetNames}`);
  // Retro: heading as written, prose above the table stays above it, the table keeps its heading.
  const retro = page.locator('#retro');
  assert.equal((await retro.locator('h2').innerText()).replace(/#\s*$/, '').trim(), 'Agent Performance Retro');
  const order = await retro.evaluate((sec) => {
    const items = [...sec.querySelectorAll('p, table, h3')];
    return items.map((e) => (e.tagName === 'TABLE' ? 'TABLE' : e.textContent.trim().slice(0, 20)));
  });
  const prose = order.findIndex((t) => t.startsWith('All three agents'));
  const heading = order.indexOf('Summary Table');
  const table = order.indexOf('TABLE');
  assert.ok(prose >= 0 && prose < heading && heading < table, `retro order: ${order}`);
  assert.deepEqual(unexpectedProblems(page), []);
});

test('opening a report from the list puts the focus on its heading; the TOC marks the part on screen', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(bundledServer.url + '/?layout=cards');
  await settle(page);
  await page.locator('.round-step-link').first().click();
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);
  await page.waitForFunction(() => document.activeElement?.classList.contains('report-title'));
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  const current = () => page.locator('.toc a[aria-current="location"]').first().getAttribute('href');
  assert.equal(await current(), '#overview');
  await page.evaluate(() => document.getElementById('findings').scrollIntoView());
  await page.waitForFunction(() => document.querySelector('.toc a[aria-current="location"]')?.getAttribute('href') !== '#overview');
  assert.match(await current(), /^#(findings|sev-|group-)/, 'a findings part');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  // At the end of the page the last part is current (its heading cannot reach the top).
  await page.waitForFunction(() => {
    const links = [...document.querySelectorAll('.toc a')];
    return document.querySelector('.toc a[aria-current="location"]')?.getAttribute('href') === links.at(-1).getAttribute('href');
  });
  await screenshot(page, 'reading-toc-current-1280-light');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('a damaged #z= link: one alert, the list, no stale Opened files entry', async () => {
  const { zFragment } = await import('./gen/zlink.mjs');
  const good = zFragment('# Deep Review: 20260905-101500-pr-77\n\n## Executive Summary\n\nHi.\n');
  const cut = good.slice(0, Math.floor(good.length / 2));
  const page = await newPage(browser);
  await page.goto(`${bundledServer.url}/#${cut}`);
  const alert = page.locator('[role="alert"]');
  await alert.first().waitFor();
  await settle(page);
  await page.locator('.thread-list, [data-role="thread-table"]').first().waitFor();
  await page.waitForTimeout(300);
  assert.equal(await alert.count(), 1, 'the error once');
  assert.match(await alert.first().innerText(), /self-contained link could not be opened/);
  assert.equal(await page.locator('.local-files').count(), 0, 'no Opened files entry');
  assert.ok(!page.url().includes('src=local'), page.url());
  await screenshot(page, 'reading-damaged-link-1280-light');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('"marked" means the same in meeting mode and on the Marks button (a note alone does not mark)', async () => {
  const page = await newPage(browser);
  await pasteReading(page);
  await page.locator('[data-role="meeting"]').click();
  await page.locator('[data-role="marked-count"]').waitFor();
  await page.keyboard.press('1'); // will fix, moves on
  await page.keyboard.press('n');
  await page.keyboard.type('ask about the migration');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  const meeting = await page.locator('[data-role="marked-count"]').innerText();
  assert.match(meeting, /^1 of \d+ marked$/);
  assert.equal(await page.locator('.meeting-bar [data-role="marks-count"]').innerText(), '1');
  assert.match(await page.locator('.meeting-bar .marks-menu summary').getAttribute('title'), /1 marked, 1 with a note/);
  // Two more marks (one on the card with the note): "n of m marked" and the Marks button agree.
  await page.keyboard.press('2');
  await page.keyboard.press('3');
  await page.waitForTimeout(200);
  const n = Number((await page.locator('[data-role="marked-count"]').innerText()).match(/^(\d+) of/)[1]);
  assert.equal(n, 3);
  assert.equal(Number(await page.locator('.meeting-bar [data-role="marks-count"]').innerText()), n, 'the Marks button says the same');
  assert.equal(await page.locator('h1').count(), 1, 'meeting mode has an h1');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('filters fold behind "Filters (n)" on narrow screens only (a report’s and the list’s); dates are ISO', async () => {
  // The report's filter panel at 360 px: folded, the report starts on the first screen.
  for (const scheme of ['light', 'dark']) {
    const page = await newPage(browser, { colorScheme: scheme, viewport: { width: 360, height: 800 } });
    await pasteReading(page);
    const toggle = page.locator('.filterbar [data-role="filters-toggle"]');
    assert.ok(await toggle.isVisible());
    assert.equal(await toggle.innerText(), 'Filters (0)');
    assert.equal(await page.locator('.filterbar .filter-row:not(.search-row)').first().isVisible(), false);
    const panel = await page.locator('.filterbar').evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(panel < 160, `folded panel ${panel}px`);
    await page.locator('.filterbar').evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 60));
    await screenshot(page, `reading-filters-folded-360-${scheme}`);
    await toggle.click();
    await page.locator('[data-filter="severity"][data-value="important"]').first().click();
    await page.waitForURL(/sev=important/);
    assert.equal(await toggle.innerText(), 'Filters (1)');
    await page.locator('.filterbar').evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 60));
    await screenshot(page, `reading-filters-open-360-${scheme}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scroll (${overflow}px)`);
    assert.deepEqual(unexpectedProblems(page), []);
    await page.context().close();
  }
  // Wide screens (1280 px): a report's facet rows and the list's filters show without a click,
  // and there is no toggle.
  for (const scheme of ['light', 'dark']) {
    const page = await newPage(browser, { colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    await pasteReading(page);
    assert.equal(await page.locator('.filterbar [data-role="filters-toggle"]').isVisible(), false, 'no toggle at 1280 px');
    const names = await page.locator('.filterbar .facet-name').evaluateAll((ns) => ns.filter((n) => n.offsetParent).map((n) => n.textContent.trim()));
    for (const facet of ['Severity', 'Status', 'Agent', 'Kind']) assert.ok(names.includes(facet), `the ${facet} row shows: ${names}`);
    assert.ok(await page.locator('[data-filter="severity"][data-value="important"]').first().isVisible());
    await page.locator('.filterbar').evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 60));
    await screenshot(page, `reading-filters-1280-${scheme}`);
    await page.goto(server.url + '/');
    await settle(page);
    await page.locator('[data-role="thread-table"]').waitFor();
    assert.equal(await page.locator('.index-filters [data-role="filters-toggle"]').isVisible(), false);
    for (const f of ['repo', 'verdict', 'from', 'to']) {
      assert.ok(await page.locator(`[data-filter="${f}"]`).isVisible(), `list filter ${f} visible at 1280 px`);
    }
    await screenshot(page, `reading-index-filters-1280-${scheme}`);
    assert.deepEqual(unexpectedProblems(page), []);
    await page.context().close();
  }
  // The list at 360 px: folded behind "Filters (n)", the search stays.
  {
    const page = await newPage(browser, { viewport: { width: 360, height: 800 } });
    await page.goto(server.url + '/?repo=harbor-tools/quayside');
    await settle(page);
    await page.locator('[data-role="thread-table"]').waitFor();
    const toggle = page.locator('.index-filters [data-role="filters-toggle"]');
    assert.equal(await toggle.innerText(), 'Filters (1)');
    // A filter set by the address opens the panel; folding hides all but the search.
    assert.ok(await page.locator('[data-filter="repo"]').isVisible());
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    for (const f of ['repo', 'verdict', 'from', 'to']) {
      assert.equal(await page.locator(`[data-filter="${f}"]`).isVisible(), false, `${f} folded at 360 px`);
    }
    assert.ok(await page.locator('[data-filter="q"]').isVisible(), 'the search stays');
    const panel = await page.locator('.index-filters').evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(panel < 130, `folded list filters ${panel}px`);
    await screenshot(page, 'reading-index-filters-folded-360-light');
    await toggle.click();
    assert.ok(await page.locator('[data-filter="to"]').isVisible());
    assert.deepEqual(unexpectedProblems(page), []);
    await page.context().close();
  }
  // The list's dates are typed as ISO.
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + '/');
  await settle(page);
  await page.locator('[data-role="thread-table"]').waitFor();
  const from = page.locator('[data-filter="from"]');
  assert.equal(await from.getAttribute('type'), 'text');
  assert.equal(await from.getAttribute('placeholder'), 'YYYY-MM-DD');
  await from.fill('2026-08-15');
  await from.press('Enter');
  await from.blur();
  await page.waitForURL(/from=2026-08-15/);
  assert.equal(await from.inputValue(), '2026-08-15');
  const dates = await page.locator('[data-role="thread-table"] tbody time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  assert.ok(dates.length > 0 && dates.every((d) => d >= '2026-08-15'), `dates shown: ${dates}`);
  await from.fill('08/15/2026');
  await from.blur();
  assert.match(page.url(), /from=2026-08-15/, 'a non-ISO date is not applied');
  // What the browser shows in the date fields is the ISO form too (no mm/dd/yyyy widget).
  assert.equal(await page.locator('.index-filters input[type="date"]').count(), 0);
  assert.deepEqual(unexpectedProblems(page), []);
});

/** The focused element is a report link of the list. */
const onReportLink = (page) =>
  page.evaluate(() => document.activeElement?.tagName === 'A' && !!document.activeElement.closest('.thread-line, .round-step, tr[data-thread]'));

test('tab stops before the first report link at 1280 px: one through the skip link, and counted without it', async () => {
  for (const layout of ['table', 'cards']) {
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/?layout=${layout}`);
    await settle(page);
    await page.locator('[data-thread]').first().waitFor();
    // The first stop is the skip link; following it, the next stop is the first report link.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to the reports');
    assert.ok(await page.evaluate(() => document.activeElement.getBoundingClientRect().left >= 0), 'the skip link shows when focused');
    await screenshot(page, `reading-skip-link-${layout}-1280-light`);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reports');
    assert.ok(!page.url().includes('#'), 'the address keeps no #reports');
    await page.keyboard.press('Tab');
    assert.ok(await onReportLink(page), `${layout}: the stop after the skip link is the first report link`);
    const first = await page.evaluate(() => document.activeElement.getAttribute('href'));
    // Without it: every stop of the top bar, the filters (all shown at this width), the layout
    // switch and the sort. The same first link.
    await page.goto(`${server.url}/?layout=${layout}`);
    await settle(page);
    await page.locator('[data-thread]').first().waitFor();
    let stops = 0;
    for (; stops < 30; stops++) {
      await page.keyboard.press('Tab');
      if (await onReportLink(page)) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), first);
    // skip link, brand, Open files, ?, theme, Agent scoreboard, repository, verdict, from, to,
    // search, the other layout, (table) the sort.
    assert.ok(stops <= (layout === 'table' ? 13 : 12), `${layout}: ${stops} tab stops before the first report link`);
    assert.deepEqual(unexpectedProblems(page), []);
    await page.context().close();
  }
});

/** Every screen, with what shows it is ready: [name, URL on the bundled server, selector]. */
function everyScreen() {
  const pr412 = bundled.reports.filter((r) => r.pr?.number === 412).sort((a, b) => a.round.number - b.round.number);
  const [r2, r3] = [pr412[1], pr412[2]].map((r) => `reviews/${r.path}`);
  return [
    ['list (timeline)', `${bundledServer.url}/`, '[data-thread]'],
    ['list (table)', `${server.url}/`, '[data-role="thread-table"]'],
    ['report', `${bundledServer.url}/?src=${r3}`, 'article[data-finding-id]'],
    ['document', `${server.url}/?src=reviews/${index.documents[0].path}`, '[data-role="document"]'],
    ['diff', `${bundledServer.url}/?view=diff&src=${r3}&compare=${r2}`, '[data-diff]'],
    ['meeting', `${bundledServer.url}/?view=meeting&src=${r3}`, '[data-role="marked-count"]'],
    ['scoreboard', `${bundledServer.url}/?view=agents`, '[data-role="scoreboard"]'],
  ];
}

test('a clean load of every screen logs no console warning or error (the preload `integrity` one included)', async () => {
  for (const [name, url, ready] of everyScreen()) {
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    const messages = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') messages.push(`${m.type()}: ${m.text()}`);
    });
    await page.goto(url);
    await page.locator(ready).first().waitFor();
    await settle(page);
    await page.waitForTimeout(300);
    assert.deepEqual(messages, [], `${name}: no console warnings`);
    assert.ok(!messages.some((m) => /integrity/.test(m)), `${name}: no preload integrity warning`);
    assert.deepEqual(unexpectedProblems(page), [], name);
    await page.context().close();
  }
  // The page asks for nothing the browser would warn about: no <link rel=preload> with an
  // integrity attribute (Chromium ignores it for destinations without SRI, `fetch` of the wasm,
  // and says so; a `modulepreload` of the script keeps its integrity).
  const html = await (await fetch(bundledServer.url + '/')).text();
  const links = html.match(/<link[^>]*>/g) ?? [];
  const preloads = links.filter((l) => /\brel="?preload\b/.test(l));
  assert.ok(preloads.length >= 1, 'the wasm is preloaded');
  assert.deepEqual(preloads.filter((l) => /integrity=/.test(l)), [], 'no preload with integrity');
});

test('the copy-link message does not wrap the tool row', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${bundledServer.url}/?src=reviews/${bundled.reports.at(-1).path}`);
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await page.reload();
    await page.locator('article[data-finding-id]').first().waitFor();
    await settle(page);
    const row = page.locator('.report-tools').first();
    const before = await row.evaluate((e) => e.getBoundingClientRect().height);
    await row.locator('[data-role="copy-link"]').click();
    await row.locator('[data-role="link-status"]', { hasText: 'copied' }).waitFor();
    const after = await row.evaluate((e) => e.getBoundingClientRect().height);
    assert.equal(after, before, `${width}px: the tool row keeps its height`);
    await screenshot(page, `reading-copy-link-${width}-light`);
  }
  assert.deepEqual(unexpectedProblems(page), []);
});

test('axe: zero violations of any impact on the list, a report, a document, the diff, meeting mode and the scoreboard, both themes, 1280 and 360 px', async () => {
  for (const [colorScheme, width] of [['light', 1280], ['dark', 1280], ['light', 360], ['dark', 360]]) {
    for (const [name, url, ready] of everyScreen()) {
      const page = await newPage(browser, { colorScheme, viewport: { width, height: 800 } });
      await page.goto(url);
      await page.locator(ready).first().waitFor();
      await settle(page);
      assert.deepEqual(await a11yViolations(page), [], `${name}, ${colorScheme}, ${width} px`);
      await page.context().close();
    }
    if (width !== 1280) continue;
    const page = await newPage(browser, { colorScheme });
    await pasteReading(page);
    assert.deepEqual(await a11yViolations(page), [], `pasted report with appendix and | | | tables, ${colorScheme}`);
    await page.context().close();
  }
});
