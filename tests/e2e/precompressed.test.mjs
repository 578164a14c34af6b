// Issue 12: the release build ships NAME.br and NAME.gz beside every wasm, JS and CSS file
// (scripts/precompress.mjs, a Trunk post_build hook), each the same bytes as the file once
// decompressed; served with Content-Encoding, the app still starts and shows the report list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { start, stop, newPage, settle, DIST, unexpectedProblems } from './harness.mjs';

let server, browser;
before(async () => ({ server, browser } = await start()));
after(() => stop(server, browser));

test('every wasm, JS and CSS file of the build has .br and .gz twins with the same content', async () => {
  // Recursive: scripts/build puts the wasm, its chunks and their JS in DIST/app-HASH/.
  const names = (await readdir(DIST, { recursive: true }))
    .filter((n) => ['.wasm', '.js', '.css'].includes(extname(n)) && !n.startsWith('reviews/'));
  assert.ok(names.some((n) => n.endsWith('_bg.wasm')), 'the build has a wasm file');
  for (const name of names) {
    const raw = await readFile(join(DIST, name));
    const br = await readFile(join(DIST, `${name}.br`));
    const gz = await readFile(join(DIST, `${name}.gz`));
    assert.ok(brotliDecompressSync(br).equals(raw), `${name}.br decompresses to ${name}`);
    assert.ok(gunzipSync(gz).equals(raw), `${name}.gz decompresses to ${name}`);
    if (raw.length > 4096) assert.ok(br.length < raw.length / 2, `${name}.br is compressed`);
  }
});

test('the app starts from compressed responses and decodes them', async () => {
  const page = await newPage(browser);
  const encodings = {};
  page.on('response', (r) => {
    const ext = extname(new URL(r.url()).pathname);
    if (['.wasm', '.js', '.css'].includes(ext)) encodings[new URL(r.url()).pathname] = r.headers()['content-encoding'];
  });
  await page.goto(server.url + '/');
  await settle(page);
  await page.locator('a[href*="src=reviews/"]').first().waitFor();
  const wasm = Object.keys(encodings).find((p) => p.endsWith('_bg.wasm'));
  assert.ok(wasm, 'the page fetched its wasm');
  assert.match(String(encodings[wasm]), /^(br|gzip)$/, 'the wasm came compressed');
  for (const [path, enc] of Object.entries(encodings)) assert.ok(enc, `${path} came compressed`);
  assert.deepEqual(unexpectedProblems(page), []);
});
