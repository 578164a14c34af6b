//! Corpus acceptance test: every report in `../shared/corpus/lima` parses to the values a human
//! reader takes from it.
//!
//! The expected values live in `tests/corpus_expect/<stem>.txt`, one file per report, written by
//! reading each report (never from the parser's output). Format, one item per line:
//!
//! ```text
//! # comment
//! slug: 20260315-221940-pr-4637
//! date: 2026-03-15T22:19                 (or 2026-03-13 when the Date row has no time)
//! reviewer: Claude Opus 4.7 | xhigh      (display name, then the effort when one is written)
//! verdict: Merge with fixes
//! counts: critical=1 important=4 suggestion=3 design=3
//! C1 critical | Plain-text title of the finding
//! not-a-deep-review: Supply Chain Scan   (instead of all of the above, for other documents)
//! ```
//!
//! Conventions for titles (shared with the parser's rules): Markdown stripped (code spans keep
//! their text, emphasis/links reduced to text), wrapped lines joined; G0 tagged titles lose the
//! `[SEV] path:lines — ` prefix; a design item without a leading bold title is titled by its
//! first sentence — kept with its closing punctuation — without scope tags and agent brackets.
//!
//! The tests skip (with a message) when `../shared/corpus/lima` is absent.

use deep_review::model::{Counts, Level, Review, Severity, Status};
use deep_review::parse::{self, json, ParseError};
use std::collections::BTreeSet;

mod common;

// ---------------------------------------------------------------------------------------------
// Expectation files

#[derive(Debug, Default)]
struct Expected {
    slug: String,
    date: String,
    /// (display name, effort)
    reviewers: Vec<(String, Option<String>)>,
    verdict: String,
    /// critical, important, suggestion, design
    counts: [u32; 4],
    findings: Vec<ExpectedFinding>,
    /// `Some(kind)` for a document that is not a Deep Review.
    not_a_review: Option<String>,
}

#[derive(Debug)]
struct ExpectedFinding {
    id: String,
    severity: Severity,
    title: String,
}

/// Read an expectation file. Mistakes in the file itself (unknown keys, counts that do not match
/// the listed findings, ids out of sequence) panic with the line, so they cannot pass silently.
fn read_expected(stem: &str, text: &str) -> Expected {
    let mut e = Expected::default();
    let mut counts_line = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        let at = || format!("tests/corpus_expect/{stem}.txt:{}", n + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some((key, value)) = line.split_once(": ").filter(|(k, _)| {
            matches!(
                *k,
                "slug" | "date" | "reviewer" | "verdict" | "counts" | "not-a-deep-review"
            )
        }) {
            let value = value.trim().to_string();
            match key {
                "slug" => e.slug = value,
                "date" => e.date = value,
                "verdict" => e.verdict = value,
                "not-a-deep-review" => e.not_a_review = Some(value),
                "reviewer" => e.reviewers.push(match value.split_once(" | ") {
                    Some((name, effort)) => (name.to_string(), Some(effort.to_string())),
                    None => (value, None),
                }),
                _ => {
                    let mut c = [0u32; 4];
                    for (i, part) in value.split_whitespace().enumerate() {
                        let want = ["critical", "important", "suggestion", "design"];
                        let (k, v) = part
                            .split_once('=')
                            .unwrap_or_else(|| panic!("{}: bad counts item {part:?}", at()));
                        assert_eq!(Some(&k), want.get(i), "{}: counts order", at());
                        c[i] = v
                            .parse()
                            .unwrap_or_else(|_| panic!("{}: bad count {v:?}", at()));
                    }
                    counts_line = Some(c);
                }
            }
            continue;
        }
        let (head, title) = line
            .split_once(" | ")
            .unwrap_or_else(|| panic!("{}: expected `ID severity | title`", at()));
        let (id, sev) = head
            .split_once(' ')
            .unwrap_or_else(|| panic!("{}: expected `ID severity`", at()));
        let severity =
            Severity::parse(sev).unwrap_or_else(|| panic!("{}: unknown severity {sev:?}", at()));
        assert!(
            id.starts_with(severity.letter()),
            "{}: id {id} does not match severity {sev}",
            at()
        );
        assert!(!title.trim().is_empty(), "{}: empty title", at());
        e.findings.push(ExpectedFinding {
            id: id.to_string(),
            severity,
            title: title.to_string(),
        });
    }

    if e.not_a_review.is_some() {
        return e;
    }
    let file = format!("tests/corpus_expect/{stem}.txt");
    assert_eq!(e.slug, stem, "{file}: slug");
    assert!(!e.date.is_empty(), "{file}: no date");
    assert!(!e.reviewers.is_empty(), "{file}: no reviewers");
    assert!(!e.verdict.is_empty(), "{file}: no verdict");
    e.counts = counts_line.unwrap_or_else(|| panic!("{file}: no counts line"));
    // The counts line is written separately from the list; both must agree, and each section's
    // ids must run 1..n in order.
    for (i, sev) in Severity::ALL.into_iter().enumerate() {
        let ids: Vec<&str> = e
            .findings
            .iter()
            .filter(|f| f.severity == sev)
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(ids.len() as u32, e.counts[i], "{file}: {sev} count vs list");
        for (k, id) in ids.iter().enumerate() {
            assert_eq!(
                *id,
                format!("{}{}", sev.letter(), k + 1),
                "{file}: {sev} ids"
            );
        }
    }
    e
}

