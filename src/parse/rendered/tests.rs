use super::*;
use crate::parse::{detect, parse_text, InputKind};

const CORPUS_PAGE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/rendered/20260319-173741-msys2-ci.txt"
);

fn corpus_page() -> Option<String> {
    match std::fs::read_to_string(CORPUS_PAGE) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!("skipping: corpus page {CORPUS_PAGE} is not available ({e})");
            None
        }
    }
}

fn titles(review: &Review, sev: Severity) -> Vec<(&str, &str, Vec<&str>)> {
    review
        .findings
        .iter()
        .filter(|f| f.severity == sev)
        .map(|f| {
            (
                f.id.as_str(),
                f.title.as_str(),
                f.agents.iter().map(String::as_str).collect(),
            )
        })
        .collect()
}

#[test]
fn corpus_page_header() {
    let Some(text) = corpus_page() else { return };
    assert_eq!(detect(&text), InputKind::RenderedText);
    let r = parse_text(&text).expect("the page parses");
    assert_eq!(r.slug, "20260319-173741-msys2-ci");
    assert_eq!(r.title, "Deep Review: 20260319-173741-msys2-ci");
    let m = &r.meta;
    assert_eq!(m.date, "2026-03-19T17:37");
    assert_eq!(m.branch.as_deref(), Some("msys2-ci"));
    assert_eq!(
        (&m.repo, &m.round, &m.author, &m.pr),
        (&None, &None, &None, &None)
    );
    let commits: Vec<(&str, &str)> = m
        .commits
        .iter()
        .map(|c| (c.sha.as_str(), c.subject.as_str()))
        .collect();
    assert_eq!(
        commits,
        [
            (
                "be9c281",
                "Fix Windows process signaling for Lima hostagent lifecycle"
            ),
            (
                "1f0db09",
                "Fix stopInstanceForcibly to terminate WSL2 distro and clean up files"
            ),
            ("bfa614d", "Enable Lima BATS tests on Windows"),
            (
                "625737d",
                "Pre-generate Lima SSH keys on Windows to avoid broken path conversion"
            ),
            (
                "50c1e96",
                "Run Windows BATS tests via MSYS2 instead of WSL2"
            ),
        ]
    );
    let reviewers: Vec<(&str, &str)> = m
        .reviewers
        .iter()
        .map(|r| (r.name.as_str(), r.family.as_str()))
        .collect();
    assert_eq!(
        reviewers,
        [
            ("Claude", "Claude"),
            ("Codex", "Codex"),
            ("Gemini", "Gemini")
        ]
    );
    let verdict = m.verdict.as_ref().expect("verdict");
    assert_eq!(verdict.label, "Merge with fixes");
    assert_eq!(
        verdict.text,
        "two regressions in stopInstanceForcibly need attention before merge"
    );
    assert_eq!(m.wall_clock_seconds, Some(23 * 60 + 5));
    assert!(m.extra.is_empty(), "{:?}", m.extra);
    assert!(r.diagnostics.iter().any(|d| d.level == Level::Warning
        && d.message.contains("locations")
        && d.message.contains("Markdown")));
}

