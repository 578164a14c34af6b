// Hostile shapes from issue 11, one small valid G4 report around each. Deterministic.
//
//   node bench/shapes.mjs SHAPE SIZE > /tmp/shape.md
//
// SIZE is the size of the hostile part: a count for `backticks-*`, bytes (k/m suffix allowed)
// for the others. Shapes:
//   backticks-design   one run of SIZE backticks in a Design Observations item
//   backticks-commits  one run of SIZE backticks in the header's Commits cell
//   table              a GFM table of about SIZE bytes (4 short columns) in a finding body
//   paragraph          one finding body paragraph of about SIZE bytes
//   code               a ```rust block of about SIZE bytes in a finding body
//   locations          100 findings with about SIZE/100 bytes of `path:line` locations each
//
// `generate(shape, size, round)` dates the report a day per round later (round 1: 2026-09-01),
// so that two rounds of one shape can be compared (`?view=diff`).
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

export const SHAPES = ['backticks-design', 'backticks-commits', 'table', 'paragraph', 'code', 'locations'];

export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(String(text));
  if (!m) throw new Error(`size ${text}: expected a number with an optional k or m suffix`);
  const unit = { '': 1, k: 1024, K: 1024, m: 1 << 20, M: 1 << 20 }[m[2]];
  return Math.round(Number(m[1]) * unit);
}

function header(commits, round = 1) {
  const day = String(round).padStart(2, '0');
  return `# Deep Review: 202609${day}-120000-shape

| | |
|---|---|
| **Date** | 2026-09-${day} 12:00 |
| **Repo** | [acme/shape](https://github.com/acme/shape) |
| **PR** | [#1](https://github.com/acme/shape/pull/1) — shapes |
| **Commits** | ${commits} |
| **Reviewers** | Claude Opus 4.6, Codex GPT 5.4 |
| **Verdict** | **Merge with fixes** -- shapes |

---

## Consolidated Review

### Executive Summary

A generated report around one hostile shape.

`;
}

function finding(n, title, body, where = '`src/lib.rs:10`') {
  return `${n}. **${title}** — ${where} (important, gap) [Claude Opus 4.6]\n\n${body}\n\n`;
}

const TAIL = `### Design Observations

**Concerns**

- **Plain concern** (future) [Codex GPT 5.4] — nothing hostile here.

### Testing Assessment

Fine.
`;

function repeatTo(unit, bytes) {
  return unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));
}

export function generate(shape, size, round = 1) {
  switch (shape) {
    case 'backticks-design':
      return (
        header('`5e1b7a30` one', round) +
        '### Important Issues\n\n' +
        finding(1, 'Ordinary', 'Body.') +
        '### Design Observations\n\n**Concerns**\n\n- **Run** (future) [Codex GPT 5.4] — ' +
        '`'.repeat(size) +
        '\n\n### Testing Assessment\n\nFine.\n'
      );
    case 'backticks-commits':
      return (
        header('`5e1b7a30` ' + '`'.repeat(size), round) + '### Important Issues\n\n' + finding(1, 'Ordinary', 'Body.') + TAIL
      );
    case 'table': {
      const rows = repeatTo('| `a.rs` | 12 | x | yes |\n', size);
      const table = '| file | line | what | ok |\n|---|---|---|---|\n' + rows;
      return header('`5e1b7a30` one', round) + '### Important Issues\n\n' + finding(1, 'Table', 'See:\n\n' + table) + TAIL;
    }
    case 'paragraph': {
      const para = repeatTo('The writer flushes `buf` before *the* [checkpoint](https://x.test/a) lands. ', size);
      return header('`5e1b7a30` one', round) + '### Important Issues\n\n' + finding(1, 'Long', para) + TAIL;
    }
    case 'code': {
      const code = repeatTo('    let x: Vec<u8> = vec![1, 2, 3]; // "str" and \'c\'\n', size);
      return (
        header('`5e1b7a30` one', round) + '### Important Issues\n\n' + finding(1, 'Code', '```rust\n' + code + '```') + TAIL
      );
    }
    case 'locations': {
      const per = Math.max(1, Math.floor(size / 100 / 24));
      let out = header('`5e1b7a30` one', round) + '### Important Issues\n\n';
      for (let f = 1; f <= 100; f++) {
        const locs = [];
        for (let l = 0; l < per; l++) locs.push(`\`src/m${(f * 7 + l) % 997}/f${l}.rs:${l + 1}\``);
        out += finding(f, `Finding ${f} about module ${f}`, 'Body.', locs.join(', '));
      }
      return out + TAIL;
    }
    default:
      throw new Error(`unknown shape ${shape}: one of ${SHAPES.join(', ')}`);
  }
}

/**
 * The ways into a report for the browser benchmarks: writes `text` as `NAME.md` into `dir`
 * (served at `/shapes/`), and `second` as `NAME-2.md` when given, and returns `[label, url]`
 * pairs: `?src=` and `#z=` (the link only under 2 MB), or for two rounds `?view=diff`.
 */
export async function waysIn(serverUrl, dir, name, text, second) {
  await writeFile(join(dir, `${name}.md`), text);
  const q = (f) => encodeURIComponent(`shapes/${f}.md`);
  if (second !== undefined) {
    await writeFile(join(dir, `${name}-2.md`), second);
    return [['?view=diff', `${serverUrl}/?view=diff&src=${q(`${name}-2`)}&compare=${q(name)}`]];
  }
  const ways = [['?src=', `${serverUrl}/?src=${q(name)}`]];
  const z = deflateSync(Buffer.from(text), { level: 9 }).toString('base64url');
  if (z.length < 2 << 20) ways.push(['#z=', `${serverUrl}/#z=${z}`]);
  return ways;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const [shape, size] = process.argv.slice(2);
  if (!shape || !size) {
    process.stderr.write(`usage: node bench/shapes.mjs SHAPE SIZE (shapes: ${SHAPES.join(', ')})\n`);
    process.exit(2);
  }
  process.stdout.write(generate(shape, parseSize(size)));
}
