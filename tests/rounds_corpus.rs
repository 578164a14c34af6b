//! Rounds on the real lima corpus (`../shared/corpus/lima`): thread grouping of all 26 Deep
//! Reviews, references and lifecycles across rounds. The judged pairs of the five multi-round
//! threads are in `tests/fixtures/judged/lima/` (`tests/rounds_judged.rs`).
//!
//! Skips (with a message) when the corpus folder is absent, unless `DEEP_REVIEW_CORPUS=required`.

use deep_review::model::Severity;
use deep_review::rounds::{self, MatchVia, Outcome};
use std::collections::BTreeSet;

mod common;
use common::{find_diff, path};

#[test]
fn all_26_reports_form_the_expected_threads() {
    let Some(reviews) = common::lima_reviews() else {
        return;
    };
    assert_eq!(reviews.len(), 26, "26 Deep Reviews in the corpus");
    let groups = rounds::group_threads(&reviews);
    let got: BTreeSet<Vec<&str>> = groups
        .iter()
        .map(|g| {
            g.members
                .iter()
                .map(|&i| reviews[i].slug.as_str())
                .collect()
        })
        .collect();
    let multi: &[&[&str]] = &[
        &[
            "20260315-221940-pr-4637", // no Round or Repo row: placed by date, repo from PR link
            "20260327-223819-pr-4637",
            "20260401-213317-pr-4637",
        ],
        &[
            "20260327-102152-pr-4419",
            "20260329-220049-pr-4419",
            "20260420-213558-pr-4419",
        ],
        &["20260405-002704-pr-4799", "20260405-135529-pr-4799"],
        &["20260414-134852-pr-4831", "20260420-120300-pr-4831"],
        &[
            "20260517-130016-windows-plain-ci", // branch only, no PR
            "20260517-134511-windows-plain-ci",
        ],
        // One PR: the branch `fix/ga-sock-reconnect` was reviewed before PR #4911 was opened
        // from it (same commit subject; the PR review cites "prior PR feedback"). Both call
        // themselves round 1 of their own target, so the thread says so.
        &[
            "20260515-184528-fix-ga-sock-reconnect",
            "20260518-233828-pr-4911",
        ],
    ];
    let single = [
        "20260313-000000-shell-sync",
        "20260424-190657-pr-4885",
        "20260426-165750-pr-4889",
        "20260501-221035-pr-4917",
        "20260512-213934-pr-4967",
        "20260519-084740-pr-5013",
        "20260519-100641-pr-4985",
        "20260519-154901-pr-4995",
        "20260519-183659-pr-4996",
        "20260519-210030-pr-4991",
        "20260521-115429-pr-5022",
        "20260521-135357-pr-5021",
    ];
    let want: BTreeSet<Vec<&str>> = multi
        .iter()
        .map(|m| m.to_vec())
        .chain(single.iter().map(|s| vec![*s]))
        .collect();
    assert_eq!(got, want);
    let ga = groups
        .iter()
        .find(|g| g.label == "lima-vm/lima#4911")
        .expect("PR 4911 thread");
    assert_eq!(ga.warnings, vec!["two reports are Round 1".to_string()]);
    let labels: BTreeSet<&str> = groups.iter().map(|g| g.label.as_str()).collect();
    for l in [
        "lima-vm/lima#4637",
        "lima-vm/lima#4419",
        "lima-vm/lima@windows-plain-ci",
        "lima-vm/lima#4911",
        "shell-sync",
    ] {
        assert!(labels.contains(l), "thread label {l} in {labels:?}");
    }
}

#[test]
fn explicit_cross_references_pair_first() {
    let Some(reviews) = common::lima_reviews() else {
        return;
    };
    let threads = rounds::thread_reports(&reviews);
    let d = find_diff(
        &threads,
        "20260329-220049-pr-4419",
        "20260420-213558-pr-4419",
    );
    let via_xref: BTreeSet<(&str, &str)> = d
        .pairs
        .iter()
        .filter(|p| p.explanation.via == MatchVia::Xref)
        .map(|p| (p.earlier.id.as_str(), p.later.id.as_str()))
        .collect();
    let want: BTreeSet<(&str, &str)> = [
        ("I1", "I1"),
        ("I2", "I3"),
        ("I3", "I4"),
        ("S1", "S6"),
        ("S2", "S7"),
    ]
    .into();
    assert_eq!(
        via_xref, want,
        "pairs found through `(round 2 I1 unaddressed)`-style title-line notes: the parser must \
         pass the whole title line to xref::cross_refs when filling Finding.refs"
    );
    // Nothing was fixed between these two rounds (same commit): at most round 2's design note
    // (judged unsure) is not carried.
    assert_eq!(d.summary.earlier, 6);
    assert!(d.summary.persisting >= 5, "{}", d.summary.sentence);
}

#[test]
fn lifecycles_across_three_rounds() {
    let Some(reviews) = common::lima_reviews() else {
        return;
    };
    let threads = rounds::thread_reports(&reviews);
    let t4637 = threads
        .iter()
        .find(|t| t.label == "lima-vm/lima#4637")
        .expect("PR 4637 thread");
    assert_eq!(t4637.rounds.len(), 3);
    // The first report has no Round row; it is round 1 by position.
    assert_eq!(t4637.rounds[0].round, None);
    assert_eq!(t4637.rounds[0].effective_round, 1);
    // EnsureDisk's rename path: suggestion S1 → important I5 → critical C1.
    let life = t4637.lifecycle_of(0, 5).expect("round 1 S1 lifecycle");
    assert_eq!(
        path(life),
        vec![
            (0, "S1", Severity::Suggestion),
            (1, "I5", Severity::Important),
            (2, "C1", Severity::Critical)
        ]
    );
    assert_eq!(life.resolved_in, None);
    assert_eq!(life.outcome, None, "still open in the last round");
    // Round 1's `example.com` test URL suggestion is gone in round 2, which reviewed the same
    // commit and says nothing of it: not raised again, never "resolved".
    let s3 = t4637.lifecycle_of(0, 7).expect("round 1 S3");
    assert_eq!(s3.appearances.len(), 1);
    assert_eq!(s3.outcome, Some(Outcome::NotRaised));
    assert_eq!(s3.resolved_in, None);

    // PR 4419: round 1 I4 skipped round 2 and is re-raised in round 3 as I2
    // ("(round 1 I4 deferred)").
    let t4419 = threads
        .iter()
        .find(|t| t.label == "lima-vm/lima#4419")
        .expect("PR 4419 thread");
    let i4 = t4419.lifecycle_of(0, 3).expect("round 1 I4");
    let path: Vec<(usize, &str)> = i4
        .appearances
        .iter()
        .map(|a| (a.round, a.id.as_str()))
        .collect();
    assert_eq!(
        path,
        vec![(0, "I4"), (2, "I2")],
        "`(round 1 I4 deferred)` is a title-line note: Finding.refs must include it"
    );

    // Agents: every followed finding has exactly one outcome.
    for t in [t4637, t4419] {
        for a in &t.agents {
            assert_eq!(
                a.fixed + a.declined + a.persisted + a.demoted + a.dropped + a.not_raised,
                a.followed,
                "{}: {a:?}",
                t.label
            );
            assert!(a.followed <= a.raised);
        }
    }
}