#[test]
fn corpus_page_findings() {
    let Some(text) = corpus_page() else { return };
    let r = parse_rendered(&text).expect("the page parses");
    assert!(titles(&r, Severity::Critical).is_empty());
    assert_eq!(
            titles(&r, Severity::Important),
            [
                ("I1", "stopInstanceForcibly leaves orphaned child processes on Windows", vec!["Gemini"]),
                ("I2", "stopInstanceForcibly uses filepath.Glob, which fails on paths with bracket characters", vec!["Gemini"]),
                ("I3", "Deletion removes cleanup finalizer after backend delete failure", vec!["Codex"]),
                ("I4", "shutdownAllHostagents hard-kill fallback skips WSL2 distro termination and temp file cleanup", vec!["Claude"]),
            ]
        );
    assert_eq!(
        titles(&r, Severity::Suggestion),
        [
            (
                "S1",
                "stopInstanceForcibly silently discards all errors",
                vec!["Claude"]
            ),
            (
                "S2",
                "SetGroup overwrites SysProcAttr instead of merging",
                vec!["Gemini"]
            ),
            (
                "S3",
                "Duplicated shutdown pattern in stopInstance and handleRestartNeeded",
                vec!["Claude"]
            ),
            (
                "S4",
                "killOrphanedHostagent dropped graceful shutdown on Unix",
                vec!["Claude"]
            ),
            (
                "S5",
                "SSH key race between concurrent controller startups",
                vec!["Codex"]
            ),
        ]
    );
    assert_eq!(
            titles(&r, Severity::Design),
            [(
                "D1",
                "stopInstanceForcibly forks upstream cleanup semantics instead of overriding just the kill primitive",
                vec!["Codex", "Claude"]
            )]
        );
    let by_id = |id: &str| r.findings.iter().find(|f| f.id == id).expect(id);
    let lines: Vec<u32> = r.findings.iter().map(|f| f.line).collect();
    assert_eq!(lines, [28, 52, 78, 117, 140, 173, 191, 241, 251, 292]);
    assert_eq!(by_id("I1").kinds, ["regression"]);
    assert_eq!(by_id("I4").kinds, ["gap"]);
    assert_eq!(by_id("S4").kinds, ["regression"]);
    assert_eq!(by_id("D1").kinds, ["in-scope"]);
    assert!(r.findings.iter().all(|f| f.status == Status::Open));

    let i1 = &by_id("I1").body_md;
    assert!(
        i1.starts_with("os.Process.Kill() calls TerminateProcess"),
        "{i1}"
    );
    assert!(i1.contains("```\nfunc stopInstanceForcibly(ctx context.Context"));
    assert!(
        i1.contains("Fix: Use taskkill /F /T /PID \\<pid\\>"),
        "{i1}"
    );
    assert!(!i1.contains("(important, regression)"));
    // The second finding's fix code runs straight into the third title: it ends there.
    let i2 = &by_id("I2").body_md;
    assert!(i2.contains("fi, err := os.ReadDir(inst.Dir)"));
    assert!(i2.trim_end().ends_with("```"));
    assert!(!i2.contains("Deletion removes"));
    assert!(by_id("I3")
        .body_md
        .contains("The finalizer removal then proceeds unconditionally:"));
}

#[test]
fn corpus_page_sections_and_retro() {
    let Some(text) = corpus_page() else { return };
    let r = parse_rendered(&text).expect("the page parses");
    assert!(r
        .summary_md
        .starts_with("This branch fixes a critical Windows bug"));
    assert!(r
        .summary_md
        .contains("\n\nThe custom stopInstanceForcibly replaces upstream"));
    assert!(r.summary_md.trim_end().ends_with("warrants discussion."));

    assert_eq!(r.strengths.len(), 3);
    assert!(r.strengths[0]
        .text_md
        .contains("CREATE\\_NEW\\_PROCESS\\_GROUP + targeted GenerateConsoleCtrlEvent"));
    assert!(r.strengths[0].text_md.contains("Correct and clean."));
    assert!(r.strengths.iter().all(|s| s.agents == ["Claude"]));

    let ids: Vec<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["testing-assessment", "documentation-assessment"]);
    let testing = &r.sections[0].body_md;
    assert!(testing.contains("Untested scenarios, ranked by risk:\n\n1. Forceful termination"));
    assert!(testing.contains("\n6. ensureSSHKeys failure paths"));
    assert!(r.sections[1].body_md.contains("orphaned WSL2 distro"));

    let agents: Vec<(&str, &str)> = r
        .retro
        .agents
        .iter()
        .map(|a| (a.name.as_str(), a.family.as_str()))
        .collect();
    assert_eq!(
        agents,
        [
            ("Claude Opus 4.6", "Claude"),
            ("Codex GPT 5.4", "Codex"),
            ("Gemini 3.1 Pro", "Gemini")
        ]
    );
    assert!(r.retro.agents[0]
        .notes_md
        .starts_with("Unique contributions: Identified the shutdownAllHostagents gap"));
    assert!(r.retro.agents[2]
        .notes_md
        .ends_with("two high-value, one overstated."));
    assert!(r.retro.table.is_none());
    let notes = &r.retro.notes_md;
    assert!(notes.contains("Duration10:523:4311:42\nCritical000"));
    assert!(notes.contains("**Overall Assessment**"));
    assert!(notes.contains("no single agent found more than 60%"));
    assert!(r.process_notes_md.is_empty());
    assert!(r.appendix.is_empty());
}

