// Issue 11 item 7: `?src=` downloads are read as a stream and counted, can be cancelled, and a
// silent server is called out. A local server answers with a body over the 50 MB limit (no
// Content-Length, and an announced one), a trickle, and headers followed by silence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, settle, unexpectedProblems } from './harness.mjs';
import { generate } from '../../bench/shapes.mjs';

const MB = 1 << 20;
const HEAD = '# Deep Review: 20260901-120000-limits\n\n';

// What each route saw: bytes sent, and whether the browser hung up before the end.
const seen = {};
function track(name, req, res) {
  const s = (seen[name] = { sent: 0, closedEarly: false, done: false });
  res.on('close', () => {
    if (!s.done) s.closedEarly = true;
  });
  return s;
}

const routes = {
  // 300 MB with no Content-Length: only counting while reading can stop it.
  '/huge.md': async (req, res) => {
    const s = track('huge', req, res);
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
    const chunk = Buffer.alloc(MB, 'x\n'.repeat(MB / 2));
    res.write(HEAD);
    while (s.sent < 300 * MB && !s.closedEarly) {
      if (!res.write(chunk)) await new Promise((ok) => res.once('drain', ok).once('close', ok));
      s.sent += MB;
    }
    s.done = !s.closedEarly;
    res.end();
  },
  // Announces 60 MB, sends a little, then waits.
  '/announced.md': (req, res) => {
    track('announced', req, res);
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8', 'content-length': String(60 * MB) });
    res.write(HEAD);
  },
  // A byte every 200 ms: a slow download that never finishes in a test's time.
  '/trickle.md': (req, res) => {
    const s = track('trickle', req, res);
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
    res.write(HEAD);
    const timer = setInterval(() => {
      if (s.closedEarly) return clearInterval(timer);
      res.write('x');
      s.sent += 1;
    }, 200);
    res.on('close', () => clearInterval(timer));
  },
  // 100 findings naming 50 locations each (bench/shapes.mjs `locations`).
  '/locations.md': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
    res.end(generate('locations', 100 * 50 * 24));
  },
  // One finding whose body is a table of 4,600 rows (bench/shapes.mjs `table`, 120 KB).
  '/table.md': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
    res.end(generate('table', 120 * 1024));
  },
  // One finding whose 150 KB body (rendered a piece at a time) ends with a `file:line` span.
  '/long-body.md': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
    const text = generate('paragraph', 150 * 1024);
    const at = text.lastIndexOf('`buf`');
    res.end(text.slice(0, at) + '`src/lib.rs:10`' + text.slice(at + '`buf`'.length));
  },
  // Headers and a first line, then nothing at all.
  '/stalled.md': (req, res) => {
    track('stalled', req, res);
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
    res.write(HEAD);
  },
};

let server, browser;
before(async () => {
  server = await serve({}, routes);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Aborted downloads log a network error in the console; nothing else may.
const ABORTED = [/net::ERR_|Failed to load resource|aborted/i];

async function alertText(page) {
  const alert = page.locator('[role="alert"]').first();
  await alert.waitFor({ timeout: 60000 });
  return alert.innerText();
}

test('a body over the size limit is refused while it streams, with a message', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${encodeURIComponent('/huge.md')}`);
  const msg = await alertText(page);
  assert.match(msg, /\/huge\.md is over the 50 MB limit: the download was stopped there/);
  // The browser hung up: the server never got to send all 300 MB (socket buffers take some
  // megabytes past the limit).
  for (let i = 0; i < 50 && !seen.huge.closedEarly; i++) await page.waitForTimeout(100);
  assert.ok(seen.huge.closedEarly, `the download was stopped (sent ${seen.huge.sent / MB} MB)`);
  assert.ok(seen.huge.sent < 300 * MB);
  assert.equal(await page.locator('[data-role="loading"]').count(), 0, 'no loading line left');
  assert.deepEqual(unexpectedProblems(page, ABORTED), []);
  await page.context().close();
});

test('an announced size over the limit is refused before the body is read', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${encodeURIComponent('/announced.md')}`);
  const msg = await alertText(page);
  assert.match(msg, /\/announced\.md is 60\.0 MB, over the 50 MB limit/);
  assert.deepEqual(unexpectedProblems(page, ABORTED), []);
  await page.context().close();
});

