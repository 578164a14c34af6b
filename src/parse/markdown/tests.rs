use super::*;
use crate::model::{Level, Status};

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

/// The G4 sample (`tests/fixtures/generations/`): `never_panics_on_hostile_input` cuts it at every
/// seventh character.
const G4: &str = include_str!("../../../tests/fixtures/generations/g4.md");

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

/// A bold label after the design items (`**Outcome:** both skipped …`, as a consolidator notes
/// what came of them) is a note on the section, not a design observation of its own; a bold
/// title with a colon and a scope tag still is one.
#[test]
fn a_bold_label_under_the_design_items_is_no_item() {
    let md = "# Deep Review: x\n\n| | |\n|---|---|\n| **Date** | 2026-10-01 22:03 |\n| **Reviewers** | Claude Opus 4.6 |\n\n\
              ## Design Observations\n\n### Concerns\n\n\
              - **Partial upgrade** *(future)* [Claude Opus 4.6]. Carried from round 3.\n\
              - **Binary checks only** *(future)* [Claude Opus 4.6]. Carried from round 3.\n\n\
              **Outcome:** both skipped as future work.\n\n\
              **Cache layout:** *(future)* [Claude Opus 4.6] one directory per instance.\n\n\
              ### Strengths\n\n- **Deleting the toolchains** *(in-scope)* [Claude Opus 4.6]. Good.\n";
    let r = parse(md);
    no_errors(&r);
    let design: Vec<&str> = r.findings.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(
        design,
        ["Partial upgrade", "Binary checks only", "Cache layout:"]
    );
    assert!(
        !r.findings[1].body_md.contains("Outcome"),
        "the note is not the last item's body"
    );
    assert_eq!(r.strengths.len(), 1);
}
