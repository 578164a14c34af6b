// A large G4 Deep Review of realistic shape: header table, executive summary, thousands of
// ID-style findings with quoted code, explanations, Fix lines and diffs, design observations,
// assessments, retro table and an appendix of raw reviews. Deterministic for a given option set.
//
//   node tests/e2e/gen/large.mjs [findings] > /tmp/large.md     (default 2,800 findings, ~5 MB)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rng } from './rng.mjs';

const WORDS = (
  'journal chunk offset receiver sender resume checkpoint transfer buffer writer reader sync ' +
  'flush kernel partial file hash digest manifest peer handshake timeout context cancel retry ' +
  'backoff goroutine channel mutex race lock state machine reconcile controller watcher event ' +
  'queue worker pool limit quota bound overflow underflow index slice map cache eviction stale ' +
  'config default flag option schema migration version upgrade rollback snapshot restore path ' +
  'symlink permission owner mode socket listener port address proxy tls certificate token scope'
).split(' ');
const VERBS = 'leaks ignores skips drops truncates duplicates reorders races blocks hides misreports overwrites'.split(' ');
const AGENTS = ['Claude Opus 4.8', 'Codex GPT 5.5', 'Gemini 3.1 Pro', 'Qwen 3.6 35B', 'Gemini 3.5 Flash'];
const DIRS = ['internal/transfer', 'internal/peer/proto', 'pkg/api/v1', 'cmd/tidewater', 'web/src/components', 'internal/store'];
const EXTS = ['go', 'go', 'go', 'ts', 'vue', 'yaml'];

