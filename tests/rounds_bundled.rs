//! Rounds on the bundled sample reports (`public/reviews/`): thread grouping (a branch-keyed
//! report joins its PR's thread; round order against dates), severity and status changes,
//! lifecycles, and the `deep-review diff` / `thread` commands. The pairs and outcomes of every
//! pair of rounds are checked against the judged files in `tests/fixtures/judged/bundled/`
//! (`tests/rounds_judged.rs`).

use deep_review::model::{Review, Severity, Status};
use deep_review::parse;
use deep_review::rounds::{self, Outcome};
use std::path::Path;

mod common;
use common::{cli, find_diff, path};

const REVIEWS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/reviews");

fn load(name: &str) -> Review {
    let path = Path::new(REVIEWS).join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn all() -> Vec<Review> {
    let mut names: Vec<String> = std::fs::read_dir(REVIEWS)
        .expect("public/reviews readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names.iter().map(|n| load(n)).collect()
}

#[test]
fn bundled_reports_form_five_threads_in_round_order() {
    let reviews = all();
    let groups = rounds::group_threads(&reviews);
    let got: Vec<(String, Vec<&str>)> = groups
        .iter()
        .map(|g| {
            let slugs = g
                .members
                .iter()
                .map(|&i| reviews[i].slug.as_str())
                .collect();
            (g.label.clone(), slugs)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "acme-labs/tidewater#377".to_string(),
                vec!["20260318-142210-inotify-overflow"]
            ),
            (
                "acme-labs/tidewater#412".to_string(),
                vec![
                    "20260714-102241-pr-412",
                    "20260718-160512-pr-412",
                    "20260721-114730-pr-412"
                ]
            ),
            (
                "acme-labs/tidewater#418".to_string(),
                vec![
                    "20260716-091208-pr-418",
                    "20260720-203015-pr-418",
                    "20260724-130544-pr-418"
                ]
            ),
            (
                "acme-labs/tidewater#437".to_string(),
                vec![
                    "20260803-094112-pr-437",
                    "20260806-142005-pr-437",
                    "20260810-100236-pr-437",
                    "20260813-164851-pr-437"
                ]
            ),
            // Round 2 names no PR, only the branch of PR #441, and is dated before round 1.
            (
                "acme-labs/tidewater#441".to_string(),
                vec!["20260819-112034-pr-441", "20260818-174502-pr-441"]
            ),
        ]
    );
    let warnings: Vec<&Vec<String>> = groups.iter().map(|g| &g.warnings).collect();
    assert!(warnings[..4].iter().all(|w| w.is_empty()), "{warnings:?}");
    assert_eq!(
        warnings[4],
        &vec![
            "Round 2 is dated 2026-08-18 17:45 but Round 1 2026-08-19 11:20: rounds are ordered \
             by their round numbers"
                .to_string()
        ]
    );
}

#[test]
fn severity_and_status_changes_are_reported() {
    let threads = rounds::thread_reports(&all());
    let d = find_diff(&threads, "20260714-102241-pr-412", "20260718-160512-pr-412");
    let i5 = d
        .pairs
        .iter()
        .find(|p| p.earlier.id == "I5")
        .expect("I5 pair");
    let sev = i5.severity_changed.expect("I5 was demoted to a suggestion");
    assert_eq!(
        (sev.from, sev.to),
        (Severity::Important, Severity::Suggestion)
    );
    let st = i5.status_changed.expect("and marked demoted");
    assert_eq!((st.from, st.to), (Status::Open, Status::Demoted));
    // Round 2 writes "(downgraded from Important …)": a demotion, not just a re-rating.
    assert_eq!(i5.outcome, Outcome::Demoted);
    // S4 → I4 ("This is Round 1's S4, promoted"): persisting, re-rated.
    let s4 = &d.earlier_rows[d
        .earlier_rows
        .iter()
        .position(|r| r.finding.id == "S4")
        .unwrap()];
    assert_eq!(s4.outcome, Outcome::Persisting);
    assert_eq!(s4.later.as_ref().map(|l| l.id.as_str()), Some("I4"));
    assert_eq!(
        s4.severity_changed.map(|c| (c.from, c.to)),
        Some((Severity::Suggestion, Severity::Important))
    );
    // Round 1 D2 is listed under "Declined in prior rounds".
    let d2 = d
        .earlier_rows
        .iter()
        .find(|r| r.finding.id == "D2")
        .unwrap();
    assert_eq!(d2.outcome, Outcome::Declined);
    assert!(
        d2.evidence[0].contains("Declined in prior rounds"),
        "{:?}",
        d2.evidence
    );

    // Round 2 → 3 of PR #412: S6 → S4 persists, and round 3's own Resolution skips it.
    let d = find_diff(&threads, "20260718-160512-pr-412", "20260721-114730-pr-412");
    let s6 = d
        .pairs
        .iter()
        .find(|p| p.earlier.id == "S6")
        .expect("S6 pair");
    assert_eq!(s6.outcome, Outcome::Persisting);
    assert_eq!(s6.status_changed.map(|c| c.to), Some(Status::Declined));
    // Everything the summary counts adds up to both rounds.
    let s = &d.summary;
    assert_eq!(
        s.fixed + s.declined + s.persisting + s.demoted + s.dropped + s.not_raised,
        s.earlier
    );
    assert_eq!(s.paired + s.new, s.later);
}

#[test]
fn lifecycle_of_a_finding_across_three_rounds() {
    let threads = rounds::thread_reports(&all());
    let t = threads
        .iter()
        .find(|t| t.label == "acme-labs/tidewater#418")
        .expect("PR 418");
    // Round 1 S4 (no Go test for a stalled subscriber) → round 2 I4 (promoted) → fixed, as
    // round 3 says.
    let r1 = load("20260716-091208-pr-418.md");
    let s4 = r1.findings.iter().position(|f| f.id == "S4").expect("S4");
    let life = t.lifecycle_of(0, s4).expect("lifecycle");
    assert_eq!(
        path(life),
        vec![
            (0, "S4", Severity::Suggestion),
            (1, "I4", Severity::Important)
        ]
    );
    assert_eq!(life.outcome, Some(Outcome::Fixed), "{:?}", life.evidence);
    assert_eq!(life.resolved_in, Some(2));
    // Round 1 I5 (stale snapshot) → round 2 I3 → round 3 S1 (demoted): still open at the end.
    let i5 = r1.findings.iter().position(|f| f.id == "I5").expect("I5");
    let life = t.lifecycle_of(0, i5).expect("lifecycle");
    let ids: Vec<&str> = life.appearances.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["I5", "I3", "S1"]);
    assert_eq!(life.resolved_in, None);
    // Round 1 S7 was dropped as a false positive in round 1 itself.
    let s7 = r1.findings.iter().position(|f| f.id == "S7").expect("S7");
    assert_eq!(
        t.lifecycle_of(0, s7).and_then(|l| l.outcome),
        Some(Outcome::Dropped)
    );
    // Every followed finding is accounted for, per agent.
    for a in &t.agents {
        assert_eq!(
            a.fixed + a.declined + a.persisted + a.demoted + a.dropped + a.not_raised,
            a.followed,
            "{a:?}"
        );
    }
}

