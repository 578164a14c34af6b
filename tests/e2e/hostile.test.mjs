// Issue 6: security. The Content-Security-Policy is in force and never violated, and a report
// whose every field carries OWASP XSS filter-evasion payloads (gen/hostile.mjs) executes
// nothing and shows the payloads as text — opened through the file input, ?src= and #z=.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, stop, newPage, settle, ROOT, unexpectedProblems } from './harness.mjs';
import { hostileReport, PAYLOADS } from './gen/hostile.mjs';
import { zFragment } from './gen/zlink.mjs';
import { expandAll } from './gen/probes.mjs';

const REPORT = hostileReport();
let server, browser, dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drv-hostile-'));
  await writeFile(join(dir, 'hostile.md'), REPORT);
  ({ server, browser } = await start({ fixtures: dir }));
});
after(() => stop(server, browser));

/** A page that records XSS markers and every CSP violation from its very first script on. */
async function guardedPage() {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    window.__xss = 0;
    window.__csp = [];
    addEventListener(
      'securitypolicyviolation',
      (e) => window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample || ''}`),
      true,
    );
  });
  return page;
}

async function assertNoCspViolation(page, where) {
  assert.deepEqual(await page.evaluate(() => window.__csp), [], `${where}: securitypolicyviolation events`);
  const cspConsole = page.problems.filter((p) => /Content Security Policy|Refused to/i.test(p));
  assert.deepEqual(cspConsole, [], `${where}: CSP console errors`);
}

const bundled = JSON.parse(await readFile(join(ROOT, 'public/reviews/index.json'), 'utf8')).reports[0];

test('the CSP meta is the first thing in <head> and names every directive of DESIGN §6', async () => {
  const page = await guardedPage();
  await page.goto(server.url + '/');
  const { first, policy } = await page.evaluate(() => ({
    first: document.head.firstElementChild?.outerHTML,
    policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content,
  }));
  assert.ok(policy, 'a Content-Security-Policy <meta> exists');
  assert.match(first, /http-equiv="Content-Security-Policy"/, 'it is the first child of <head>');
  const d = Object.fromEntries(policy.split(';').map((s) => s.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(d['default-src'], ["'self'"]);
  assert.deepEqual(d['script-src'].slice(0, 2), ["'self'", "'wasm-unsafe-eval'"]);
  assert.ok(d['script-src'].slice(2).every((v) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(v)), 'only hashes added');
  assert.ok(!policy.includes('unsafe-inline') && !/'unsafe-eval'/.test(policy), 'no unsafe-inline / unsafe-eval');
  assert.deepEqual(d['object-src'], ["'none'"]);
  assert.deepEqual(d['base-uri'], ["'none'"]);
  assert.deepEqual(d['form-action'], ["'none'"]);
  assert.deepEqual(d['img-src'], ["'self'", 'data:']);
  assert.deepEqual(d['connect-src'], ["'self'", 'https:', 'http:']);
  // Every inline script of the page is covered by a hash (none would run otherwise).
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
  assert.ok(d['script-src'].length - 2 >= inline, `${inline} inline scripts, ${d['script-src'].length - 2} hashes`);
});

test('no CSP violation across a normal load of the index and a report', async () => {
  const page = await guardedPage();
  await page.goto(server.url + '/');
  await page.locator('a[href*="src="]').first().waitFor();
  await settle(page);
  await assertNoCspViolation(page, 'index');
  await page.goto(`${server.url}/?src=${encodeURIComponent('reviews/' + bundled.path)}`);
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);
  await expandAll(page); // bodies, code blocks, links
  await page.waitForTimeout(300);
  await assertNoCspViolation(page, 'report');
  // The app really runs under the policy: a blocked probe proves the listener sees violations.
  const probe = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__probe = 1';
    document.head.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return { ran: window.__probe === 1, seen: window.__csp.length };
  });
  assert.equal(probe.ran, false, 'an injected inline script is blocked');
  assert.ok(probe.seen >= 1, 'and reported as a securitypolicyviolation');
  assert.deepEqual(unexpectedProblems(page, [/Content Security Policy|Refused to/]), []);
});

/** Everything a payload would need to run, looked for inside the page's body. */
function dangerousDom() {
  const bad = [];
  const okUrl = (v) => {
    const s = v.trim().replace(/[\u0000-\u0020]/g, '');
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s);
    return !scheme || ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
  };
  const forbidden = 'script,iframe,frame,frameset,object,embed,base,meta,link,style,isindex,bgsound,xml,template,marquee,video,audio';
  for (const el of document.body.querySelectorAll(forbidden)) bad.push(`<${el.localName}> element`);
  for (const el of document.body.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) bad.push(`${el.localName}[${n}]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'dynsrc', 'lowsrc', 'srcset'].includes(n) && !okUrl(a.value)) {
        bad.push(`${el.localName}[${n}=${a.value.slice(0, 60)}]`);
      }
      if (n === 'srcdoc') bad.push(`${el.localName}[srcdoc]`);
      if (n === 'style' && /url\(|expression|javascript|behavior/i.test(a.value)) bad.push(`${el.localName}[style=${a.value.slice(0, 60)}]`);
    }
  }
  return bad;
}

