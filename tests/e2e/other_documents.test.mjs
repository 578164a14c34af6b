// Issue 13: documents that are not Deep Reviews (a Supply Chain Scan, a weekly CI failure
// report) open as plain, safe Markdown by every way a report opens — the file picker, a drop on
// the page, the Paste report box, Ctrl+V, `?src=` — instead of being refused; a file that is
// empty or binary is still refused with a clear error, and the list stays on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, stop, newPage, settle, screenshot, unexpectedProblems, paste } from './harness.mjs';
import { SCAN, CI } from './gen/browse.mjs';

let server, browser, dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docs-'));
  await writeFile(join(dir, 'scan.md'), SCAN);
  await writeFile(join(dir, 'ci.md'), CI);
  ({ server, browser } = await start({ files: dir }));
});
after(async () => {
  await stop(server, browser);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const SCAN_TITLE = 'Supply Chain Scan: 20260801-031500-supply-chain';
const CI_TITLE = 'CI Failures: 2026-W31';

/** The document on screen is `title`, rendered as Markdown, inert, with no error beside it. */
async function assertDocument(page, title, how) {
  const doc = page.locator('[data-role="document"]');
  await doc.waitFor();
  await settle(page);
  assert.equal(await page.locator('[role="alert"]').count(), 0, `${how}: not refused`);
  assert.equal(await doc.locator('h1').innerText(), title, how);
  assert.match(await doc.locator('.document-kind').innerText(), /not a Deep Review: shown as plain Markdown/);
  assert.ok((await doc.locator('table').count()) >= 1, `${how}: tables rendered`);
  assert.ok((await doc.locator('h2').count()) >= 1, `${how}: headings rendered`);
  assert.equal(await page.evaluate(() => window.__scanInjected), undefined, `${how}: raw HTML not run`);
  assert.equal(await doc.locator('script, a[href^="javascript"]').count(), 0, `${how}: nothing active`);
  assert.equal(await page.locator('article[data-finding-id]').count(), 0, `${how}: no finding cards`);
}

test('a Supply Chain Scan opened with the file picker is shown, listed under Other documents, and kept across a reload', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await settle(page);
  await page.locator('input[type="file"]').first().setInputFiles({ name: 'scan.md', mimeType: 'text/markdown', buffer: Buffer.from(SCAN) });
  await page.waitForURL(/src=local(%3A|:)scan\.md/);
  await assertDocument(page, SCAN_TITLE, 'file picker');
  assert.ok((await page.locator('[data-role="document"]').innerText()).includes('<script>'), 'raw HTML shown as text');
  await screenshot(page, 'document-opened-file-1280-light');
  // A reload re-opens it from the tab's session, like a report.
  await page.reload();
  await assertDocument(page, SCAN_TITLE, 'after a reload');
  // The list names it (its own link, not an error under "Opened files").
  await page.goto(server.url + '/');
  await settle(page);
  const link = page.locator('[data-role="document-link"]', { hasText: SCAN_TITLE });
  await link.waitFor();
  assert.equal(await link.getAttribute('data-kind'), 'Supply Chain Scan');
  assert.equal(await page.locator('.local-error').count(), 0, 'no error entry');
  await link.locator('a').click();
  await assertDocument(page, SCAN_TITLE, 'from the list');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('a CI failure report dropped on the page is shown as a document', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await settle(page);
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'ci-w31.md', { type: 'text/markdown' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, CI);
  await page.waitForURL(/src=local(%3A|:)ci-w31\.md/);
  await assertDocument(page, CI_TITLE, 'drop');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('pasted documents open: the Paste report box and Ctrl+V', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 800 } });
  await page.goto(server.url + '/');
  await settle(page);
  await page.locator('[data-role="paste-text"]').fill(CI);
  await page.locator('[data-role="paste-open"]').click();
  await page.waitForURL(/src=local(%3A|:)pasted-ci-failures-2026-w31/);
  await assertDocument(page, CI_TITLE, 'paste box');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scroll at 360 px (${overflow}px)`);
  await screenshot(page, 'document-pasted-360-light');

  await page.goto(server.url + '/');
  await settle(page);
  await paste(page, SCAN);
  await page.waitForURL(/pasted-supply-chain-scan-20260801-031500-supply-chain/);
  await assertDocument(page, SCAN_TITLE, 'Ctrl+V');
  assert.deepEqual(unexpectedProblems(page), []);
});

test('?src= of a document shows it, in both themes', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await newPage(browser, { colorScheme });
    await page.goto(`${server.url}/?src=${encodeURIComponent('/files/scan.md')}`);
    await assertDocument(page, SCAN_TITLE, `?src= (${colorScheme})`);
    assert.equal(await page.title(), `${SCAN_TITLE} · Deep Review Viewer`);
    await page.goto(`${server.url}/?src=${encodeURIComponent('/files/ci.md')}`);
    await assertDocument(page, CI_TITLE, `?src= (${colorScheme})`);
    assert.deepEqual(unexpectedProblems(page), []);
    await page.context().close();
  }
});

test('an empty or binary file is still refused with a clear error, and the list stays', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await settle(page);
  const cases = [
    ['empty.md', Buffer.alloc(0), /empty\.md/],
    ['blob.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0xfe, 0, 1, 2, 3]), /blob\.md/],
  ];
  for (const [name, buffer, names] of cases) {
    await page.locator('input[type="file"]').first().setInputFiles({ name, mimeType: 'text/markdown', buffer });
    const alert = page.locator('.status-area [role="alert"]', { hasText: name });
    await alert.first().waitFor();
    const text = await alert.first().innerText();
    assert.match(text, names);
    assert.ok(text.length > name.length + 20, `a sentence, not just the name: ${text}`);
    assert.equal(await page.locator('[data-role="document"]').count(), 0, `${name}: not shown as a document`);
    assert.ok(!/src=local/.test(page.url()), `${name}: stays on the list`);
    assert.ok(await page.locator('[data-thread]').first().isVisible(), `${name}: the list stays`);
    // Under "Opened files" the error is named once, not "x.md: x.md: …".
    const entry = page.locator('.local-error', { hasText: name });
    assert.ok(!(await entry.innerText()).includes(`${name}: ${name}`), await entry.innerText());
  }
  await screenshot(page, 'document-refused-1280-light');
  assert.deepEqual(unexpectedProblems(page), []);
});
