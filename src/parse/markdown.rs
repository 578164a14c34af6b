//! Markdown report → [`Review`], driven by pulldown-cmark's event stream with offsets.
//!
//! One pass over the events builds an outline of top-level blocks ([`outline`](super::outline));
//! the title and header come first, then the consolidated sections up to the Appendix heading,
//! then the appendix and a report-level `## Resolution` after it. Everything taken verbatim
//! (`body_md`, `title_md`, section bodies) is a slice of the source.

use super::findings::Collector;
use super::inline::{plain_events, Families};
use super::outline::{self, Block, Kind};
use super::sections::{self, body_of, classify, slugify, SecKind};
use super::{header, retro, ParseError};
use crate::model::{Diagnostic, Level, Review, Section};
use std::collections::{HashMap, HashSet};

/// Source, line numbers and diagnostics shared by the parts of the parser.
pub(crate) struct Ctx<'a> {
    pub src: &'a str,
    /// A (byte offset, line) pair to count lines from; lookups mostly move forward.
    cursor: std::cell::Cell<(usize, u32)>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(src: &'a str) -> Ctx<'a> {
        Ctx {
            src,
            cursor: std::cell::Cell::new((0, 1)),
            diags: Vec::new(),
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, pos: usize) -> u32 {
        let pos = pos.min(self.src.len());
        let (mut at, mut line) = self.cursor.get();
        if pos < at {
            (at, line) = (0, 1);
        }
        let newlines = self.src.as_bytes()[at..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        self.cursor.set((pos, line));
        line
    }

    pub fn warn(&mut self, pos: usize, message: &str) {
        let line = self.line(pos);
        self.diags.push(Diagnostic {
            level: Level::Warning,
            line,
            message: message.to_string(),
        });
    }

    pub fn error(&mut self, pos: usize, message: &str) {
        let line = self.line(pos);
        self.diags.push(Diagnostic {
            level: Level::Error,
            line,
            message: message.to_string(),
        });
    }
}

/// The H1 prefixes of Deep Reviews.
const TITLE_PREFIXES: [&str; 2] = ["Deep Review:", "Deep Code Review:"];
/// The H1 prefixes of other documents that live next to them.
const OTHER_KINDS: [&str; 2] = ["Supply Chain Scan", "CI Failures"];

/// Parse a Markdown Deep Review.
pub fn parse_markdown(text: &str) -> Result<Review, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let outline = outline::build(text);
    let blocks = &outline.blocks;
    let not_a_review = |kind: Option<String>| ParseError::NotADeepReview {
        kind,
        first_line: super::first_line(text),
    };
    let Some(h) = blocks
        .iter()
        .position(|b| matches!(b.kind, Kind::Heading(_)))
    else {
        return Err(not_a_review(None));
    };
    let title = plain_events(&blocks[h].inline);
    let prefix = TITLE_PREFIXES
        .iter()
        .find(|p| title.starts_with(*p))
        .filter(|_| blocks[h].kind == Kind::Heading(1));
    let Some(prefix) = prefix else {
        let kind = OTHER_KINDS
            .iter()
            .find(|k| title.starts_with(&format!("{k}:")) && blocks[h].kind == Kind::Heading(1))
            .map(|k| k.to_string());
        return Err(not_a_review(kind));
    };

    let mut cx = Ctx::new(text);
    let mut review = Review {
        slug: title[prefix.len()..].trim().to_string(),
        title: title.clone(),
        ..Review::default()
    };
    if review.slug.is_empty() {
        cx.warn(
            blocks[h].range.start,
            "the title names no report (`# Deep Review: <slug>`)",
        );
    }

    let cons_end = outline.appendix.unwrap_or(blocks.len());
    let first_section = blocks[h + 1..cons_end]
        .iter()
        .position(|b| matches!(b.kind, Kind::Heading(_)))
        .map_or(cons_end, |p| p + h + 1);
    review.meta = header::parse_header(&mut cx, &blocks[h + 1..first_section]);
    let families = Families::new(review.meta.reviewers.iter().map(|r| r.name.as_str()));

    let mut collector = Collector::new(&families);
    let mut resolution_rows = Vec::new();
    let mut ids = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut add_section = |sections: &mut Vec<Section>, heading: &str, body: &str| {
        let base = slugify(heading);
        let mut id = base.clone();
        if !ids.insert(id.clone()) {
            let n = next_suffix.entry(base.clone()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if ids.insert(id.clone()) {
                    break;
                }
            }
        }
        sections.push(Section {
            id,
            heading: heading.to_string(),
            body_md: body.to_string(),
        });
    };

    for sec in split_sections(&blocks[first_section..cons_end], first_section) {
        let heading_block = &blocks[sec.heading];
        let heading = plain_events(&heading_block.inline);
        let body_blocks = &blocks[sec.body.clone()];
        let body = body_of(text, body_blocks);
        match sec.kind {
            SecKind::Wrapper => {
                if !body.is_empty() {
                    add_section(&mut review.sections, &heading, body);
                }
            }
            SecKind::Summary => append(&mut review.summary_md, body),
            SecKind::Severity(sev) => {
                let before = collector.sections.len();
                collector.severity_section(&mut cx, &outline, body_blocks, sev, &heading);
                for s in collector.sections.drain(before..).collect::<Vec<_>>() {
                    add_section(&mut review.sections, &s.heading, &s.body_md);
                }
            }
            SecKind::Design => {
                let before = collector.sections.len();
                collector.design_section(&mut cx, &outline, body_blocks, &heading);
                for s in collector.sections.drain(before..).collect::<Vec<_>>() {
                    add_section(&mut review.sections, &s.heading, &s.body_md);
                }
            }
            SecKind::Retro => {
                let mut r = retro::retro(text, body_blocks, &families);
                if review.retro.agents.is_empty() && review.retro.table.is_none() {
                    r.heading = heading.clone();
                    review.retro = r;
                } else {
                    // A second retro section: its parts follow the first's, in its order.
                    let base = review.retro.agents.len();
                    let had_table = review.retro.table.is_some();
                    for part in r.order {
                        review.retro.order.push(match part {
                            crate::model::RetroPart::Agent { index } => {
                                crate::model::RetroPart::Agent {
                                    index: index + base,
                                }
                            }
                            crate::model::RetroPart::Table { .. } if had_table => continue,
                            other => other,
                        });
                    }
                    review.retro.agents.extend(r.agents);
                    if review.retro.table.is_none() {
                        review.retro.table = r.table;
                    }
                    append(&mut review.retro.notes_md, &r.notes_md);
                }
            }
            SecKind::ProcessNotes => append(&mut review.process_notes_md, body),
            SecKind::Resolution => {
                resolution_rows.extend(sections::resolution_rows(&mut cx, body_blocks));
                add_section(&mut review.sections, &heading, body);
            }
            SecKind::Other(known) => {
                if !known {
                    cx.warn(
                        heading_block.range.start,
                        &format!("unrecognised section `{heading}`; kept as a plain section"),
                    );
                }
                add_section(&mut review.sections, &heading, body);
            }
        }
    }

    if let Some(a) = outline.appendix {
        // A report-level `## Resolution` (with an `Addressed` table) may follow the raw reviews.
        let mut end = blocks.len();
        let mut i = a + 1;
        while i < blocks.len() {
            let b = &blocks[i];
            if let Kind::Heading(l) = b.kind {
                let name = sections::normalize(&plain_events(&b.inline));
                if l <= 2 && name == "resolution" && sections::has_addressed_table(&blocks[i + 1..])
                {
                    let stop = blocks[i + 1..]
                        .iter()
                        .position(|b| matches!(b.kind, Kind::Heading(l) if l <= 2))
                        .map_or(blocks.len(), |p| p + i + 1);
                    end = end.min(i);
                    let body_blocks = &blocks[i + 1..stop];
                    resolution_rows.extend(sections::resolution_rows(&mut cx, body_blocks));
                    let heading = plain_events(&b.inline);
                    add_section(&mut review.sections, &heading, body_of(text, body_blocks));
                    i = stop;
                    continue;
                }
            }
            i += 1;
        }
        review.appendix = sections::appendix_entries(text, &blocks[a..end], &families);
    }

    let mut findings = std::mem::take(&mut collector.findings);
    sections::apply_resolution(&mut cx, &resolution_rows, &mut findings);
    review.findings = findings;
    review.strengths = std::mem::take(&mut collector.strengths);
    for t in super::cmark::big_tables(text) {
        cx.warn(
            t.delimiter,
            &format!(
                "a table of about {} cells is shown as text: tables of more than {} cells are not \
                 laid out (split it, or link to it as a file)",
                t.cells,
                super::cmark::MAX_TABLE_CELLS
            ),
        );
    }
    review.diagnostics = std::mem::take(&mut cx.diags);
    Ok(review)
}

fn append(to: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push_str("\n\n");
    }
    to.push_str(more);
}

