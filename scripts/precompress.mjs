#!/usr/bin/env node
// Precompressed assets, as a Trunk post_build hook (Trunk.toml):
//
//   [[hooks]]
//   stage = "post_build"
//   command = "node"
//   command_arguments = ["scripts/precompress.mjs"]
//
// In release builds ($TRUNK_PROFILE = release) it writes `NAME.br` (brotli, quality 11) and
// `NAME.gz` (gzip, level 9) beside every .wasm, .js and .css file of $TRUNK_STAGING_DIR, so a
// static server can send them as they are (README "Serving the build"; the e2e server in
// tests/e2e/harness.mjs does). index.html is left alone: scripts/csp.mjs, another post_build
// hook that Trunk may run at the same time, rewrites it, and it is 1 KB. Debug builds
// (`trunk serve`) are skipped: compressing 10 MB of debug wasm at quality 11 takes a minute.
// Node's own zlib does both formats: no extra tool. By hand on a built folder:
//   node scripts/precompress.mjs dist
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const EXTENSIONS = new Set(['.wasm', '.js', '.css']);

/** Writes `.br` and `.gz` beside each asset of `dir` (not recursive); returns what it wrote. */
export function precompress(dir) {
  const written = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (!EXTENSIONS.has(extname(name)) || !statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: extname(name) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(bytes, { level: 9 });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gz);
    written.push({ name, raw: bytes.length, gz: gz.length, br: br.length });
  }
  return written;
}

const argDir = process.argv[2];
const dir = argDir || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precompress: give a folder, or run as a Trunk hook ($TRUNK_STAGING_DIR)');
  process.exit(2);
}
if (!argDir && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
for (const { name, raw, gz, br } of precompress(dir)) {
  console.log(`precompress: ${name}: ${raw} bytes, ${gz} gzip, ${br} brotli`);
}
