#!/usr/bin/env node
// Content-Security-Policy for the built app (DESIGN.md §6), as a Trunk post_build hook:
//
//   [[hooks]]
//   stage = "post_build"
//   command = "node"
//   command_arguments = ["scripts/csp.mjs"]
//
// Trunk runs it after writing the staged index.html ($TRUNK_STAGING_DIR/index.html). It hashes
// every inline <script> in that file (Trunk's wasm bootstrap; under `trunk serve` also Trunk's
// autoreload script) and puts the policy in a <meta http-equiv="Content-Security-Policy"> as the
// first child of <head>, replacing one that is already there. Run by hand on a built file:
//   node scripts/csp.mjs dist/index.html
//
// `trunk serve` rewrites two placeholders of its autoreload script in every HTML response
// ('{{__TRUNK_ADDRESS__}}' and {{__TRUNK_WS_BASE__}}), which would change the script after it was
// hashed. This hook fills them in first with the values Trunk would use (the page's own host, and
// the public URL as the WebSocket base), so the served script is the hashed one and serve mode
// needs no 'unsafe-inline'. The autoreload WebSocket is same-origin, which connect-src 'self'
// allows. Release builds contain no autoreload script and so no hash for it.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The policy, minus the script hashes. One source of truth: README "## Security" quotes it. */
export const POLICY = [
  ["default-src", "'self'"],
  ["script-src", "'self'", "'wasm-unsafe-eval'"],
  ["style-src", "'self'"],
  ["img-src", "'self'", 'data:'],
  // ?src= opens reports by absolute URL from any host (plain http for local servers too).
  ["connect-src", "'self'", 'https:', 'http:'],
  ["object-src", "'none'"],
  ["base-uri", "'none'"],
  ["form-action", "'none'"],
];

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;
const CSP_META = /<meta\s+http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\s*/gi;

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Fill in the placeholders `trunk serve` would otherwise replace per response. */
export function pinAutoreload(html, publicUrl = '/') {
  if (!html.includes('{{__TRUNK_ADDRESS__}}')) return html;
  let base = publicUrl.startsWith('/') ? publicUrl : '/';
  if (!base.endsWith('/')) base += '/';
  return html
    .replaceAll("'{{__TRUNK_ADDRESS__}}'", 'window.location.host')
    .replaceAll('`{{__TRUNK_ADDRESS__}}`', 'window.location.host')
    .replaceAll('{{__TRUNK_WS_BASE__}}', base);
}

/** The policy string for `html`: POLICY plus the hash of each inline script (and style). */
export function policyFor(html) {
  const scripts = [];
  for (const [, attrs, body] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(attrs)) continue;
    if (/\btype\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) continue; // data, not code
    scripts.push(sha256(body));
  }
  const styles = [...html.matchAll(STYLE)].map(([, body]) => sha256(body));
  return POLICY.map(([name, ...values]) => {
    const extra = name === 'script-src' ? scripts : name === 'style-src' ? styles : [];
    return [name, ...values, ...new Set(extra)].join(' ');
  }).join('; ');
}

/**
 * Trunk puts an `integrity` hash on its `<link rel="preload" as="fetch">` of the wasm file, which
 * Chromium ignores with a console warning on every load ("The `integrity` attribute is currently
 * ignored for preload destinations that do not support subresource integrity"). The hash does
 * nothing there (the bootstrap script fetches the wasm itself): drop it from such links only;
 * the module preload and script keep theirs.
 */
export function dropIgnoredIntegrity(html) {
  return html.replace(/<link\b[^>]*>/gi, (tag) =>
    /\brel\s*=\s*["']?preload\b/i.test(tag) && /\bas\s*=\s*["']?fetch\b/i.test(tag)
      ? tag.replace(/\s+integrity\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, '')
      : tag,
  );
}

/** `html` with its CSP <meta> (re)placed as the first child of <head>. */
export function withCsp(html, publicUrl) {
  const pinned = dropIgnoredIntegrity(pinAutoreload(html, publicUrl)).replace(CSP_META, '');
  const policy = policyFor(pinned);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const head = /<head\b[^>]*>/i.exec(pinned);
  if (!head) throw new Error('csp.mjs: no <head> element in the HTML; cannot place the CSP <meta>');
  const at = head.index + head[0].length;
  return { html: pinned.slice(0, at) + meta + pinned.slice(at), policy };
}

function main() {
  const file =
    process.argv[2] ||
    (process.env.TRUNK_STAGING_DIR && join(process.env.TRUNK_STAGING_DIR, 'index.html'));
  if (!file) {
    console.error('csp.mjs: give an HTML file, or run as a Trunk hook (TRUNK_STAGING_DIR unset)');
    process.exit(2);
  }
  const { html, policy } = withCsp(readFileSync(file, 'utf8'), process.env.TRUNK_PUBLIC_URL || '/');
  writeFileSync(file, html);
  console.log(`csp.mjs: ${file}: ${policy}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