/// A consolidated section: its heading block and the blocks of its body (indices into the
/// outline).
struct Sec {
    kind: SecKind,
    heading: usize,
    body: std::ops::Range<usize>,
}

/// Split the consolidated part into sections: H2s (and H1s), plus H3s under a wrapper
/// (`## Consolidated Review`) or H3s with a known section name under a findings/design/other
/// section (report generations switch heading levels mid-file).
fn split_sections(blocks: &[Block<'_>], offset: usize) -> Vec<Sec> {
    let mut out: Vec<Sec> = Vec::new();
    let mut in_wrapper = false;
    for (i, b) in blocks.iter().enumerate() {
        let idx = offset + i;
        if let Kind::Heading(level) = b.kind {
            let text = plain_events(&b.inline);
            let kind = classify(&text);
            let sub = sections::normalize(&text);
            let split = if level <= 2 {
                in_wrapper = kind == SecKind::Wrapper;
                true
            } else if level == 3 && !sub.starts_with("concern") && !sub.starts_with("strength") {
                let parent = out.last().map(|s| s.kind);
                in_wrapper
                    || (!matches!(kind, SecKind::Other(false) | SecKind::Wrapper)
                        && !matches!(parent, Some(SecKind::Retro | SecKind::ProcessNotes)))
            } else {
                false
            };
            if split {
                out.push(Sec {
                    kind,
                    heading: idx,
                    body: idx + 1..idx + 1,
                });
                continue;
            }
        }
        if let Some(last) = out.last_mut() {
            last.body.end = idx + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Severity, Status};

    #[test]
    fn retro_parts_keep_the_authors_order_and_headings() {
        use crate::model::RetroPart;
        let md = "# Deep Review: 20260901-100000-pr-9\n\n| | |\n|---|---|\n| **Date** | 2026-09-01 10:00 |\n\n\
                  ## Agent Performance Retro\n\n\
                  All three agents ran to completion.\n\n\
                  ### Summary Table\n\n\
                  | Metric | Claude Opus 4.8 | Codex GPT 5.5 |\n|---|---|---|\n| Duration | 12m | 9m |\n\n\
                  ### Claude Opus 4.8\n\nThorough.\n\n\
                  ### Codex GPT 5.5\n\nFast.\n\n\
                  **Overall:** good run.\n";
        let r = parse(md);
        assert_eq!(r.retro.heading, "Agent Performance Retro");
        assert_eq!(
            r.retro.order,
            [
                RetroPart::Notes {
                    md: "All three agents ran to completion.".into()
                },
                RetroPart::Table {
                    heading: Some("Summary Table".into())
                },
                RetroPart::Agent { index: 0 },
                RetroPart::Agent { index: 1 },
                RetroPart::Notes {
                    md: "**Overall:** good run.".into()
                },
            ]
        );
        assert_eq!(r.retro.agents[1].notes_md, "Fast.");
    }

    #[test]
    fn attribution_survives_kind_tags_and_names_later_pass_finders() {
        let md = "# Deep Review: 20260901-100000-pr-9\n\n| | |\n|---|---|\n| **Date** | 2026-09-01 10:00 |\n\n\
                  ## Important Issues\n\n\
                  I1. **Leak in the pool** — `pkg/pool/pool.go:10-20` [Gemini 3.1 Pro] (pass 3: [Claude Opus 4.6])\n\nBody.\n\n\
                  ## Suggestions\n\n\
                  S4. **Title here** — src/settingsValidator.ts:290 [Claude Opus 4.7] (suggestion, regression)\n\nBody two.\n";
        let r = parse(md);
        let i1 = &r.findings[0];
        assert_eq!(i1.agents, ["Gemini 3.1 Pro", "Claude Opus 4.6"]);
        assert_eq!(
            i1.later_passes,
            [crate::model::AgentPass {
                agent: "Claude Opus 4.6".into(),
                pass: 3
            }]
        );
        assert_eq!(i1.title, "Leak in the pool");
        let s4 = &r.findings[1];
        assert_eq!(
            s4.agents,
            ["Claude Opus 4.7"],
            "the kind tag after the agents keeps them"
        );
        assert_eq!(s4.kinds, ["regression"]);
        assert_eq!(s4.locations[0].path, "src/settingsValidator.ts");
        assert!(s4.later_passes.is_empty());
    }

    fn parse(md: &str) -> Review {
        parse_markdown(md).unwrap_or_else(|e| panic!("parse failed: {e}"))
    }

    fn titles(r: &Review) -> Vec<(&str, &str)> {
        r.findings
            .iter()
            .map(|f| (f.id.as_str(), f.title.as_str()))
            .collect()
    }

    fn no_errors(r: &Review) {
        let errors: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .collect();
        assert!(errors.is_empty(), "error diagnostics: {errors:?}");
    }

    const G0: &str = "# Deep Code Review: `limactl shell --sync`

Date: 2026-03-13
Reviewers: Claude Opus 4.6, Codex GPT 5.4, Gemini 3.1 Pro
Target: Functionality review of `limactl shell --sync` (rsync-based)

## Consolidated Review

### Executive Summary

The feature works.

### Critical Findings

**[CRITICAL] cmd/limactl/shell.go:238-258 — `--sync` combined with `--workdir` leaves `destRsyncDir` empty** [Claude Opus 4.6]

Problem: `destRsyncDir` is assigned only in one branch.

Fix: Reject the combination:
```go
# not a heading
if a && b { return errors.New(\"**no**\") }
```

**[DOWNGRADED from CRITICAL] pkg/service/cmd/service.go:405 — Does `svc delete` orphan running VMs?**

Problem: maybe.

### Important Findings

**[IMPORTANT] pkg/copytool/rsync.go:72-80, 120-136 — Rsync backend bypasses SSH configuration** [Codex GPT 5.4]

Problem: hardcodes `ssh`.

### Suggestions

**[SUGGESTION] limavm_lifecycle.go:56 + service.go:405 — Use `path` for guest directories** [Gemini 3.1 Pro, Claude Opus 4.6]

Use `path.Clean`.

### Testing Assessment

- Gaps everywhere.

---

## Agent Performance Retro

### Summary Table

| Metric | Claude Opus 4.6 | Codex GPT 5.4 | Gemini 3.1 Pro |
|---|---|---|---|
| Critical | **3** (2 unique) | 1 | 1 |

### Per-Agent Assessment

**Claude Opus 4.6**
- Unique contributions: switch bugs.

**Codex GPT 5.4**
- Unique contributions: permissions.

### Overall Assessment

All three agents provided value.

## Skill Improvement Recommendations

1. **Claude nesting is broken.** Run it elsewhere.

## Appendix A: Claude Opus 4.6 Review

## Executive Summary

Raw Claude text.

### CRITICAL

**[CRITICAL] x.go:1 — Raw finding** [Claude Opus 4.6]

## Appendix B: Codex GPT 5.4 Review

Raw Codex text.
";

    #[test]
    fn g0_prototype_with_plain_header_and_tagged_findings() {
        let r = parse(G0);
        no_errors(&r);
        assert_eq!(r.slug, "limactl shell --sync");
        assert_eq!(r.meta.date, "2026-03-13");
        let names: Vec<&str> = r.meta.reviewers.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(
            names,
            ["Claude Opus 4.6", "Codex GPT 5.4", "Gemini 3.1 Pro"]
        );
        assert_eq!(
            r.meta.extra.get("Target").map(String::as_str),
            Some("Functionality review of `limactl shell --sync` (rsync-based)")
        );
        assert_eq!(
            titles(&r),
            [
                (
                    "C1",
                    "--sync combined with --workdir leaves destRsyncDir empty"
                ),
                ("C2", "Does svc delete orphan running VMs?"),
                ("I1", "Rsync backend bypasses SSH configuration"),
                ("S1", "Use path for guest directories"),
            ]
        );
        let c1 = &r.findings[0];
        assert_eq!(
            c1.title_md,
            "`--sync` combined with `--workdir` leaves `destRsyncDir` empty"
        );
        assert_eq!(c1.severity, Severity::Critical);
        assert_eq!(c1.agents, ["Claude Opus 4.6"]);
        assert_eq!(c1.locations[0].path, "cmd/limactl/shell.go");
        assert_eq!(
            (c1.locations[0].start_line, c1.locations[0].end_line),
            (Some(238), Some(258))
        );
        assert_eq!(c1.line, 15);
        assert!(c1.body_md.starts_with("Problem: `destRsyncDir`"));
        assert!(
            c1.body_md.contains("# not a heading"),
            "fence kept in the body"
        );
        assert!(c1.body_md.ends_with("```"));
        let c2 = &r.findings[1];
        assert_eq!(c2.status, Status::Demoted);
        assert_eq!(c2.status_note.as_deref(), Some("DOWNGRADED from CRITICAL"));
        assert!(c2.agents.is_empty());
        let i1 = &r.findings[2];
        let lines: Vec<(Option<u32>, Option<u32>)> = i1
            .locations
            .iter()
            .map(|l| (l.start_line, l.end_line))
            .collect();
        assert_eq!(lines, [(Some(72), Some(80)), (Some(120), Some(136))]);
        assert!(i1
            .locations
            .iter()
            .all(|l| l.path == "pkg/copytool/rsync.go"));
        let s1 = &r.findings[3];
        assert_eq!(s1.agents, ["Gemini 3.1 Pro", "Claude Opus 4.6"]);
        let paths: Vec<&str> = s1.locations.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(paths, ["limavm_lifecycle.go", "service.go"]);
        assert_eq!(r.summary_md, "The feature works.");
        assert_eq!(r.sections.len(), 1);
        assert_eq!(r.sections[0].id, "testing-assessment");
        assert_eq!(r.sections[0].body_md, "- Gaps everywhere.");
        // Retro: table under its own heading, bold-name agents with bullets, overall notes.
        let table = r.retro.table.as_ref().expect("retro table");
        assert_eq!(table.columns[0], "Metric");
        assert_eq!(table.rows, [["Critical", "3 (2 unique)", "1", "1"]]);
        let agents: Vec<(&str, &str)> = r
            .retro
            .agents
            .iter()
            .map(|a| (a.name.as_str(), a.notes_md.as_str()))
            .collect();
        assert_eq!(
            agents,
            [
                ("Claude Opus 4.6", "- Unique contributions: switch bugs."),
                ("Codex GPT 5.4", "- Unique contributions: permissions."),
            ]
        );
        assert_eq!(
            r.retro.notes_md,
            "### Overall Assessment\n\nAll three agents provided value."
        );
        assert_eq!(
            r.process_notes_md,
            "1. **Claude nesting is broken.** Run it elsewhere."
        );
        // Appendix: one entry per `Appendix X:` heading; raw headings stay inside.
        let app: Vec<(&str, &str)> = r
            .appendix
            .iter()
            .map(|a| (a.agent.as_str(), a.family.as_str()))
            .collect();
        assert_eq!(
            app,
            [("Claude Opus 4.6", "Claude"), ("Codex GPT 5.4", "Codex")]
        );
        assert!(r.appendix[0].body_md.contains("### CRITICAL"));
        assert!(r.appendix[0].body_md.contains("Raw finding"));
        assert_eq!(r.appendix[1].body_md, "Raw Codex text.");
    }

    const G1A: &str = "# Deep Review: app-controller-create-delete-limavm-20260313-180000

**Date:** 2026-03-13
**Branch:** `app-controller-create-delete-limavm`
**Reviewers:** Claude Opus 4.6, Codex GPT 5.4, Gemini 3.1 Pro
**Commits:** `4fd77c6` (serial log rotation), `71714cf` (instance log preservation)
**Verdict:** **Merge with fixes**: two lifecycle gaps

---

## 1. Consolidated Review

### Critical Findings

**[CRITICAL] app_controller.go:58 — App deletion bypasses teardown** [Codex GPT 5.4]

Problem: it does.

---

**[CRITICAL] limavm_lifecycle.go:516–578 — Force-stop leaks processes** [Claude Opus 4.6, Gemini 3.1 Pro]

Problem: it leaks.

---

### Important Findings

None.

## 2. Agent Performance Retro

### Claude Opus 4.6

- **Accuracy:** high.

### Summary Table

| Metric | Claude Opus 4.6 |
|---|---|
| Duration (s) | 278 |

## 3. Skill Improvement Recommendations

### Prompt adjustments

- Ask for traces.

## 4. Appendix: Original Reviews

### Claude Opus 4.6

# Review of the branch

| **Verdict** | Approve |

#### Critical Issues

Raw.

### Codex GPT 5.4

Raw codex.
";

    #[test]
    fn g1a_bold_key_header_numbered_sections_and_rules_between_findings() {
        let r = parse(G1A);
        no_errors(&r);
        assert_eq!(
            r.meta.branch.as_deref(),
            Some("app-controller-create-delete-limavm")
        );
        let commits: Vec<(&str, &str)> = r
            .meta
            .commits
            .iter()
            .map(|c| (c.sha.as_str(), c.subject.as_str()))
            .collect();
        assert_eq!(
            commits,
            [
                ("4fd77c6", "serial log rotation"),
                ("71714cf", "instance log preservation")
            ]
        );
        let v = r.meta.verdict.as_ref().unwrap();
        assert_eq!(
            (v.label.as_str(), v.text.as_str()),
            ("Merge with fixes", "two lifecycle gaps")
        );
        assert_eq!(
            titles(&r),
            [
                ("C1", "App deletion bypasses teardown"),
                ("C2", "Force-stop leaks processes")
            ]
        );
        // The `---` between findings is not part of a body.
        assert_eq!(r.findings[0].body_md, "Problem: it does.");
        assert_eq!(r.findings[1].body_md, "Problem: it leaks.");
        let l = &r.findings[1].locations[0];
        assert_eq!((l.start_line, l.end_line), (Some(516), Some(578)));
        // `None.` sections add nothing.
        assert!(r.sections.is_empty(), "{:?}", r.sections);
        assert_eq!(r.retro.agents.len(), 1);
        assert_eq!(r.retro.agents[0].notes_md, "- **Accuracy:** high.");
        assert_eq!(
            r.retro.table.as_ref().unwrap().rows,
            [["Duration (s)", "278"]]
        );
        assert_eq!(
            r.process_notes_md,
            "### Prompt adjustments\n\n- Ask for traces."
        );
        let app: Vec<&str> = r.appendix.iter().map(|a| a.agent.as_str()).collect();
        assert_eq!(app, ["Claude Opus 4.6", "Codex GPT 5.4"]);
        assert!(r.appendix[0].body_md.starts_with("# Review of the branch"));
        // The verdict is the header's, not the raw review's.
        assert_eq!(r.meta.verdict.as_ref().unwrap().label, "Merge with fixes");
    }

    const G2_SEED: &str = "# Deep Review: 20260318-101010-msys2-ci

| | |
|---|---|
| **Date** | 2026-03-18 10:10 |
| **Branch** | `msys2-ci` |
| **Commits** | `be9c281` Fix Windows signaling<br>`1f0db09` Fix `stopInstanceForcibly` |
| **Reviewers** | Claude Opus 4.6, Codex GPT 5.4, Gemini 3.1 Pro |
| **Verdict** | **Merge as-is** -- remaining items are minor |
| **Wall-clock time** | 18 min 21 s |
| **Updated** | 2026-03-18 -- findings fixed post-review; struck-through items are resolved. |

## Consolidated Review

### Executive Summary

Summary text.

### Important Issues

1. **Orphaned hostagents force-killed on stop** -- `limavm_lifecycle.go:507-509` [Gemini 3.1 Pro] *(deferred to upstream)*

Deferred: will be resolved by fixing Lima's `SysKill` upstream.

~~2. **Signal failure leaves VM driver alive** -- FIXED: both paths now call `stopInstanceForcibly`.~~

### Suggestions

1. **Stale comment** -- `a.go:1` [Claude Opus 4.6] (suggestion, gap)

   Indented body under the item.

   1. **Tick N (second sighting):** a numbered sub-list in the body
   2. second step

~~2. **Dropped thing** -- DROPPED: duplicate of 1~~

~~3. **Fixed thing** — FIXED: done~~

~~4. **Another fixed thing** -- FIXED: done too~~

2. **Restarted numbering** -- `b.go:2` [Codex GPT 5.4]

3. **Third open one** -- `c.go:3` [Codex GPT 5.4]

## Design Observations

~~Signaling: `shutdownAllHostagents` used `syscall.SIGINT` -- FIXED: now uses `process.Interrupt`.~~

1. **Platform-specific force-stop strategy** *(in-scope)* [Codex GPT 5.4, Gemini 3.1 Pro]

The strategy differs per platform. [Claude Opus 4.6]

2. **`o.expectedDigest` serves two meanings** (in-scope) [Codex GPT 5.4]

Keep them separate.

## Agent Performance Retro

### [Claude] Opus 4.6

Good.

### [Codex]

Fast.

| | Claude Opus 4.6 | Codex GPT 5.4 |
|---|---|---|
| **Totals** | **1I** | **2S** |

Agents ran concurrently.

## Improvement Recommendations

### Repo context updates

- `[repo]` On Windows, `os.Rename` fails.

## Appendix: Original Reviews

### [Claude] — Pass 1

raw
";

    #[test]
    fn g2_seed_struck_items_updated_row_and_ascii_separators() {
        let r = parse(G2_SEED);
        no_errors(&r);
        assert_eq!(r.meta.date, "2026-03-18T10:10");
        assert_eq!(r.meta.wall_clock_seconds, Some(1101));
        assert_eq!(
            r.meta.updated.as_deref(),
            Some("2026-03-18 -- findings fixed post-review; struck-through items are resolved.")
        );
        let v = r.meta.verdict.as_ref().unwrap();
        assert_eq!(
            (v.label.as_str(), v.text.as_str()),
            ("Merge as-is", "remaining items are minor")
        );
        let commits: Vec<(&str, &str)> = r
            .meta
            .commits
            .iter()
            .map(|c| (c.sha.as_str(), c.subject.as_str()))
            .collect();
        assert_eq!(
            commits,
            [
                ("be9c281", "Fix Windows signaling"),
                ("1f0db09", "Fix stopInstanceForcibly")
            ]
        );
        assert_eq!(
            titles(&r),
            [
                ("I1", "Orphaned hostagents force-killed on stop"),
                ("I2", "Signal failure leaves VM driver alive"),
                ("S1", "Stale comment"),
                ("S2", "Dropped thing"),
                ("S3", "Fixed thing"),
                ("S4", "Another fixed thing"),
                ("S5", "Restarted numbering"),
                ("S6", "Third open one"),
                ("D1", "Platform-specific force-stop strategy"),
                ("D2", "o.expectedDigest serves two meanings"),
            ]
        );
        let f = |id: &str| r.findings.iter().find(|f| f.id == id).unwrap();
        // The body's `Deferred:` paragraph is the later word on the status.
        assert_eq!(f("I1").status, Status::Deferred);
        assert_eq!(
            f("I1").status_note.as_deref(),
            Some("Deferred: will be resolved by fixing Lima's SysKill upstream.")
        );
        assert_eq!(f("I1").agents, ["Gemini 3.1 Pro"]);
        assert_eq!(f("I1").locations[0].path, "limavm_lifecycle.go");
        assert_eq!(f("I2").status, Status::Resolved);
        assert_eq!(
            f("I2").status_note.as_deref(),
            Some("FIXED: both paths now call stopInstanceForcibly.")
        );
        assert_eq!(f("I2").body_md, "");
        assert_eq!(f("S2").status, Status::Dropped);
        assert_eq!(f("S3").status, Status::Resolved);
        // A numbered sub-list inside a body is not a finding; the item's indentation goes.
        assert_eq!(f("S1").kinds, ["gap"]);
        assert!(f("S1")
            .body_md
            .starts_with("Indented body under the item.\n\n1. **Tick N"));
        assert!(f("S1").body_md.contains("\n2. second step"));
        assert_eq!(f("S5").status, Status::Open);
        // Design: unsplit numbered items are all findings; a trailing bracket adds an agent.
        assert_eq!(f("D1").kinds, ["in-scope"]);
        assert_eq!(f("D1").agents, ["Codex GPT 5.4", "Gemini 3.1 Pro"]);
        assert_eq!(
            f("D1").body_md,
            "The strategy differs per platform. [Claude Opus 4.6]"
        );
        assert_eq!(f("D2").title_md, "`o.expectedDigest` serves two meanings");
        // The struck design fragment before the items is kept as a section, not lost.
        assert!(r
            .sections
            .iter()
            .any(|s| s.body_md.contains("process.Interrupt")));
        // Retro: `[Claude] Opus 4.6` and `[Codex]` headings; the table under the last agent.
        let agents: Vec<(&str, &str, &str)> = r
            .retro
            .agents
            .iter()
            .map(|a| (a.name.as_str(), a.family.as_str(), a.notes_md.as_str()))
            .collect();
        assert_eq!(
            agents,
            [
                ("Claude Opus 4.6", "Claude", "Good."),
                ("Codex", "Codex", "Fast.")
            ]
        );
        let t = r.retro.table.as_ref().unwrap();
        assert_eq!(t.columns, ["", "Claude Opus 4.6", "Codex GPT 5.4"]);
        assert_eq!(t.rows, [["Totals", "1I", "2S"]]);
        assert_eq!(r.retro.notes_md, "Agents ran concurrently.");
        assert!(r.process_notes_md.starts_with("### Repo context updates"));
        assert_eq!(r.appendix[0].pass, Some(1));
    }

    const G4: &str = "# Deep Review: 20260801-120000-pr-912

| | |
|---|---|
| **Date** | 2026-08-01 12:00 |
| **Repo** | [rancher-sandbox/rancher-desktop](https://github.com/rancher-sandbox/rancher-desktop) |
| **Round** | 3 (of PR #912) |
| **Mode** | Thorough (2 passes) |
| **Author** | [@endemics](https://github.com/endemics) (Gildas Le Nadan) |
| **PR** | [#912](https://github.com/rancher-sandbox/rancher-desktop/pull/912) — Fix `x`: handle \"quotes\" |
| **Branch** | `stats-tab` (reviewed against `inspect-tab` base) |
| **Commits** | `99f1148` Subject one<br>`abcdef1` Subject two |
| **Review SHA** | `fa082b9b72bf2e975208e536b15fce1ae71c5e21` |
| **Reviewers** | Claude Opus 4.8 (effort: xhigh — dropped, see retro), Codex GPT 5.6 Sol (effort: high), Gemini 3.1 Pro (effort: default), Gemini 3.5 Flash (effort: default); Qwen 3.6 27B (effort: high) produced no output — quota |
| **Verdict** | **Merge with fixes** — fix I1 first; see `S2` |
| **Wall-clock time** | `1 h 14 min 30 s` |
| **Kind** | Review |

---

## Executive Summary

Summary.

## Status

All findings were addressed after the review.

## Critical Issues

None.

## Important Issues

I1. **Memory-chart \"Limit\" series lost its\n   dashed style** — `pkg/ContainerStats.vue:314`, `320-330` [Claude Opus 4.8] [Codex GPT 5.6 Sol] (important, regression)

```ts
# a comment line, not a heading
const x = \"**bold**\";
```

Steps to reproduce:

1. **Tick N (second sighting after the stability gate):** something
2. Another step

**Fixed.** A delegation now expires.

---

I2. **`electron-builder.yml` exclusion `'!resources/**/*.tar.gz'` is broader than needed** — `electron-builder.yml:12` [Consolidator]

````markdown
I1. **Quoted finding in a fence** — `a.go:1`

```ts
x
```
````

`(important, gap)`

---

I4. **A finding without agents** — `pkg/mcp/msi/filesystem.go:24,50,65` (round 2 S1 unaddressed)

Body.

## Suggestions

S1. **Wrapped title that is long** — `a.go:1` [Gemini 3.5 Flash, Consolidator] *(downgraded from Important — no production caller)*

**Skipped.** Left for a follow-up.

S2. **Plain one** — `scripts/dependencies/lima.ts` (deleted lines per merge-base diff) [Codex GPT 5.6 Sol]

## Design Observations

### Strengths

**Explicit arch dispatch** (in-scope) [Codex GPT 5.6 Sol, Claude Opus 4.8] — The switch rejects unknown arches.

### Concerns

D1. **The hand-rolled XML template duplicates a schema** (future) [Claude Opus 4.8]

It is complex.

**(future)** **Inotify goroutine races the helper.** [Qwen 3.6 27B]
The fix protects against corruption.

- *Toolchain detection is implicit* (in-scope) [Claude Opus 4.8]. `IsSSHCygwin` equates two things.
- **Native probe sidesteps retries (in-scope)** [Codex GPT 5.6 Sol]. The whole point.
- **(in-scope)** The conversion code mixes two concerns: \"what format?\" and \"is it fresh?\" A refactor helps.

## Testing Assessment

Fine.

## Something New

Unknown section text.

## Agent Performance Retro

**[Claude]** — Broad coverage (I1).

**Tool call highlights:** 31 calls.

**[Codex GPT 5.6 Sol]**: Sharp.

### Summary

| | Claude Opus 4.8 | Codex GPT 5.6 Sol |
|---|---|---|
| Findings | 1I | 1I 1S |

**Reconciliation.** Gemini C1 → I1.

### [Gemini 3.5 Flash]

Light.

## Review Process Notes

- [repo] Something.

## Appendix: Original Reviews

### [Claude Opus 4.8] — Pass 1

# Review of PR #912: title

## Resolution

Raw reviews never have an Addressed table here.

### [Codex GPT 5.6 Sol] — Pass 2

Codex raw.

## Resolution

| | |
|---|---|
| **Addressed** | 2026-08-02 |
| **Commit** | `52319861b` fixes |

| # | Finding | Action | Reason |
|---|---------|--------|--------|
| 1 | Important #2: `electron-builder.yml` exclusion | Fixed | |
| 2 | S2: Plain one | Skipped | Not worth it |
| 3 | Testing Gap #1: parser tests | Skipped | |
| 4 | I4: nothing | Test written | |
";

    #[test]
    fn g4_with_every_switch() {
        let r = parse(G4);
        no_errors(&r);
        let m = &r.meta;
        assert_eq!(m.date, "2026-08-01T12:00");
        let repo = m.repo.as_ref().unwrap();
        assert_eq!(repo.name, "rancher-sandbox/rancher-desktop");
        assert_eq!(
            repo.url.as_deref(),
            Some("https://github.com/rancher-sandbox/rancher-desktop")
        );
        let round = m.round.as_ref().unwrap();
        assert_eq!((round.number, round.of.as_deref()), (3, Some("PR #912")));
        assert_eq!(m.mode.as_deref(), Some("Thorough (2 passes)"));
        let a = m.author.as_ref().unwrap();
        assert_eq!(
            (a.handle.as_deref(), a.name.as_deref(), a.url.as_deref()),
            (
                Some("endemics"),
                Some("Gildas Le Nadan"),
                Some("https://github.com/endemics")
            )
        );
        let pr = m.pr.as_ref().unwrap();
        assert_eq!(pr.number, 912);
        assert_eq!(pr.title.as_deref(), Some("Fix x: handle \"quotes\""));
        assert_eq!(
            m.branch.as_deref(),
            Some("stats-tab (reviewed against inspect-tab base)")
        );
        assert_eq!(
            m.review_sha.as_deref(),
            Some("fa082b9b72bf2e975208e536b15fce1ae71c5e21")
        );
        assert_eq!(m.commits.len(), 2);
        let revs: Vec<(&str, &str, Option<&str>, Option<&str>)> = m
            .reviewers
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.family.as_str(),
                    r.effort.as_deref(),
                    r.note.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            revs,
            [
                (
                    "Claude Opus 4.8",
                    "Claude",
                    Some("xhigh"),
                    Some("dropped, see retro")
                ),
                ("Codex GPT 5.6 Sol", "Codex", Some("high"), None),
                ("Gemini 3.1 Pro", "Gemini", Some("default"), None),
                ("Gemini 3.5 Flash", "Gemini", Some("default"), None),
                (
                    "Qwen 3.6 27B",
                    "Qwen",
                    Some("high"),
                    Some("produced no output — quota")
                ),
            ]
        );
        let v = m.verdict.as_ref().unwrap();
        assert_eq!(
            (v.label.as_str(), v.text.as_str()),
            ("Merge with fixes", "fix I1 first; see `S2`")
        );
        assert_eq!(m.wall_clock_seconds, Some(4470));
        assert_eq!(m.extra.get("Kind").map(String::as_str), Some("Review"));

        assert_eq!(
            titles(&r),
            [
                ("I1", "Memory-chart \"Limit\" series lost its dashed style"),
                ("I2", "electron-builder.yml exclusion '!resources/**/*.tar.gz' is broader than needed"),
                ("I4", "A finding without agents"),
                ("S1", "Wrapped title that is long"),
                ("S2", "Plain one"),
                ("D1", "The hand-rolled XML template duplicates a schema"),
                ("D2", "Inotify goroutine races the helper."),
                ("D3", "Toolchain detection is implicit."),
                ("D4", "Native probe sidesteps retries"),
                ("D5", "The conversion code mixes two concerns: \"what format?\" and \"is it fresh?\""),
            ]
        );
        let f = |id: &str| r.findings.iter().find(|f| f.id == id).unwrap();
        let i1 = f("I1");
        assert_eq!(i1.agents, ["Claude Opus 4.8", "Codex GPT 5.6 Sol"]);
        assert_eq!(i1.kinds, ["regression"]);
        let locs: Vec<(&str, Option<u32>, Option<u32>)> = i1
            .locations
            .iter()
            .map(|l| (l.path.as_str(), l.start_line, l.end_line))
            .collect();
        assert_eq!(
            locs,
            [
                ("pkg/ContainerStats.vue", Some(314), None),
                ("pkg/ContainerStats.vue", Some(320), Some(330))
            ]
        );
        assert!(i1.body_md.starts_with("```ts\n# a comment line"));
        assert!(
            i1.body_md.contains("1. **Tick N"),
            "sub-list stays in the body"
        );
        assert_eq!(i1.status, Status::Resolved);
        assert_eq!(
            i1.status_note.as_deref(),
            Some("Fixed: A delegation now expires.")
        );
        let i2 = f("I2");
        assert_eq!(i2.agents, ["Consolidator"]);
        assert!(i2.body_md.contains("I1. **Quoted finding in a fence**"));
        assert_eq!(i2.kinds, ["gap"]);
        // Resolution after the appendix: `Important #2` is the second Important finding.
        assert_eq!(i2.status, Status::Resolved);
        assert_eq!(i2.status_note.as_deref(), Some("Fixed"));
        let i4 = f("I4");
        assert!(i4.agents.is_empty());
        assert_eq!(i4.locations.len(), 3);
        assert_eq!(i4.status, Status::Resolved);
        assert_eq!(i4.status_note.as_deref(), Some("Test written"));
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.level == Level::Warning && d.message.contains("I4 names no agents")));
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.message.contains("numbering gap") && d.line == i4.line));
        let s1 = f("S1");
        assert_eq!(s1.agents, ["Gemini 3.5 Flash", "Consolidator"]);
        assert_eq!(
            s1.status,
            Status::Declined,
            "the body's Skipped line is later"
        );
        assert_eq!(
            s1.status_note.as_deref(),
            Some("Skipped: Left for a follow-up.")
        );
        let s2 = f("S2");
        assert_eq!(s2.locations[0].path, "scripts/dependencies/lima.ts");
        assert_eq!(s2.agents, ["Codex GPT 5.6 Sol"]);
        assert_eq!(s2.status, Status::Declined);
        assert_eq!(s2.status_note.as_deref(), Some("Skipped: Not worth it"));
        // Design: strengths first, then concerns in every shape.
        assert_eq!(r.strengths.len(), 1);
        assert_eq!(
            r.strengths[0].agents,
            ["Codex GPT 5.6 Sol", "Claude Opus 4.8"]
        );
        assert!(r.strengths[0]
            .text_md
            .starts_with("**Explicit arch dispatch**"));
        assert_eq!(f("D1").body_md, "It is complex.");
        assert_eq!(f("D1").kinds, ["future"]);
        assert_eq!(f("D2").agents, ["Qwen 3.6 27B"]);
        assert_eq!(f("D2").body_md, "The fix protects against corruption.");
        assert_eq!(
            f("D3").body_md.split(". ").next(),
            Some("*Toolchain detection is implicit* (in-scope) [Claude Opus 4.8]")
        );
        assert_eq!(f("D4").kinds, ["in-scope"]);
        assert_eq!(f("D4").body_md, "The whole point.");
        // Sections: Status banner, Testing, unknown section (with a warning), Resolution.
        let ids: Vec<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "status",
                "testing-assessment",
                "something-new",
                "resolution"
            ]
        );
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.message.contains("unrecognised section `Something New`")));
        // Retro: bold-paragraph agents, a non-agent bold paragraph stays with the agent, the
        // table under `### Summary`, a full-name H3 after it.
        let agents: Vec<(&str, &str, &str)> = r
            .retro
            .agents
            .iter()
            .map(|a| (a.name.as_str(), a.family.as_str(), a.notes_md.as_str()))
            .collect();
        assert_eq!(
            agents,
            [
                (
                    "Claude",
                    "Claude",
                    "Broad coverage (I1).\n\n**Tool call highlights:** 31 calls."
                ),
                ("Codex GPT 5.6 Sol", "Codex", "Sharp."),
                ("Gemini 3.5 Flash", "Gemini", "Light."),
            ]
        );
        assert_eq!(
            r.retro.table.as_ref().unwrap().rows,
            [["Findings", "1I", "1I 1S"]]
        );
        assert_eq!(r.retro.notes_md, "**Reconciliation.** Gemini C1 → I1.");
        assert_eq!(r.process_notes_md, "- [repo] Something.");
        // Appendix: the raw review's own `## Resolution` (no Addressed table) stays inside.
        let app: Vec<(&str, Option<u32>)> = r
            .appendix
            .iter()
            .map(|a| (a.agent.as_str(), a.pass))
            .collect();
        assert_eq!(
            app,
            [("Claude Opus 4.8", Some(1)), ("Codex GPT 5.6 Sol", Some(2))]
        );
        assert!(r.appendix[0].body_md.contains("Raw reviews never have"));
        assert_eq!(r.appendix[1].body_md, "Codex raw.");
        let res = r.sections.iter().find(|s| s.id == "resolution").unwrap();
        assert!(res.body_md.starts_with("| | |"));
        assert!(res.body_md.ends_with("| Test written | |"));
    }

    const G1B: &str = "# Deep Review: app-controller-create-delete-limavm