/// The header and finding shapes FORMAT.md §6.2, §8.5, §9 and §16 quote from a G4-era page.
const G4_PAGE: &str = "\
Deep Review: 20260402-101500-pr-336

Date2026-04-02 10:15
Round7 (of target)
Author@jandubois
PR#336 — cli: standardize --wait and --timeout across svc and limavm
Branchwait-timeout
Commitsa1b2c3d4e cli: add --wait
0f1e2d3c4 cli: add --timeout
Review SHAfa082b9b72bf2e975208e536b15fce1ae71c5e21
ReviewersClaude Opus 4.7 (effort: xhigh), Codex GPT 5.4 (effort: high), Gemini 3.1 Pro (effort: default — dropped, quota)
VerdictMerge with fixes — fix the doc-imprecision (I3), add the missing test
Wall-clock time1 h 14 min 30 s

Executive Summary

One paragraph.

Critical Issues

None.

Important Issues

I1. Timeout is ignored when the service is already running Codex Claude

Explanation with a list:

1. first step
2. second step
I2. Second finding (round 6 S3 unaddressed) Gemini

Body. (important, gap)

I3. api_service.md shutdown-signal description conflates two distinct fallback paths Claude

The doc says one thing.

Suggestions

S1. Rename the flag (deferred to upstream) Claude

Design Observations

Concerns

--timeout flag scope is intentionally not extended over ensureServiceRunningcmd/rdd/service.go:88-91 (in-scope) Gemini

The flag only bounds the wait. A later round may revisit it. Claude

Strengths

Agent Performance Retro

Claude

Found I3.

Codex — Found I1, with a reproducer.

Summary

Claude Opus 4.7Codex GPT 5.4Gemini 3.1 Pro
Duration13m 21s12:02—

Review Process Notes

Skill improvements

Repo context updates
";

#[test]
fn g4_page_header() {
    assert!(looks_rendered(G4_PAGE));
    let r = parse_text(G4_PAGE).expect("parses");
    let m = &r.meta;
    assert_eq!(m.date, "2026-04-02T10:15");
    let round = m.round.as_ref().expect("round");
    assert_eq!((round.number, round.of.as_deref()), (7, Some("target")));
    assert_eq!(round.text, "7 (of target)");
    let author = m.author.as_ref().expect("author");
    assert_eq!(
        (author.handle.as_deref(), author.name.as_deref()),
        (Some("jandubois"), None)
    );
    let pr = m.pr.as_ref().expect("pr");
    assert_eq!(pr.number, 336);
    assert_eq!(
        pr.title.as_deref(),
        Some("cli: standardize --wait and --timeout across svc and limavm")
    );
    assert_eq!(m.commits.len(), 2);
    assert_eq!(
        (m.commits[1].sha.as_str(), m.commits[1].subject.as_str()),
        ("0f1e2d3c4", "cli: add --timeout")
    );
    assert_eq!(
        m.review_sha.as_deref(),
        Some("fa082b9b72bf2e975208e536b15fce1ae71c5e21")
    );
    let reviewers: Vec<_> = m
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
        reviewers,
        [
            ("Claude Opus 4.7", "Claude", Some("xhigh"), None),
            ("Codex GPT 5.4", "Codex", Some("high"), None),
            (
                "Gemini 3.1 Pro",
                "Gemini",
                Some("default"),
                Some("dropped, quota")
            ),
        ]
    );
    let verdict = m.verdict.as_ref().expect("verdict");
    assert_eq!(verdict.label, "Merge with fixes");
    assert_eq!(
        verdict.text,
        "fix the doc-imprecision (I3), add the missing test"
    );
    assert_eq!(m.wall_clock_seconds, Some(3600 + 14 * 60 + 30));
}

