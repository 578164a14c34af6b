// Shared end-to-end harness: a static file server over the release build (dist/) with extra
// mounted folders, and Debian's Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.DIST_DIR || join(ROOT, 'dist');
export const CORPUS = resolve(ROOT, '../shared/corpus/lima');
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
};

/**
 * Serve `DIST` at `/`, plus each `mounts[prefix] = folder` at `/prefix/…`, plus each
 * `routes[path] = (req, res) => …` answering that exact path itself (slow, stalled or huge
 * responses). Resolves to { url, close }.
 */
export async function serve(mounts = {}, routes = {}) {
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (routes[path]) return await routes[path](req, res);
      let base = DIST;
      let rel = path;
      for (const [prefix, folder] of Object.entries(mounts)) {
        if (path.startsWith(`/${prefix}/`)) {
          base = folder;
          rel = path.slice(prefix.length + 1);
        }
      }
      let file = normalize(join(base, rel));
      if (!file.startsWith(normalize(base))) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      // The release build's precompressed twins (scripts/precompress.mjs), as README "Serving
      // the build" asks of a production server: brotli, else gzip, else the file itself.
      const accepts = String(req.headers['accept-encoding'] || '');
      let encoding = null;
      let body = null;
      for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']]) {
        if (body || !new RegExp(`\\b${enc}\\b`).test(accepts)) continue;
        body = await readFile(file + ext).catch(() => null);
        if (body) encoding = enc;
      }
      body ??= await readFile(file);
      // The framing headers Trunk.toml ships for `trunk serve` (README "Security").
      res.writeHead(200, {
        ...(encoding ? { 'content-encoding': encoding } : {}),
        vary: 'accept-encoding',
        'content-type': TYPES[extname(file)] || 'application/octet-stream',
        'content-security-policy': "frame-ancestors 'none'",
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' ? 404 : 500, { 'content-type': 'text/plain' });
      res.end(e.code === 'ENOENT' ? 'not found' : String(e));
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  // Closing also ends responses a route left hanging.
  const close = () =>
    new Promise((ok) => {
      for (const s of sockets) s.destroy();
      server.close(ok);
    });
  return { url: `http://127.0.0.1:${port}`, close };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new page that records console errors, page errors, CSP violations and dialogs.
 * `page.problems` lists them; tests assert it is empty.
 */
export async function newPage(browser, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  const page = await context.newPage();
  page.problems = [];
  page.dialogs = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => {
    page.dialogs.push(d.message());
    await d.dismiss();
  });
  return page;
}

/** Problems other than the expected network errors of a test that asks for a missing file. */
export function unexpectedProblems(page, allow = []) {
  return page.problems.filter((p) => !allow.some((re) => re.test(p)));
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

export const haveCorpus = existsSync(CORPUS);
export const haveDist = existsSync(join(DIST, 'index.html'));

/** Run the CLI (native, release): its JSON output parsed, or its text with `--format table`. */
export async function cli(...args) {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'deep-review', '--', ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  // `--format table` prints readable text; everything else prints JSON.
  return args.includes('table') ? out.toString() : JSON.parse(out.toString());
}

/** Wait until the app has finished loading (no progress indicator) and return. */
export async function settle(page) {
  // No loading line, and a report's parts below the findings mounted (they follow its first
  // paint; the report is `aria-busy` until then).
  await page.waitForFunction(
    () => !document.querySelector('[data-role="loading"], .report-main[aria-busy="true"]'),
    null,
    { timeout: 30000 },
  );
}

/** Paste `text` on the page as a user does (Ctrl+V anywhere outside a text box). */
export async function paste(page, text) {
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
}

/**
 * The round diff on screen: its rows (group, ids, evidence, relations, linked by hand, shown),
 * the counts in the header by group, and the summary sentence.
 */
export async function diffScreen(page) {
  await page.locator('[data-diff]').first().waitFor();
  const rows = await page.locator('li[data-diff]').evaluateAll((els) =>
    els.map((e) => ({
      diff: e.dataset.diff,
      id: e.dataset.findingId,
      earlier: e.dataset.earlierId ?? null,
      later: e.dataset.laterId ?? null,
      evidence: [...e.querySelectorAll('[data-role="evidence"] li')].map((li) => li.textContent),
      relations: [...e.querySelectorAll('[data-role="relation"]')].map((r) => `${r.dataset.relation} ${r.dataset.relationId}`),
      manual: e.dataset.manual === 'true',
      visible: e.offsetParent !== null,
    })),
  );
  const counts = Object.fromEntries(
    await page.locator('[data-diff-count]').evaluateAll((els) =>
      els.map((e) => [e.dataset.diffCount, Number(e.querySelector('[data-role="count"]').textContent)]),
    ),
  );
  const sentence = (await page.locator('[data-role="diff-summary"]').innerText()).trim();
  return { rows, counts, sentence };
}

let axeSource;
/**
 * axe-core's serious and critical violations on the page, one line each. axe is evaluated
 * through the devtools protocol, so it runs under the page's real CSP (no bypass needed).
 */
export async function seriousA11yViolations(page) {
  axeSource ??= await readFile(join(ROOT, 'tests/e2e/node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0].target})`);
  });
}

/**
 * The one server and browser of a test file: `({ server, browser } = await start(mounts))` in
 * its `before` hook, `stop(server, browser)` in its `after` hook. `mounts` as for `serve`.
 */
export async function start(mounts = {}) {
  const server = await serve(mounts);
  const browser = await launch();
  return { server, browser };
}

/** Closes what `start` opened (either may be missing when `start` failed). */
export async function stop(server, browser) {
  await browser?.close();
  await server?.close();
}