| | |
|---|---|
| **Date** | 2026-03-13 |
| **Branch** | `app-controller-create-delete-limavm` |
| **Reviewers** | Claude Opus 4.6, Codex GPT 5.4, Gemini 3.1 Pro |
| **Verdict** | **Merge with fixes** — two gaps |

## Consolidated Review

### Executive Summary

Short.

### Critical Issues

1. **App deletion bypasses LimaVM teardown** — `app_controller.go:56-61` [Codex GPT 5.4]

The controller deletes the App first.

2. **Five translation keys missing** — [Claude Opus 4.6] (important, regression)

Keys are missing.

### Design Observations

- `stopInstanceForcibly` cleanly enumerates four cleanup concerns — each is separate. [Claude Opus 4.6, Codex GPT 5.4]
- The fix clamps both indices symmetrically, as it should. *(in-scope)* [Claude Opus 4.6]

## Agent Performance Retro

| Metric | Claude Opus 4.6 | Codex GPT 5.4 |
|---|---|---|
| Duration (s) | 278 | 2 (1 overstated) |

**Claude Opus 4.6** produced the most findings.

**Codex GPT 5.4** provided the most value.

**Overall**: both helped.

## Skill Improvement Recommendations

- The review prompt should ask for traces.

## Appendix: Original Reviews