#[test]
fn g4_page_findings() {
    let r = parse_rendered(G4_PAGE).expect("parses");
    let got: Vec<(&str, &str, Vec<&str>)> = r
        .findings
        .iter()
        .map(|f| {
            (
                f.id.as_str(),
                f.title.as_str(),
                f.agents.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "I1",
                "Timeout is ignored when the service is already running",
                vec!["Codex GPT 5.4", "Claude Opus 4.7"]
            ),
            (
                "I2",
                "Second finding (round 6 S3 unaddressed)",
                vec!["Gemini 3.1 Pro"]
            ),
            (
                "I3",
                "api_service.md shutdown-signal description conflates two distinct fallback paths",
                vec!["Claude Opus 4.7"]
            ),
            ("S1", "Rename the flag", vec!["Claude Opus 4.7"]),
            (
                "D1",
                "--timeout flag scope is intentionally not extended over ensureServiceRunning",
                vec!["Gemini 3.1 Pro"]
            ),
        ]
    );
    // A numbered list inside a G4 body is not a finding.
    assert!(r.findings[0]
        .body_md
        .contains("1. first step\n2. second step"));
    assert_eq!(r.findings[1].kinds, ["gap"]);
    assert_eq!(r.findings[1].body_md, "Body.");
    assert_eq!(r.findings[3].status, Status::Deferred);
    assert_eq!(
        r.findings[3].status_note.as_deref(),
        Some("deferred to upstream")
    );
    assert_eq!(r.findings[4].kinds, ["in-scope"]);
    // The location the page glued to the title is split off: title, location, scope, agent.
    assert_eq!(
        r.findings[4].title,
        "--timeout flag scope is intentionally not extended over ensureServiceRunning"
    );
    let loc = &r.findings[4].locations[0];
    assert_eq!(
        (loc.path.as_str(), loc.start_line, loc.end_line),
        ("cmd/rdd/service.go", Some(88), Some(91))
    );
    assert_eq!(r.findings[4].agents, ["Gemini 3.1 Pro"]);
    // A body paragraph ending with an agent name is not a new observation.
    assert!(r.findings[4]
        .body_md
        .contains("A later round may revisit it. Claude"));
    assert!(r.strengths.is_empty());
    assert!(r.sections.is_empty(), "{:?}", r.sections);
    let retro: Vec<(&str, &str)> = r
        .retro
        .agents
        .iter()
        .map(|a| (a.name.as_str(), a.notes_md.as_str()))
        .collect();
    assert_eq!(
        retro,
        [
            ("Claude", "Found I3."),
            ("Codex", "Found I1, with a reproducer.")
        ]
    );
    assert_eq!(
        r.findings[1].refs,
        [crate::model::FindingRef {
            round: Some(6),
            id: "S3".into()
        }]
    );
    assert!(r.retro.notes_md.contains("Duration13m 21s12:02—"));
    assert_eq!(
        r.process_notes_md,
        "**Skill improvements**\n\n**Repo context updates**"
    );
}

#[test]
fn tab_separated_retro_table_is_kept_as_a_table() {
    let page = "Deep Review: x\n\nReviewersClaude Codex\n\nAgent Performance Retro\n\n\
\tClaude\tCodex\nDuration\t1m\t2m\nFindings\t1I\tnone\n\nClaude\n\nGood.\n";
    let r = parse_rendered(page).expect("parses");
    let table = r.retro.table.expect("a table");
    assert_eq!(table.columns, ["", "Claude", "Codex"]);
    assert_eq!(
        table.rows,
        [["Duration", "1m", "2m"], ["Findings", "1I", "none"]]
    );
    assert_eq!(r.retro.agents.len(), 1);
    assert_eq!(r.retro.agents[0].notes_md, "Good.");
    assert_eq!(r.retro.notes_md, "");
}

#[test]
fn g2_numbering_must_continue_the_sequence() {
    let page = "Deep Review: x\n\nReviewersClaude Codex\n\nSuggestions\n\n\
1. First Claude\n\nSteps:\n\n1. not a finding\n3. not a finding either\n\n2. Second Codex\n";
    let r = parse_rendered(page).expect("parses");
    let titles: Vec<&str> = r.findings.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(titles, ["First", "Second"]);
    assert!(r.findings[0].body_md.contains("1. not a finding"));
}

