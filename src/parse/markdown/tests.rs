use super::*;
use crate::model::{Level, Severity, Status};

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

pub const G0: &str = include_str!("../../../tests/fixtures/generations/g0.md");

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

pub const G1A: &str = include_str!("../../../tests/fixtures/generations/g1a.md");

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

pub const G2_SEED: &str = include_str!("../../../tests/fixtures/generations/g2-seed.md");

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

pub const G4: &str = include_str!("../../../tests/fixtures/generations/g4.md");

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
            (
                "I2",
                "electron-builder.yml exclusion '!resources/**/*.tar.gz' is broader than needed"
            ),
            ("I4", "A finding without agents"),
            ("S1", "Wrapped title that is long"),
            ("S2", "Plain one"),
            ("D1", "The hand-rolled XML template duplicates a schema"),
            ("D2", "Inotify goroutine races the helper."),
            ("D3", "Toolchain detection is implicit."),
            ("D4", "Native probe sidesteps retries"),
            (
                "D5",
                "The conversion code mixes two concerns: \"what format?\" and \"is it fresh?\""
            ),
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

pub const G1B: &str = include_str!("../../../tests/fixtures/generations/g1b.md");

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