*(Same content as the original report — omitted here for brevity.)*
";

    #[test]
    fn g1b_numbered_findings_plain_design_items_and_sentence_retro() {
        let r = parse(G1B);
        no_errors(&r);
        assert_eq!(
            titles(&r),
            [
                ("C1", "App deletion bypasses LimaVM teardown"),
                ("C2", "Five translation keys missing"),
                (
                    "D1",
                    "stopInstanceForcibly cleanly enumerates four cleanup concerns"
                ),
                (
                    "D2",
                    "The fix clamps both indices symmetrically, as it should."
                ),
            ]
        );
        let c1 = &r.findings[0];
        assert_eq!(c1.locations[0].path, "app_controller.go");
        assert_eq!(c1.body_md, "The controller deletes the App first.");
        let c2 = &r.findings[1];
        assert!(c2.locations.is_empty());
        assert_eq!(c2.agents, ["Claude Opus 4.6"]);
        assert_eq!(c2.kinds, ["regression"]);
        assert_eq!(r.findings[2].agents, ["Claude Opus 4.6", "Codex GPT 5.4"]);
        assert_eq!(r.findings[3].kinds, ["in-scope"]);
        // Plain items keep their whole text as the body.
        assert!(r.findings[2]
            .body_md
            .starts_with("`stopInstanceForcibly` cleanly"));
        let agents: Vec<(&str, &str)> = r
            .retro
            .agents
            .iter()
            .map(|a| (a.name.as_str(), a.notes_md.as_str()))
            .collect();
        assert_eq!(
            agents,
            [
                (
                    "Claude Opus 4.6",
                    "**Claude Opus 4.6** produced the most findings."
                ),
                (
                    "Codex GPT 5.4",
                    "**Codex GPT 5.4** provided the most value."
                ),
            ]
        );
        assert_eq!(r.retro.notes_md, "**Overall**: both helped.");
        assert_eq!(
            r.retro.table.as_ref().unwrap().rows[0][2],
            "2 (1 overstated)"
        );
        assert!(r.appendix.is_empty(), "a placeholder names no agent");
        assert_eq!(
            r.process_notes_md,
            "- The review prompt should ask for traces."
        );
    }

    /// A corpus report, or `None` (with a message) when `../shared/corpus` is absent.
    fn corpus(stem: &str) -> Option<String> {
        let path = format!(
            "{}/../shared/corpus/lima/{stem}.md",
            env!("CARGO_MANIFEST_DIR")
        );
        match std::fs::read_to_string(&path) {
            Ok(t) => Some(t),
            Err(_) => {
                eprintln!("skipping: {path} is absent (the corpus lives in ../shared/corpus)");
                None
            }
        }
    }

    #[test]
    fn corpus_resolution_after_the_appendix_and_multi_pass_appendix() {
        let Some(text) = corpus("20260414-134852-pr-4831") else {
            return;
        };
        let r = parse(&text);
        no_errors(&r);
        assert_eq!(r.meta.wall_clock_seconds, Some(18 * 60 + 31));
        assert_eq!(r.meta.pr.as_ref().map(|p| p.number), Some(4831));
        let v = r.meta.verdict.as_ref().unwrap();
        assert_eq!(v.label, "Merge as-is");
        assert!(v.text.starts_with("Fixes a real user-impacting race"));
        let statuses: Vec<(&str, Status)> = r
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Suggestion)
            .map(|f| (f.id.as_str(), f.status))
            .collect();
        assert_eq!(
            statuses,
            [
                ("S1", Status::Resolved),
                ("S2", Status::Resolved),
                ("S3", Status::Resolved),
                ("S4", Status::Resolved),
                ("S5", Status::Resolved),
                ("S6", Status::Resolved),
                ("S7", Status::Declined),
            ]
        );
        assert_eq!(
            r.findings[1].status_note.as_deref(),
            Some("Fixed (merged with S3)")
        );
        let app: Vec<(&str, Option<u32>)> = r
            .appendix
            .iter()
            .map(|a| (a.agent.as_str(), a.pass))
            .collect();
        assert_eq!(
            app,
            [("Claude", Some(1)), ("Codex", Some(1)), ("Gemini", Some(1))]
        );
        assert!(r
            .appendix
            .iter()
            .all(|a| !a.body_md.contains("## Resolution")));
        assert_eq!(r.sections.last().map(|s| s.id.as_str()), Some("resolution"));
    }

    #[test]
    fn corpus_six_agent_retro_and_tag_first_design_items() {
        let Some(text) = corpus("20260515-184528-fix-ga-sock-reconnect") else {
            return;
        };
        let r = parse(&text);
        no_errors(&r);
        assert_eq!(r.meta.reviewers.len(), 6);
        let names: Vec<&str> = r.retro.agents.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Claude", "Codex", "Gemini", "Qwen", "Gemma", "GLM"]);
        let t = r.retro.table.as_ref().unwrap();
        assert_eq!(t.columns.len(), 7);
        assert_eq!(t.columns[6], "GLM-4.7 Flash");
        assert!(t
            .rows
            .iter()
            .any(|row| row[0] == "Totals" && row[1] == "1I 2S"));
        let design: Vec<(&str, Vec<&str>)> = r
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Design)
            .map(|f| {
                (
                    f.title.as_str(),
                    f.agents.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            design,
            [
                (
                    "Inotify goroutine and main reconnect loop both racing the helper at startup is structural.",
                    vec!["Claude Opus 4.7"]
                ),
                (
                    "User-defined socket forwards are not re-established when ga.sock is.",
                    vec!["Qwen3 Coder Next"]
                ),
            ]
        );
        assert_eq!(r.strengths.len(), 5);
        assert_eq!(
            r.appendix.len(),
            6,
            "one entry per agent under `Appendix: Per-Agent Reviews`"
        );
    }

    #[test]
    fn resolution_before_the_appendix_applies_too() {
        let md = "# Deep Review: x\n\n| | |\n|---|---|\n| **Date** | 2026-05-12 |\n| **Reviewers** | Claude Opus 4.7 |\n\n\
                  ## Suggestions\n\nS1. **One** — `a.go:1` [Claude Opus 4.7]\n\n\
                  ## Resolution\n\n| # | Finding | Action |\n|---|---|---|\n| 1 | Suggestion S1: One | Documentation updated |\n";
        let r = parse(md);
        assert_eq!(r.findings[0].status, Status::Resolved);
        assert_eq!(
            r.findings[0].status_note.as_deref(),
            Some("Documentation updated")
        );
        assert_eq!(r.sections[0].id, "resolution");
    }

    #[test]
    fn an_upper_case_html_end_tag_hides_no_later_finding() {
        for (open, close) in [
            ("<STYLE>", "</STYLE>"),
            ("<Script type=\"x\">", "</sCRIPT>"),
            ("<PRE>", "</Pre>"),
            ("<textarea>", "</TEXTAREA>"),
        ] {
            let md = format!(
                "# Deep Review: x\n\n| | |\n|---|---|\n| **Date** | 2026-05-12 |\n| **Reviewers** | Claude Opus 4.7 |\n\n\
                 ## Critical Issues\n\nC1. **One** — `a.go:1` [Claude Opus 4.7]\n\n\
                 {open}p {{ color: red }}{close}\n\nMore text.\n\n\
                 ## Suggestions\n\nS1. **Two** — `b.go:2` [Claude Opus 4.7]\n\n\
                 {open}\nline\n{close}\n\nS2. **Three** — `c.go:3` [Claude Opus 4.7]\n"
            );
            let r = parse(&md);
            no_errors(&r);
            assert_eq!(
                titles(&r),
                [("C1", "One"), ("S1", "Two"), ("S2", "Three")],
                "{open}…{close}"
            );
            assert!(
                r.findings[0]
                    .body_md
                    .contains(&format!("{open}p {{ color: red }}{close}\n\nMore text.")),
                "the body keeps the report's text: {:?}",
                r.findings[0].body_md
            );
        }
    }

    #[test]
    fn wrapper_variants_and_h3_sections_after_an_h2_design() {
        let md = "# Deep Review: x\n\n| | |\n|---|---|\n| **Date** | 2026-04-05 13:55 |\n| **Reviewers** | Claude Opus 4.6 |\n\n\
                  ## Findings\n\n### Critical Issues\n\nC1. **A** — `a.go:1` [Claude Opus 4.6]\n\n\
                  ### Suggestions\n\nS1. **B** — `b.go:2` [Claude Opus 4.6]\n\n\
                  ## Design Observations\n\n**Concerns**\n\n- **Concern one** (future) — text\n\n**Strengths**\n\n- Nice thing. [Claude Opus 4.6]\n\n\
                  ### Testing Assessment\n\n1. **Untested** — not a finding\n";
        let r = parse(md);
        assert_eq!(
            titles(&r),
            [("C1", "A"), ("S1", "B"), ("D1", "Concern one")]
        );
        assert_eq!(r.strengths.len(), 1);
        assert_eq!(r.strengths[0].agents, ["Claude Opus 4.6"]);
        assert_eq!(
            r.strengths[0].text_md, "Nice thing.",
            "the agent is a pill, not repeated in the text"
        );
        assert_eq!(r.sections.len(), 1);
        assert_eq!(r.sections[0].heading, "Testing Assessment");
        assert_eq!(r.findings[2].body_md, "text");
    }

    #[test]
    fn other_documents_are_refused_with_their_kind() {
        let kind = |md: &str| match parse_markdown(md) {
            Err(ParseError::NotADeepReview { kind, first_line }) => (kind, first_line),
            other => panic!("expected NotADeepReview, got {other:?}"),
        };
        assert_eq!(
            kind("# Supply Chain Scan: 20260712-232447-supply-chain\n\n## Summary\n"),
            (
                Some("Supply Chain Scan".to_string()),
                "# Supply Chain Scan: 20260712-232447-supply-chain".to_string()
            )
        );
        assert_eq!(
            kind("# CI Failures: 2026-W30\n").0.as_deref(),
            Some("CI Failures")
        );
        assert_eq!(kind("# Shopping list\n\n- eggs\n").0, None);
        assert_eq!(kind("just text\nno heading\n").0, None);
        assert_eq!(kind("## Deep Review: not an H1\n").0, None);
        assert_eq!(kind("```\n# Deep Review: in a fence\n```\n").0, None);
        assert_eq!(parse_markdown(" \n"), Err(ParseError::Empty));
    }

    #[test]
    fn header_oddities_are_warnings() {
        let md = "# Deep Review: x\n\n| | |\n|---|---|\n| **Date** | soon |\n| **Round** | second |\n| **Wall-clock time** | a while |\n| **Date** | 2026-01-01 |\n\n## Executive Summary\n\nS.\n";
        let r = parse(md);
        let msgs: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(msgs.iter().any(|m| m.contains("Date `soon`")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("Round")));
        assert!(msgs.iter().any(|m| m.contains("Wall-clock")));
        assert!(msgs.iter().any(|m| m.contains("appears twice")));
        assert!(msgs.iter().any(|m| m.contains("no Reviewers")));
        assert!(r.diagnostics.iter().all(|d| d.level == Level::Warning));
        assert_eq!(r.diagnostics[0].line, 5);
        assert_eq!(r.meta.date, "2026-01-01");
        assert_eq!(
            r.meta.extra.get("Round").map(String::as_str),
            Some("second")
        );
    }

    #[test]
    fn never_panics_on_hostile_input() {
        let mut inputs: Vec<String> = vec![
            "# Deep Review: x\n\n```\nunclosed fence\n## Critical Issues\n".into(),
            format!("# Deep Review: x\n\n## Important Issues\n\nI1. **{}", "a".repeat(1 << 20)),
            format!("# Deep Review: x\n\n{}", "- a\n".repeat(2000)),
            format!("# Deep Review: x\n\n## Suggestions\n\n{}", (0..10_000).map(|i| format!("{}- x\n", "  ".repeat(i % 200))).collect::<String>()),
            format!("# Deep Review: x\n\n## Design Observations\n\n- {}", "(`[".repeat(50_000)),
            format!("# Deep Review: x\n\n## Suggestions\n\nS1. **t** — {}", "` ``".repeat(50_000)),
            format!("# Deep Review: x\n\n{}", "## Suggestions\n### Concerns\n".repeat(5_000)),
            "# Deep Review: x\n\n## Important Issues\n\nI1. **unclosed bold — `a.go:1`\n".into(),
            "# Deep Review: \n\n| | |\n|---|---|\n| **Date** |\n| |\n".into(),
            "# Deep Review: x\n\n## Appendix: Original Reviews\n\n## Resolution\n\n| x |\n|---|\n| **Addressed** |\n".into(),
            "# Deep Review: x\n\n## Suggestions\n\n~~2. **a**".into(),
            "# Deep Review: é\n\n## Suggestions\n\n1. **é** — `é:é` [é] (é, é)\n\n2. **ü** —".into(),
        ];
        // Every prefix of a G4 report, cut at char boundaries.
        let g4: Vec<usize> = G4.char_indices().map(|(i, _)| i).step_by(7).collect();
        inputs.extend(g4.into_iter().map(|i| G4[..i].to_string()));
        // Pseudo-random bytes, decoded lossily.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..200 {
            let bytes: Vec<u8> = (0..300)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    {
                        let alphabet = b"#*`~[]()-|\n 1.IS_:>";
                        alphabet[(x % alphabet.len() as u64) as usize]
                    }
                })
                .collect();
            inputs.push(format!(
                "# Deep Review: r\n\n{}",
                String::from_utf8_lossy(&bytes)
            ));
        }
        for input in &inputs {
            let _ = parse_markdown(input);
        }
    }
}

