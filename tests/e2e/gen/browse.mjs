// A reviews folder at the scale of a real reviews branch, of this project's own invention:
// 36 PR threads (a few with two or three rounds), several repositories and verdicts, findings
// resolved, skipped and open, plus two documents that are not Deep Reviews (a Supply Chain
// Scan and a weekly CI failure report), as they sit on the same branch. Deterministic.
//
//   node tests/e2e/gen/browse.mjs DIR      writes DIR/*.md (index.json: `deep-review index DIR`)
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rng } from './rng.mjs';

const REPOS = ['harbor-tools/quayside', 'harbor-tools/tugline', 'northwind/ledgerly'];
const TOPICS = [
  'retry budget for webhook delivery', 'paginate the audit log export', 'streaming CSV import',
  'cache eviction under memory pressure', 'per-tenant rate limits', 'graceful shutdown of workers',
  'OIDC token refresh', 'schema migration for invoices', 'S3 multipart upload resume',
  'dark mode for the settings page', 'sandboxed plugin loader', 'configurable log retention',
  'bulk archive of projects', 'timezone-aware scheduling', 'SQLite WAL checkpointing',
  'TLS certificate rotation', 'websocket reconnect backoff', 'search index rebuild',
  'CLI completion for zsh', 'metrics endpoint auth', 'idempotent payment capture',
  'draft autosave', 'feature flag cleanup', 'container image signing', 'email digest batching',
  'row-level permissions', 'file watcher on network drives', 'undo for bulk edits',
  'partial sync after offline edits', 'health check timeouts', 'quota warnings',
  'locale fallback chain', 'invoice PDF rendering', 'artifact garbage collection',
  'secrets redaction in logs', 'keyboard shortcuts overlay',
];
const AGENTS = ['Claude Opus 4.8', 'Codex GPT 5.5', 'Gemini 3.1 Pro'];
const VERDICTS = ['Merge', 'Merge with fixes', 'Rework', 'Merge with fixes', 'Merge'];

const pad = (n) => String(n).padStart(2, '0');

/** One Deep Review (G4 shape). `statuses` per finding: 'open' | 'fixed' | 'skipped'. */
function report({ slug, date, repo, pr, title, branch, round, verdict, findings }) {
  const head = [
    `# Deep Review: ${slug}`,
    '',
    '| | |',
    '|---|---|',
    `| **Date** | ${date} |`,
    `| **Repo** | [${repo}](https://github.com/${repo}) |`,
    `| **PR** | [#${pr}](https://github.com/${repo}/pull/${pr}) — ${title} |`,
    `| **Round** | ${round} |`,
    `| **Branch** | \`${branch}\` |`,
    `| **Reviewers** | ${AGENTS.join(', ')} |`,
    `| **Verdict** | **${verdict}** — ${verdict === 'Rework' ? 'the core change needs another pass' : 'small issues only'} |`,
    '',
    '---',
    '',
    '## Executive Summary',
    '',
    `Round ${round} of PR #${pr} (${title}). ${findings.length} findings.`,
    '',
  ];
  const bySev = { C: 'Critical Issues', I: 'Important Issues', S: 'Suggestions' };
  const body = [];
  for (const sev of ['C', 'I', 'S']) {
    body.push('---', '', `## ${bySev[sev]}`, '');
    const mine = findings.filter((f) => f.sev === sev);
    if (!mine.length) body.push('None.', '');
    mine.forEach((f, i) => {
      body.push(
        `${sev}${i + 1}. **${f.title}** — \`${f.path}:${f.line}\` [${f.agent}]`,
        '',
        `The ${f.title.toLowerCase()} path is reached when the ${title} runs twice in a row.`,
        '',
      );
      if (f.status === 'fixed') body.push(`**Fixed.** Addressed in \`${f.sha}\`.`, '');
      if (f.status === 'skipped') body.push('**Skipped.** The author keeps the current behaviour.', '');
    });
  }
  return [...head, ...body].join('\n') + '\n';
}