// ---------------------------------------------------------------------------------------------
// Corpus access

// ---------------------------------------------------------------------------------------------
// Checks

fn quote(s: &str) -> String {
    format!("“{s}”")
}

/// Compare a parsed review with the expectations; every difference is listed.
fn mismatches(e: &Expected, r: &Review) -> Vec<String> {
    let mut out = Vec::new();
    let mut cmp = |what: &str, want: &str, got: &str| {
        if want != got {
            out.push(format!(
                "{what}: expected {}, actual {}",
                quote(want),
                quote(got)
            ));
        }
    };
    cmp("slug", &e.slug, &r.slug);
    cmp("meta.date", &e.date, &r.meta.date);
    let got_verdict = r
        .meta
        .verdict
        .as_ref()
        .map_or("<none>", |v| v.label.as_str());
    cmp("meta.verdict.label", &e.verdict, got_verdict);

    let want_names: Vec<&str> = e.reviewers.iter().map(|(n, _)| n.as_str()).collect();
    let got_names: Vec<&str> = r.meta.reviewers.iter().map(|x| x.name.as_str()).collect();
    cmp(
        "meta.reviewers names",
        &want_names.join(", "),
        &got_names.join(", "),
    );
    for ((name, effort), got) in e.reviewers.iter().zip(&r.meta.reviewers) {
        let want = effort.as_deref().unwrap_or("<none>");
        let have = got.effort.as_deref().unwrap_or("<none>");
        cmp(&format!("effort of {name}"), want, have);
    }

    let c = Counts::of(&r.findings);
    for (i, sev) in Severity::ALL.into_iter().enumerate() {
        if c.severity(sev) != e.counts[i] {
            out.push(format!(
                "{sev} findings: expected {}, actual {}",
                e.counts[i],
                c.severity(sev)
            ));
        }
    }

    let want_ids: Vec<&str> = e.findings.iter().map(|f| f.id.as_str()).collect();
    let got_ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    if want_ids != got_ids {
        out.push(format!(
            "finding ids in document order:\n      expected [{}]\n      actual   [{}]",
            want_ids.join(" "),
            got_ids.join(" ")
        ));
    }
    for f in &e.findings {
        match r.findings.iter().find(|g| g.id == f.id) {
            None => out.push(format!(
                "{}: missing (expected {} {})",
                f.id,
                f.severity,
                quote(&f.title)
            )),
            Some(g) => {
                if g.severity != f.severity {
                    out.push(format!(
                        "{}: severity expected {}, actual {}",
                        f.id, f.severity, g.severity
                    ));
                }
                if g.title != f.title {
                    out.push(format!(
                        "{}: title\n      expected {}\n      actual   {}",
                        f.id,
                        quote(&f.title),
                        quote(&g.title)
                    ));
                }
            }
        }
    }
    let known: BTreeSet<&str> = want_ids.iter().copied().collect();
    for g in r.findings.iter().filter(|g| !known.contains(g.id.as_str())) {
        out.push(format!(
            "{}: unexpected {} finding {} (line {})",
            g.id,
            g.severity,
            quote(&g.title),
            g.line
        ));
    }

    for d in r.diagnostics.iter().filter(|d| d.level == Level::Error) {
        out.push(format!(
            "error diagnostic at line {}: {}",
            d.line, d.message
        ));
    }
    out
}

