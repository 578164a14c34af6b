//! The round diff on generated rounds (`bench/rounds_input.rs`, the benchmark's input): sizes,
//! a plausible diff, and a shape that once took a minute (issue 11).

use deep_review::rounds::{diff_reviews, Outcome, THRESHOLD};

#[path = "../bench/rounds_input.rs"]
mod rounds_input;
use rounds_input::bench_rounds;

#[test]
fn bench_generator_gives_the_requested_sizes_and_plausible_diff() {
    let (e, l) = bench_rounds(60);
    assert_eq!((e.findings.len(), l.findings.len()), (60, 60));
    let d = diff_reviews(&e, &l);
    // About 60% of the earlier findings were kept with small edits: most should pair.
    assert!(d.summary.persisting >= 25, "{}", d.summary.sentence);
    assert!(d.pairs.iter().all(|p| p.explanation.score >= THRESHOLD));
    assert!(d.earlier_rows.iter().all(|r| r.outcome != Outcome::New));
}

/// Issue 11 shape 6: 100 findings × 1,000 locations each on both sides (about 3 MB a
/// report) took 63 s when every location was compared with every other per pair; paths are
/// now sets (at most 64 a finding), so this is a fraction of a second. Times go to the
/// benchmark; this checks the result.
#[test]
fn a_hundred_findings_with_a_thousand_locations_each() {
    let (mut e, mut l) = bench_rounds(100);
    for (k, f) in e
        .findings
        .iter_mut()
        .chain(l.findings.iter_mut())
        .enumerate()
    {
        f.locations = (0..1000)
            .map(|i| deep_review::model::Location {
                path: format!("pkg/m{}/file{}.go", (i * 7 + k) % 97, i),
                start_line: Some(i as u32 + 1),
                end_line: None,
                text: format!("pkg/m{}/file{}.go:{}", (i * 7 + k) % 97, i, i + 1),
            })
            .collect();
    }
    let d = diff_reviews(&e, &l);
    let s = &d.summary;
    assert_eq!(
        s.fixed + s.declined + s.persisting + s.demoted + s.dropped + s.not_raised,
        100
    );
    assert_eq!(s.paired + s.new, 100);
    assert!(s.persisting >= 40, "{}", s.sentence);
}

/// Proposals quoted back (`src/rounds/applied.rs`): 1,000 earlier findings, each proposing 50
/// lines after its `Fix:`, and 1,000 later findings each quoting 50 lines of 50 different
/// proposals. Comparing every later finding with every proposal took 50 s in the CLI for two
/// 33 MB reports of 2,000 such findings; a later finding is now compared only with the few
/// proposals it quotes most (1.8 s for those two reports). Each later finding quotes one line
/// of each proposal: a relation at most, never a pair.
#[test]
fn many_findings_quoting_many_proposals() {
    let (n, lines) = (1000, 50);
    let code = |tag: &str, i: usize, k: usize| {
        format!("    let value_{tag}_{i}_{k} = compute_something({i}, {k});")
    };
    let (mut e, mut l) = bench_rounds(n);
    for (i, f) in e.findings.iter_mut().enumerate() {
        let old: Vec<String> = (0..lines).map(|k| code("old", i, k)).collect();
        let new: Vec<String> = (0..lines).map(|k| code("new", i, k)).collect();
        f.body_md = format!(
            "```rust\n{}\n```\n\nFix:\n\n```rust\n{}\n```\n",
            old.join("\n"),
            new.join("\n")
        );
    }
    for (j, f) in l.findings.iter_mut().enumerate() {
        let quoted: Vec<String> = (0..lines)
            .map(|k| code("new", (j * 7 + k * 13) % n, k))
            .collect();
        f.body_md = format!("```rust\n{}\n```\n", quoted.join("\n"));
    }
    let d = deep_review::rounds::diff_reviews(&e, &l);
    assert_eq!(d.summary.paired + d.summary.new, n);
    // One quoted line is not a landed proposal: no earlier finding is called fixed for it.
    assert_eq!(d.summary.fixed, 0, "{}", d.summary.sentence);
}