test('Cancel stops a slow download and keeps the review on screen', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${encodeURIComponent('reviews/20260714-102241-pr-412.md')}`);
  await page.locator('article[data-finding-id]').first().waitFor({ timeout: 60000 });
  await settle(page);
  const cards = await page.locator('article[data-finding-id]').count();
  const title = await page.title();
  // An in-page link to a report on a slow server (the router handles it without a reload).
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = `?src=${encodeURIComponent('/trickle.md')}`;
    a.textContent = 'slow report';
    document.body.append(a);
    a.click();
  });
  const loading = page.locator('[data-role="loading"]');
  await loading.waitFor({ timeout: 10000 });
  assert.match(await loading.innerText(), /Loading \/trickle\.md/);
  await page.waitForTimeout(600);
  assert.ok(seen.trickle.sent > 0, 'bytes were arriving');
  assert.equal(await page.locator('article[data-finding-id]').count(), cards, 'the review stays while loading');
  await loading.getByRole('button', { name: 'Cancel' }).click();
  const msg = await alertText(page);
  assert.match(msg, /Loading \/trickle\.md was cancelled/);
  assert.equal(await loading.count(), 0, 'the loading line is gone');
  assert.equal(await page.locator('article[data-finding-id]').count(), cards, 'the review is still on screen');
  assert.equal(await page.title(), title);
  for (let i = 0; i < 50 && !seen.trickle.closedEarly; i++) await page.waitForTimeout(100);
  assert.ok(seen.trickle.closedEarly, 'the download was stopped');
  assert.deepEqual(unexpectedProblems(page, ABORTED), []);
  await page.context().close();
});

test('a server that goes silent is called out, and Cancel ends the wait', async () => {
  const page = await newPage(browser);
  // The stall time is 20 s; the test shortens it (src/app/loader.rs STALL_KEY).
  await page.addInitScript(() => localStorage.setItem('deep-review:stall-ms', '1500'));
  const t0 = Date.now();
  await page.goto(`${server.url}/?src=${encodeURIComponent('/stalled.md')}`);
  const note = page.locator('[data-role="loading"] .progress-note');
  await note.waitFor({ timeout: 15000 });
  assert.ok(Date.now() - t0 >= 1500, 'not before the stall time');
  assert.match(await note.innerText(), /No data from \/stalled\.md for \d+ s; the server may be slow or stuck/);
  await page.locator('[data-role="loading"]').getByRole('button', { name: 'Cancel' }).click();
  assert.match(await alertText(page), /Loading \/stalled\.md was cancelled/);
  assert.equal(await note.count(), 0);
  assert.deepEqual(unexpectedProblems(page, ABORTED), []);
  await page.context().close();
});

test('a finding with many locations lists 20 and shows the rest on request', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${encodeURIComponent('/locations.md')}`);
  const card = page.locator('article[data-finding-id="I1"]');
  await card.waitFor({ timeout: 60000 });
  await settle(page);
  const list = card.locator('ul.locations');
  assert.equal(await list.locator('li code').count(), 20);
  const more = list.getByRole('button', { name: 'Show all 50 locations (30 more)' });
  await more.click();
  await page.waitForFunction(() => document.querySelectorAll('article[data-finding-id="I1"] ul.locations li code').length === 50);
  assert.equal(await more.count(), 0, 'the button is gone once all are shown');
  const texts = await list.locator('li code').allInnerTexts();
  assert.equal(texts[0], 'src/m7/f0.rs:1');
  assert.equal(texts[49], 'src/m56/f49.rs:50');
  assert.deepEqual(unexpectedProblems(page), []);
  await page.context().close();
});

test('a long table is shown whole, in parts that share one header', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${encodeURIComponent('/table.md')}`);
  const card = page.locator('article[data-finding-id="I1"]');
  await card.waitFor({ timeout: 60000 });
  await settle(page);
  const body = card.locator('.md').first();
  if (!(await body.count())) await card.locator('button[aria-expanded]').first().click();
  await page.waitForFunction(() => {
    const md = document.querySelector('article[data-finding-id="I1"] .md');
    return md && md.getAttribute('aria-busy') !== 'true' && md.querySelector('table');
  }, null, { timeout: 60000, polling: 100 });
  const rows = Math.ceil((120 * 1024) / '| `a.rs` | 12 | x | yes |\n'.length);
  const shape = await body.evaluate((md) => {
    const tables = [...md.querySelectorAll('table')];
    return {
      tables: tables.length,
      rows: tables.reduce((n, t) => n + t.querySelectorAll('tbody tr').length, 0),
      visibleHeads: tables.filter((t) => t.tHead && !t.tHead.classList.contains('visually-hidden')).length,
      heads: tables.filter((t) => t.tHead?.innerText.trim().startsWith('file')).length,
      widths: [...new Set(tables.slice(0, 3).map((t) => Math.round(t.getBoundingClientRect().width)))].length,
    };
  });
  assert.equal(shape.rows, rows, 'every row of the table is shown once');
  assert.ok(shape.tables > 10, `the table comes in parts (${shape.tables})`);
  assert.equal(shape.visibleHeads, 1, 'one visible header row');
  assert.equal(shape.heads, shape.tables, 'every part names its columns (for screen readers)');
  assert.equal(shape.widths, 1, 'the parts are as wide as each other');
  assert.deepEqual(unexpectedProblems(page), []);
  await page.context().close();
});

test('a long body rendered a piece at a time still links its code spans', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/?src=${encodeURIComponent('/long-body.md')}`);
  const card = page.locator('article[data-finding-id="I1"]');
  await card.waitFor({ timeout: 60000 });
  await settle(page);
  if (!(await card.locator('.md').count())) await card.locator('button[aria-expanded]').first().click();
  await page.waitForFunction(() => {
    const md = document.querySelector('article[data-finding-id="I1"] .md');
    return md && md.getAttribute('aria-busy') !== 'true' && md.querySelector('p');
  }, null, { timeout: 60000, polling: 100 });
  const body = card.locator('.md').first();
  assert.ok((await body.locator('p').count()) > 5, 'the body came in parts');
  const link = body.locator('a.code-ref', { hasText: 'src/lib.rs:10' });
  assert.equal(await link.count(), 1, 'the code span in the last piece is a link');
  assert.match(await link.getAttribute('href'), /^https:\/\/github\.com\/acme\/shape\/blob\/.*src\/lib\.rs#L10$/);
  assert.deepEqual(unexpectedProblems(page), []);
  await page.context().close();
});