fn check_expected(stem: &str, expect_text: &str) {
    let e = read_expected(stem, expect_text);
    let Some(text) = common::lima_text(stem) else {
        return;
    };
    let result = parse::parse_text(&text);
    if let Some(kind) = &e.not_a_review {
        match result {
            Err(err) => {
                let ParseError::NotADeepReview { kind: got, .. } = &err else {
                    panic!("{stem}.md: expected NotADeepReview({kind}), got {err:?}");
                };
                assert_eq!(got.as_deref(), Some(kind.as_str()), "{stem}.md: kind");
                assert!(
                    err.to_string().contains("not a Deep Review"),
                    "{stem}.md: message {:?} should say \"not a Deep Review\"",
                    err.to_string()
                );
            }
            Ok(r) => panic!(
                "{stem}.md: expected NotADeepReview({kind}), but it parsed as a review (slug {:?}, {} findings)",
                r.slug,
                r.findings.len()
            ),
        }
        return;
    }
    let review = result.unwrap_or_else(|err| panic!("{stem}.md: parse failed: {err}"));
    let problems = mismatches(&e, &review);
    if !problems.is_empty() {
        panic!(
            "{stem}.md: {} mismatch(es) with tests/corpus_expect/{stem}.txt:\n  - {}",
            problems.len(),
            problems.join("\n  - ")
        );
    }
}

/// The first path at which two JSON values differ, for a readable failure.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(p, q, &format!("{path}.{k}")),
                (p, q) => Some(format!("{path}.{k}: {p:?} vs {q:?}")),
            })
        }
        (Value::Array(x), Value::Array(y)) => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{path}[{i}]")))
            .or_else(|| {
                (x.len() != y.len()).then(|| format!("{path}: length {} vs {}", x.len(), y.len()))
            }),
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}