#[test]
fn finding_ids_stay_unique() {
    let page = "Deep Review: x\n\nImportant Issues\n\nI1. A\n\nI1. B\n\n\
Suggestions\n\n1. C\n\nDesign Observations\n\n1. E (future)\n";
    let r = parse_rendered(page).expect("parses");
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["I1", "I2", "S1", "D1"]);
}

#[test]
fn plain_text_is_escaped_for_markdown() {
    let page = "Deep Review: x\n\nDate2026-01-01\n\nExecutive Summary\n\n\
Use <pid> with *glob* and [1] | pipe\n\n# not a heading\n\n2) a list item keeps its number\n";
    let r = parse_rendered(page).expect("parses");
    assert!(r
        .summary_md
        .contains("Use \\<pid\\> with \\*glob\\* and \\[1\\] \\| pipe"));
    assert!(r.summary_md.contains("\\# not a heading"));
    assert!(r.summary_md.ends_with("2. a list item keeps its number"));
    assert_eq!(r.meta.date, "2026-01-01");
}

#[test]
fn looks_rendered_only_for_page_text() {
    assert!(looks_rendered("Deep Review: x\nDate2026-01-01\n"));
    assert!(looks_rendered("\u{feff}\n\n  Deep Review: x\n"));
    assert!(!looks_rendered("# Deep Review: x\n"));
    assert!(!looks_rendered("\u{feff}# Deep Review: x\n"));
    assert!(!looks_rendered("\n\n# Deep Review: x\n"));
    assert!(!looks_rendered("Deep Review: x\n\n| | |\n|---|---|\n"));
    assert!(!looks_rendered("Deep Review: x\n\n**Date:** 2026-03-13\n"));
    assert!(!looks_rendered("Deep Review: x\n\n## Executive Summary\n"));
    assert!(!looks_rendered(""));
    assert!(!looks_rendered("Supply Chain Scan: x\n"));
}

#[test]
fn looks_rendered_is_false_for_every_markdown_report() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/lima");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipping: corpus folder {dir} is not available");
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for variant in [
            text.clone(),
            format!("\u{feff}{text}"),
            format!("\n\n{text}"),
        ] {
            assert!(!looks_rendered(&variant), "{}", entry.path().display());
        }
        checked += 1;
    }
    assert!(checked > 0, "no reports in {dir}");
}

#[test]
fn errors_and_odd_headers() {
    assert!(matches!(
        parse_rendered("Hello\nworld"),
        Err(ParseError::NotADeepReview { .. })
    ));
    assert_eq!(parse_rendered("\u{feff}\n  \n"), Err(ParseError::Empty));
    let r =
        parse_rendered("Deep Review: x\n\nRoundabout\nWall-clock timeforever\n").expect("parses");
    assert_eq!(r.meta.extra.get("Round").map(String::as_str), Some("about"));
    assert_eq!(
        r.meta.extra.get("Wall-clock time").map(String::as_str),
        Some("forever")
    );
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.line == 3 && d.message.contains("Round")));
    let r = parse_rendered("Deep Review: y\n\nExecutive Summary\n\nText.\n").expect("parses");
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.message.contains("no header")));
    assert_eq!(r.summary_md, "Text.");
}

#[test]
fn durations_and_reviewer_notes() {
    // The shared header reader (`header::duration_seconds`, as for Markdown headers): a bare
    // number is seconds, as in the retro tables' Duration cells.
    let secs = super::header::duration_seconds;
    assert_eq!(secs("23 min 5 s"), Some(1385));
    assert_eq!(secs("7 h 10 min 14 s"), Some(25814));
    assert_eq!(secs("13m 21s"), Some(801));
    assert_eq!(secs("5"), Some(5));
    assert_eq!(secs("99999999999999999999 h"), None);
    assert_eq!(secs("about a minute"), None);
    let r = super::header::reviewers(
            "Gemini 3.5 Flash (effort: default); Gemini 3.1 Pro (effort: default) produced no output — quota exhausted",
        );
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].name, "Gemini 3.1 Pro");
    assert_eq!(
        r[1].note.as_deref(),
        Some("produced no output — quota exhausted")
    );
}