export function largeReport({ findings = 2800, seed = 42, appendixFindings } = {}) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = () => {
    const s = `The ${words(int(2, 4))} ${pick(VERBS)} the ${words(int(2, 5))} when ${words(int(3, 8))}`;
    return s[0].toUpperCase() + s.slice(1) + (r() < 0.3 ? ` (\`${pick(DIRS)}/${pick(WORDS)}.go:${int(10, 900)}\`).` : '.');
  };
  const para = (n) => Array.from({ length: n }, sentence).join(' ');
  const path = () => {
    const i = int(0, DIRS.length - 1);
    return `${DIRS[i]}/${pick(WORDS)}_${pick(WORDS)}.${EXTS[i]}`;
  };
  const loc = () => {
    const a = int(1, 1800);
    return `\`${path()}:${a}-${a + int(1, 40)}\``;
  };
  const agents = () => {
    const n = int(1, 3);
    return [...new Set(Array.from({ length: n }, () => pick(AGENTS)))].join(', ');
  };
  const goBlock = (lines) => {
    const out = ['```go', `func (r *${pick(['Receiver', 'Sender', 'Journal', 'Store'])}) ${pick(WORDS)}${pick(['Chunk', 'State', 'Entry'])}(ctx context.Context, c Chunk) error {`];
    for (let i = 0; i < lines; i++) {
      const v = pick(WORDS);
      out.push(
        pick([
          `    if err := r.${v}.Write(c.Data[${i}:]); err != nil {\n        return fmt.Errorf("${v} %d: %w", c.Index, err)\n    }`,
          `    ${v} := r.${pick(WORDS)}[c.Index%${int(2, 64)}] // ${words(int(3, 7))}`,
          `    r.mu.Lock()\n    defer r.mu.Unlock()`,
          `    for i := range r.${v} {\n        if r.${v}[i].Offset > c.Offset {\n            break\n        }\n    }`,
          `\treturn r.conn.Ack(c.Index) // tab-indented, as in real diffs`,
        ]),
      );
    }
    out.push('}', '```');
    return out.join('\n');
  };
  const diffBlock = () => {
    const a = int(10, 500);
    const v = pick(WORDS);
    return [
      '```diff',
      `@@ -${a},6 +${a},9 @@ func (r *Receiver) handle${v}(ctx context.Context) error {`,
      `     if _, err := r.part.WriteAt(c.Data, c.Offset); err != nil {`,
      `-        return err`,
      `+        return fmt.Errorf("write ${v} %d: %w", c.Index, err)`,
      `+    }`,
      `+    if err := r.part.Sync(); err != nil {`,
      `+        return fmt.Errorf("sync ${v}: %w", err)`,
      `     }`,
      '```',
    ].join('\n');
  };

  const nCrit = Math.max(1, Math.round(findings * 0.02));
  const nImp = Math.round(findings * 0.2);
  const nDesign = Math.round(findings * 0.08);
  const nSugg = Math.max(0, findings - nCrit - nImp - nDesign);
  const out = [];
  const w = (...l) => out.push(...l);

  w(`# Deep Review: 20260901-120000-pr-${findings}`, '', '| | |', '|---|---|');
  w('| **Date** | 2026-09-01 12:00 |');
  w('| **Repo** | [acme-labs/tidewater](https://github.com/acme-labs/tidewater) |');
  w('| **Round** | 3 (of PR #9000) |');
  w('| **Author** | [@mkowalczyk](https://github.com/mkowalczyk) |');
  w(`| **PR** | [#9000](https://github.com/acme-labs/tidewater/pull/9000) — transfer: a very large review with ${findings} findings |`);
  w('| **Branch** | `huge-review` |');
  w(`| **Commits** | ${Array.from({ length: 12 }, (_, i) => `\`${(0x3f9a1c2e + i * 7919).toString(16)}\` ${words(5)}`).join('<br>')} |`);
  w('| **Review SHA** | `0d6b3e71c5a84f2e9b17d3a06c8f4e5b2a91d7c3` |');
  w(`| **Reviewers** | ${AGENTS.map((a, i) => `${a} (effort: ${['xhigh', 'high', 'default', 'default', 'default'][i]})`).join(', ')} |`);
  w(`| **Verdict** | **Merge with fixes** — ${para(2)} |`);
  w('| **Wall-clock time** | `2 h 14 min 30 s` |', '', '---', '');
  w('## Executive Summary', '', para(5), '', para(4), '');
  w(`**Structure:** 12 commits, 240 files, +48,184/-9,212 lines. ${nCrit} critical, ${nImp} important, ${nSugg} suggestions, ${nDesign} design concerns.`, '', '---', '');

  const finding = (letter, n, sev) => {
    const tag = r() < 0.25 ? ` (${sev}, ${pick(['regression', 'gap', 'enhancement'])})` : '';
    w(`${letter}${n}. **${sentence().replace(/\.$/, '').replace(/`/g, '')}** — ${loc()}${r() < 0.3 ? `, ${loc()}` : ''}${tag} [${agents()}]`, '');
    w(goBlock(int(3, 12)), '');
    w(para(int(2, 5)), '');
    if (r() < 0.4) w(para(int(1, 3)), '');
    const roll = r();
    if (roll < 0.1) w(`**Fixed.** ${para(1)}`, '');
    else if (roll < 0.15) w(`**Skipped.** ${para(1)}`, '');
    w(`Fix: ${para(1)}`, '');
    if (r() < 0.5) w(diffBlock(), '');
    w('---', '');
  };
  w('## Critical Issues', '');
  for (let i = 1; i <= nCrit; i++) finding('C', i, 'critical');
  w('## Important Issues', '');
  for (let i = 1; i <= nImp; i++) finding('I', i, 'important');
  w('## Suggestions', '');
  for (let i = 1; i <= nSugg; i++) finding('S', i, 'suggestion');

  w('## Design Observations', '', '### Concerns', '');
  for (let i = 1; i <= nDesign; i++) {
    w(`- **${sentence().replace(/\.$/, '').replace(/`/g, '')}** (${pick(['in-scope', 'future'])}) [${agents()}] — ${para(int(2, 4))}`, '');
  }
  w('### Strengths', '');
  for (let i = 0; i < 5; i++) w(`- **${words(4)}** [${pick(AGENTS)}] — ${para(2)}`);
  w('');
  for (const h of ['Testing Assessment', 'Documentation Assessment', 'Commit Structure', 'Acknowledged Limitations']) {
    w(`## ${h}`, '', para(3), '', ...Array.from({ length: 5 }, (_, i) => `${i + 1}. **${words(4)}** — ${para(1)}`), '');
  }
  w('## Agent Performance Retro', '');
  for (const a of ['Claude', 'Codex', 'Gemini', 'Qwen', 'Gemini 3.5 Flash']) w(`### [${a}]`, '', para(4), '');
  w('### Summary', '', `| | ${AGENTS.join(' | ')} |`, `|---|${AGENTS.map(() => '---').join('|')}|`);
  for (const row of ['Duration', 'Findings', 'Tool calls', 'Design observations', 'False positives', 'Unique insights', 'Files reviewed', 'Coverage misses']) {
    w(`| ${row} | ${AGENTS.map(() => `${int(1, 90)} (${words(2)})`).join(' | ')} |`);
  }
  w(`| **Totals** | ${AGENTS.map(() => `**${int(0, 3)}C ${int(5, 90)}I ${int(50, 900)}S**`).join(' | ')} |`, '');
  w('## Review Process Notes', '', '### Skill improvements', '', `- ${para(2)}`, '', '### Repo context updates', '', `- \`[repo]\` ${para(2)}`, '', '---', '');

  // Raw reviews: each agent's own list, shorter bodies, own headings (as in real appendices).
  w('## Appendix: Original Reviews', '');
  const perAgent = appendixFindings ?? Math.round(findings / 10);
  for (const a of ['Claude', 'Codex', 'Gemini']) {
    w(`### [${a}] — Pass 1`, '', '## Executive Summary', '', para(3), '', '## Findings', '');
    for (let i = 1; i <= perAgent; i++) {
      w(`I${i}. **${words(6)}** — ${loc()} (important, gap)`, '', para(2), '');
      if (i % 4 === 0) w(goBlock(int(2, 6)), '');
    }
  }
  return out.join('\n') + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.stdout.write(largeReport({ findings: Number(process.argv[2]) || 2800 }));
}