async function assertInert(page, how) {
  await page.locator('article[data-finding-id]').first().waitFor({ timeout: 30000 });
  await settle(page);
  await expandAll(page);
  // Sweep the pointer over the page and tab through it: hover and focus handlers would fire.
  for (let y = 10; y < 900; y += 60) await page.mouse.move(640, y);
  for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
  await page.waitForTimeout(500);

  assert.equal(await page.evaluate(() => window.__xss), 0, `${how}: window.__xss stays 0`);
  assert.deepEqual(page.dialogs, [], `${how}: no dialog`);
  await assertNoCspViolation(page, how);
  assert.deepEqual(unexpectedProblems(page), [], `${how}: no console or page errors`);
  assert.deepEqual(await page.evaluate(dangerousDom), [], `${how}: no executable markup in the page`);

  // Shown as text: every payload verbatim (the catalogue code block), and raw HTML in prose.
  const text = await page.evaluate(() => document.body.textContent);
  const missing = PAYLOADS.filter((p) => !text.includes(p.text.replaceAll('```', "'''"))).map((p) => p.n);
  assert.deepEqual(missing, [], `${how}: payloads shown verbatim`);
  const prose = await page.evaluate(() => {
    const main = document.body.cloneNode(true);
    main.querySelectorAll('pre, code').forEach((e) => e.remove());
    return main.textContent;
  });
  assert.ok(prose.includes('<SCRIPT>alert(1)</SCRIPT>'), `${how}: raw HTML in prose shown as text`);
}

test('hostile report through the file input', async () => {
  const page = await guardedPage();
  await page.goto(server.url + '/');
  await settle(page);
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({ name: 'hostile.md', mimeType: 'text/markdown', buffer: Buffer.from(REPORT) });
  await assertInert(page, 'file input');
});

test('hostile report through ?src=', async () => {
  const page = await guardedPage();
  await page.goto(`${server.url}/?src=${encodeURIComponent('/fixtures/hostile.md')}`);
  await assertInert(page, '?src=');
});

test('hostile report through #z=', async () => {
  const page = await guardedPage();
  await page.goto(`${server.url}/#${zFragment(REPORT)}`);
  await assertInert(page, '#z=');
});

// DESIGN §6: raw HTML is shown as text — in titles too, not dropped. Every finding title of the
// generated report is non-empty Markdown made of payloads.
test('raw HTML in finding titles is shown as text, not dropped', async () => {
  const page = await guardedPage();
  await page.goto(`${server.url}/?src=${encodeURIComponent('/fixtures/hostile.md')}`);
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);
  // textContent: cards off screen skip rendering (content-visibility), innerText would be empty.
  const titles = await page.locator('article[data-finding-id] [data-role="title"]').allTextContents();
  const empty = titles.filter((t) => !t.trim()).length;
  assert.equal(empty, 0, `${empty} of ${titles.length} finding titles are empty`);
  assert.ok(titles.some((t) => /<script>/i.test(t)), 'a <script> title shows its tag as text');
});

test('hostile ?src= values are refused with an alert, nothing fetched or run', async () => {
  for (const src of ['javascript:window.__xss=1', 'JaVaScRiPt:alert(1)', 'data:text/markdown,%23%20Deep%20Review%3A%20x', 'vbscript:msgbox(1)', ' javascript:alert(1)']) {
    const page = await guardedPage();
    await page.goto(`${server.url}/?src=${encodeURIComponent(src)}`);
    await page.locator('[role="alert"]').first().waitFor();
    assert.ok((await page.locator('[role="alert"]').first().innerText()).trim().length > 10, `${src}: the alert says why`);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__xss), 0, src);
    assert.deepEqual(page.dialogs, [], src);
    await assertNoCspViolation(page, src);
    await page.context().close();
  }
});

// CommonMark ends a <script>/<pre>/<style>/<textarea> HTML block at its end tag in any case.
// If the end tag is matched case-sensitively, one upper-case line hides the rest of the report
// (GitHub still shows it): a reader of the viewer would miss findings.
test('an upper-case <STYLE> line in a finding body hides no later finding', async () => {
  // A bundled G4 report: flat `## Suggestions` before the appendix.
  const good = await readFile(join(ROOT, 'public/reviews/20260714-102241-pr-412.md'), 'utf8');
  const trick = good.replace('\n## Suggestions\n', '\n<STYLE>p { color: red }</STYLE>\n\n## Suggestions\n');
  assert.notEqual(trick, good, 'the report has a Suggestions section to put the line before');
  const page = await guardedPage();
  await page.goto(server.url + '/');
  await settle(page);
  const input = page.locator('input[type="file"]').first();
  await input.setInputFiles({ name: 'plain.md', mimeType: 'text/markdown', buffer: Buffer.from(good) });
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);
  const plain = await page.locator('article[data-finding-id]').count();
  await page.goto(server.url + '/');
  await settle(page);
  await input.setInputFiles({ name: 'style.md', mimeType: 'text/markdown', buffer: Buffer.from(trick) });
  await page.locator('article[data-finding-id]').first().waitFor();
  await settle(page);
  assert.equal(await page.locator('article[data-finding-id]').count(), plain, 'same number of cards');
});