#[test]
fn cli_diff_and_thread() {
    let p = |n: &str| format!("{REVIEWS}/{n}");
    let (code, out, err) = cli(&[
        "diff",
        &p("20260716-091208-pr-418.md"),
        &p("20260720-203015-pr-418.md"),
    ]);
    assert_eq!(code, 0, "{err}");
    let d: serde_json::Value = serde_json::from_str(&out).expect("diff JSON");
    // Judged by reading (tests/fixtures/judged/bundled/): 7 fixed, 1 declined (D2), 7
    // persisting (S4 → I4 re-rated), 1 dropped (S7). Round 2 says S2 and S6 were fixed only in
    // paraphrase ("event parsing is guarded"), which the diff does not read: it says they were
    // not raised again rather than claim a fix it has no words for.
    let s = &d["summary"];
    let n = |k: &str| s[k].as_u64().unwrap();
    assert_eq!(
        (
            n("declined"),
            n("persisting"),
            n("severity_changed"),
            n("dropped"),
            n("new")
        ),
        (1, 7, 1, 1, 5),
        "{s}"
    );
    assert!(n("fixed") >= 5 && n("fixed") + n("not_raised") == 7, "{s}");
    assert!(s["sentence"]
        .as_str()
        .unwrap()
        .starts_with("Round 2 vs Round 1: "));
    for (i, row) in d["earlier_rows"]
        .as_array()
        .expect("earlier rows")
        .iter()
        .enumerate()
    {
        assert!(row["outcome"].is_string(), "earlier row {i}: {row}");
    }
    let first = &d["pairs"][0];
    for key in ["via", "title", "paths", "body", "symbols", "code", "score"] {
        assert!(
            first["explanation"].get(key).is_some(),
            "explanation.{key} in {first}"
        );
    }

    let (code, out, err) = cli(&[
        "thread",
        &p("20260724-130544-pr-418.md"),
        &p("20260716-091208-pr-418.md"),
        &p("20260720-203015-pr-418.md"),
        &p("20260318-142210-inotify-overflow.md"),
        "--pretty",
    ]);
    assert_eq!(code, 0, "{err}");
    let t: serde_json::Value = serde_json::from_str(&out).expect("thread JSON");
    let threads = t.as_array().expect("an array of threads");
    assert_eq!(threads.len(), 2);
    let pr = threads
        .iter()
        .find(|x| x["label"] == "acme-labs/tidewater#418")
        .expect("PR 418");
    assert_eq!(pr["rounds"].as_array().map(Vec::len), Some(3));
    assert_eq!(pr["rounds"][0]["slug"], "20260716-091208-pr-418");
    assert_eq!(pr["diffs"].as_array().map(Vec::len), Some(2));
    assert!(pr["lifecycles"].as_array().is_some_and(|l| !l.is_empty()));
    assert!(out.contains("\n  "), "--pretty indents");

    // The readable table: groups with counts, each row with its evidence.
    let (code, out, err) = cli(&[
        "diff",
        &p("20260716-091208-pr-418.md"),
        &p("20260720-203015-pr-418.md"),
        "--format",
        "table",
    ]);
    assert_eq!(code, 0, "{err}");
    for needle in [
        "FIXED (",
        "DECLINED / ACKNOWLEDGED (1)",
        "R1 D2",
        "Declined in prior rounds",
        "NEW (5)",
        // Round 2's I1 is at the code of R1 C1's fix, filed as a regression (judged so too).
        "      new, caused by the fix of R1 C1",
    ] {
        assert!(out.contains(needle), "{needle} in\n{out}");
    }
    // A pair made on similarity under the threshold (two design observations, on their bonus)
    // is marked for checking, with the option that undoes it; pairs above it are not, and
    // neither is a pair followed through a round between (I5 → S1 via round 2 scores 0.21
    // directly, but each step was paired on its own).
    let weak_lines = |args: &[&str]| -> Vec<String> {
        let (code, out, err) = cli(args);
        assert_eq!(code, 0, "{err}");
        out.lines()
            .filter(|l| l.contains("weak match"))
            .map(|l| l.trim().to_string())
            .collect()
    };
    let weak = weak_lines(&[
        "diff",
        &p("20260806-142005-pr-437.md"),
        &p("20260810-100236-pr-437.md"),
        "--format",
        "table",
    ]);
    assert_eq!(weak.len(), 1, "{weak:?}");
    assert!(
        weak[0].starts_with("R2 D1 → R3 D2")
            && weak[0].ends_with("weak match: check it (--unlink D1:D2)"),
        "{}",
        weak[0]
    );
    let chained = weak_lines(&[
        "diff",
        &p("20260716-091208-pr-418.md"),
        &p("20260724-130544-pr-418.md"),
        "--via",
        &p("20260720-203015-pr-418.md"),
        "--format",
        "table",
    ]);
    assert!(chained.is_empty(), "{chained:?}");
    // A manual link and a round in between.
    let (code, out, err) = cli(&[
        "diff",
        &p("20260716-091208-pr-418.md"),
        &p("20260724-130544-pr-418.md"),
        "--via",
        &p("20260720-203015-pr-418.md"),
        "--unlink",
        "I5:S1",
    ]);
    assert_eq!(code, 0, "{err}");
    let d: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(d["overrides"]["unlink"][0][0], "I5");
    let i5 = d["earlier_rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["finding"]["id"] == "I5")
        .unwrap();
    assert_eq!(i5["manual"], true);
    assert!(i5["later"].is_null(), "{i5}");
    // --help for every command.
    for cmd in ["parse", "index", "diff", "thread"] {
        let (code, out, _) = cli(&[cmd, "--help"]);
        assert_eq!(code, 0);
        assert!(out.starts_with(&format!("deep-review {cmd}")), "{out}");
    }

    // Errors: exit 2 and one line naming the problem.
    for (args, needle) in [
        (
            vec!["diff", &p("20260716-091208-pr-418.md")[..]],
            "exactly two",
        ),
        (vec!["thread"], "at least one"),
        (
            vec!["diff", "/nonexistent/a.md", "/nonexistent/b.md"],
            "cannot read",
        ),
        (vec!["diff", "--bogus", "a", "b"], "unknown option"),
        (
            vec!["diff", "a", "b", "--format", "xml"],
            "unknown --format",
        ),
        (vec!["diff", "a", "b", "--link", "I2"], "EARLIER:LATER"),
        (vec!["parse", "a", "--via", "b"], "does not take --via"),
    ] {
        let (code, out, err) = cli(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{args:?}: one line: {err}"
        );
    }
}