fn check_round_trip(stem: &str, expect_text: &str) {
    let e = read_expected(stem, expect_text);
    assert!(
        e.not_a_review.is_none(),
        "{stem} is listed as a Deep Review but its expectations say it is not one"
    );
    let Some(text) = common::lima_text(stem) else {
        return;
    };
    let first = parse::parse_text(&text).unwrap_or_else(|err| panic!("{stem}.md: {err}"));
    let from_bytes =
        parse::parse_bytes(text.as_bytes()).unwrap_or_else(|err| panic!("{stem}.md: {err}"));
    assert!(
        from_bytes == first,
        "{stem}.md: parse_bytes and parse_text disagree"
    );
    for pretty in [false, true] {
        let out = json::to_json(&first, pretty);
        let again = json::parse_json(&out).unwrap_or_else(|err| {
            panic!("{stem}.md: its own JSON (pretty={pretty}) is refused: {err}")
        });
        if again != first {
            let a = serde_json::to_value(&first).expect("serializable");
            let b = serde_json::to_value(&again).expect("serializable");
            let at = first_difference(&a, &b, "$")
                .unwrap_or_else(|| "no difference in JSON values".to_string());
            panic!("{stem}.md: Markdown → JSON (pretty={pretty}) → Review is not lossless; first difference at {at}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One module per corpus file: `<module>::expected` and, for Deep Reviews, `<module>::json_round_trip`.

macro_rules! corpus {
    (
        reviews { $($r:ident => $rs:literal,)* }
        others { $($o:ident => $os:literal,)* }
    ) => {
        $(
            mod $r {
                const EXPECT: &str = include_str!(concat!("corpus_expect/", $rs, ".txt"));
                #[test]
                fn expected() {
                    super::check_expected($rs, EXPECT);
                }
                #[test]
                fn json_round_trip() {
                    super::check_round_trip($rs, EXPECT);
                }
            }
        )*
        $(
            mod $o {
                #[test]
                fn expected() {
                    super::check_expected($os, include_str!(concat!("corpus_expect/", $os, ".txt")));
                }
            }
        )*
        const STEMS: &[&str] = &[$($rs,)* $($os,)*];
    };
}

corpus! {
    reviews {
        r20260313_000000_shell_sync => "20260313-000000-shell-sync",
        r20260315_221940_pr_4637 => "20260315-221940-pr-4637",
        r20260327_102152_pr_4419 => "20260327-102152-pr-4419",
        r20260327_223819_pr_4637 => "20260327-223819-pr-4637",
        r20260329_220049_pr_4419 => "20260329-220049-pr-4419",
        r20260401_213317_pr_4637 => "20260401-213317-pr-4637",
        r20260405_002704_pr_4799 => "20260405-002704-pr-4799",
        r20260405_135529_pr_4799 => "20260405-135529-pr-4799",
        r20260414_134852_pr_4831 => "20260414-134852-pr-4831",
        r20260420_120300_pr_4831 => "20260420-120300-pr-4831",
        r20260420_213558_pr_4419 => "20260420-213558-pr-4419",
        r20260424_190657_pr_4885 => "20260424-190657-pr-4885",
        r20260426_165750_pr_4889 => "20260426-165750-pr-4889",
        r20260501_221035_pr_4917 => "20260501-221035-pr-4917",
        r20260512_213934_pr_4967 => "20260512-213934-pr-4967",
        r20260515_184528_fix_ga_sock_reconnect => "20260515-184528-fix-ga-sock-reconnect",
        r20260517_130016_windows_plain_ci => "20260517-130016-windows-plain-ci",
        r20260517_134511_windows_plain_ci => "20260517-134511-windows-plain-ci",
        r20260518_233828_pr_4911 => "20260518-233828-pr-4911",
        r20260519_084740_pr_5013 => "20260519-084740-pr-5013",
        r20260519_100641_pr_4985 => "20260519-100641-pr-4985",
        r20260519_154901_pr_4995 => "20260519-154901-pr-4995",
        r20260519_183659_pr_4996 => "20260519-183659-pr-4996",
        r20260519_210030_pr_4991 => "20260519-210030-pr-4991",
        r20260521_115429_pr_5022 => "20260521-115429-pr-5022",
        r20260521_135357_pr_5021 => "20260521-135357-pr-5021",
    }
    others {
        s20260429_132320_supply_chain => "20260429-132320-supply-chain",
        s20260429_162736_supply_chain => "20260429-162736-supply-chain",
    }
}

/// Every corpus file has expectations, and every expectation names a corpus file.
#[test]
fn every_corpus_file_is_covered() {
    let Some(dir) = common::corpus_dir("lima") else {
        return;
    };
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".md").map(str::to_string)
        })
        .collect();
    let listed: BTreeSet<String> = STEMS.iter().map(|s| s.to_string()).collect();
    assert_eq!(listed.len(), STEMS.len(), "a stem is listed twice");
    let missing: Vec<&String> = on_disk.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&on_disk).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "corpus files without expectations: {missing:?}; expectations without a corpus file: {stale:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// What the expectation files do not say: statuses, appendix passes, the retro of six agents

#[test]
fn corpus_resolution_after_the_appendix_and_multi_pass_appendix() {
    let Some(r) = common::lima_review("20260414-134852-pr-4831") else {
        return;
    };
    common::assert_no_errors(&r, &r.slug);
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
    let Some(r) = common::lima_review("20260515-184528-fix-ga-sock-reconnect") else {
        return;
    };
    common::assert_no_errors(&r, &r.slug);
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
