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
