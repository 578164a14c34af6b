// The screenshots of docs/screenshots/: the report list, a report, the round diff and meeting
// mode at 1280 and 360 px, light and dark, over the bundled reports and the release build
// (dist/). Run after `trunk build --release`:
//
//   node tests/e2e/screenshots.mjs [OUT_DIR]      (default docs/screenshots)
//
// The first screen of each, as a reader sees it on arrival (no full-page captures).
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { start, stop, newPage, settle, ROOT } from './harness.mjs';

const out = resolve(process.argv[2] ?? join(ROOT, 'docs/screenshots'));
const bundled = JSON.parse(await readFile(join(ROOT, 'public/reviews/index.json'), 'utf8'));
const pr412 = bundled.reports.filter((r) => r.pr?.number === 412).sort((a, b) => a.round.number - b.round.number);
const [, r2, r3] = pr412.map((r) => `reviews/${r.path}`);

const SCREENS = [
  ['index', '/', '[data-thread]'],
  ['report', `/?src=${r3}`, 'article[data-finding-id]'],
  ['diff', `/?view=diff&src=${r3}&compare=${r2}`, '[data-diff]'],
  ['meeting', `/?view=meeting&src=${r3}`, '[data-role="marked-count"]'],
];

await mkdir(out, { recursive: true });
const { server, browser } = await start();
try {
  for (const [name, path, ready] of SCREENS) {
    for (const width of [1280, 360]) {
      for (const colorScheme of ['light', 'dark']) {
        const page = await newPage(browser, { colorScheme, viewport: { width, height: 800 } });
        await page.goto(server.url + path);
        await page.locator(ready).first().waitFor();
        await settle(page);
        // The focus ring of a heading that took the focus on arrival is not part of the look.
        await page.evaluate(() => document.activeElement?.blur());
        const file = join(out, `${name}-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file });
        if (page.problems.length) console.error(`${name} ${width} ${colorScheme}:`, page.problems);
        console.log(file);
        await page.context().close();
      }
    }
  }
} finally {
  await stop(server, browser);
}