/// Throughput against plain pulldown-cmark (DESIGN.md §7: ≥ 50 MB/s and ≥ 25% of pulldown-cmark's
/// event rate). Run: `cargo test --release --lib parse::markdown::bench -- --ignored --nocapture`.
#[cfg(test)]
mod bench {
    use std::time::Instant;

    #[test]
    #[ignore]
    fn throughput_on_the_corpus() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/lima");
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("skipping: {dir} is absent");
            return;
        };
        let texts: Vec<String> = entries
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .filter(|t| t.starts_with("# Deep Review"))
            .collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        let iters = 30;
        let mb = (bytes * iters) as f64 / 1e6;
        let time = |f: &dyn Fn(&str) -> usize| {
            let t0 = Instant::now();
            let mut n = 0;
            for _ in 0..iters {
                for t in &texts {
                    n += f(t);
                }
            }
            (mb / t0.elapsed().as_secs_f64(), n)
        };
        for _ in 0..3 {
            let (events, _) = time(&|t| {
                pulldown_cmark::Parser::new_ext(t, crate::parse::cmark::options())
                    .into_offset_iter()
                    .count()
            });
            let (fold, _) = time(&|t| {
                std::hint::black_box(crate::parse::cmark::fold_html_end_tags(
                    std::hint::black_box(t),
                ))
                .len()
            });
            let (outline, _) = time(&|t| super::outline::build(t).blocks.len());
            let (full, _) = time(&|t| super::parse_markdown(t).map_or(0, |r| r.findings.len()));
            eprintln!(
                "{} reports, {:.2} MB: pulldown-cmark events {events:.1} MB/s, end-tag fold \
                 scan {fold:.0} MB/s, outline pass {outline:.1} MB/s, parse_markdown {full:.1} \
                 MB/s ({:.0}% of pulldown-cmark)",
                texts.len(),
                bytes as f64 / 1e6,
                100.0 * full / events
            );
        }
    }
}