export const SCAN = `# Supply Chain Scan: 20260801-031500-supply-chain

| | |
|---|---|
| **Date** | 2026-08-01 03:15 |
| **Repo** | [harbor-tools/quayside](https://github.com/harbor-tools/quayside) |
| **Kind** | Supply chain scan |
| **Verdict** | **6 open issues, 1 critical** — one unpinned action in the release workflow |

## Summary

Scanned 212 dependencies across npm, Go modules and GitHub Actions. One release workflow step
uses \`actions/upload-artifact@main\` (unpinned, **critical**).

## Open issues

| # | Dependency | Issue | Severity |
|---|---|---|---|
| 1 | \`actions/upload-artifact@main\` | unpinned branch reference | critical |
| 2 | \`left-pad@1.3.0\` | unmaintained | low |

<script>window.__scanInjected = true</script>

[a javascript link](javascript:alert(1))

## Retro: dependency types not explicitly covered

Vendored C sources under \`third_party/\` are not scanned.
`;

export const CI = `# CI Failures: 2026-W31

| | |
|---|---|
| **Date** | 2026-08-04 04:07 |
| **Period** | 2026-W31 (Mon 2026-07-27 – Sun 2026-08-02) |
| **Verdict** | **118 failed jobs**: 97 on \`main\`, 12 known flakes |

## At a glance

- 118 failed jobs, 97 on \`main\`
- Slowest suite: \`integration/upload\` (41 min)

## Known flakes

| Test | Failures | First seen |
|---|---|---|
| \`TestUploadResume\` | 7 | 2026-07-12 |
| \`TestWebhookRetry\` | 5 | 2026-07-20 |
`;

export async function writeBrowseFolder(dir) {
  const r = rng(7);
  const pick = (a) => a[Math.floor(r() * a.length)];
  await mkdir(dir, { recursive: true });
  const files = [];
  TOPICS.forEach((topic, t) => {
    const repo = REPOS[t % REPOS.length];
    const pr = 100 + t * 7;
    const rounds = t % 9 === 0 ? 3 : t % 5 === 0 ? 2 : 1;
    for (let round = 1; round <= rounds; round++) {
      // Rounds of a thread a few days apart, in order.
      const day = 1 + ((t * 3) % 20) + (round - 1) * 3;
      const month = 6 + (t % 3);
      const date = `2026-${pad(month)}-${pad(day)} ${pad(8 + (t % 10))}:${pad((t * 13) % 60)}`;
      const slug = `2026${pad(month)}${pad(day)}-${pad(8 + (t % 10))}${pad((t * 13) % 60)}00-pr-${pr}`;
      const n = 2 + Math.floor(r() * 6);
      const findings = Array.from({ length: n }, (_, i) => ({
        sev: i === 0 && r() < 0.3 ? 'C' : r() < 0.4 ? 'I' : 'S',
        title: `${pick(['Unbounded', 'Stale', 'Racy', 'Silent', 'Leaky', 'Duplicated'])} ${pick(['retry', 'cursor', 'cache entry', 'timer', 'handle', 'token'])} in ${topic.split(' ')[0]}`,
        path: `${pick(['internal', 'pkg', 'web/src'])}/${topic.split(' ')[0].toLowerCase()}/${pick(['handler', 'store', 'worker'])}.go`,
        line: 10 + Math.floor(r() * 400),
        agent: pick(AGENTS),
        status: round < rounds ? pick(['fixed', 'fixed', 'skipped', 'open']) : pick(['open', 'open', 'fixed']),
        sha: (Math.floor(r() * 0xfffffff) + 0x10000000).toString(16),
      }));
      files.push([
        `${slug}.md`,
        report({
          slug,
          date,
          repo,
          pr,
          title: topic[0].toUpperCase() + topic.slice(1),
          branch: `feat/${topic.replace(/[^a-z]+/gi, '-').toLowerCase()}`,
          round,
          verdict: round === rounds ? pick(VERDICTS) : 'Rework',
          findings,
        }),
      ]);
    }
  });
  files.push(['20260801-031500-supply-chain.md', SCAN]);
  files.push(['20260804-040700-ci-failures.md', CI]);
  for (const [name, text] of files) await writeFile(join(dir, name), text);
  return files.map(([name]) => name);
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node tests/e2e/gen/browse.mjs DIR');
    process.exit(2);
  }
  const names = await writeBrowseFolder(dir);
  console.log(`${names.length} files in ${dir}`);
}
