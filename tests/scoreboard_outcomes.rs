//! The threads' outcomes `deep-review index` stores in `index.json` (`Index::outcomes`), which
//! the scoreboard screen reads instead of diffing the bundled rounds again in the browser: the
//! same figures as threading, used only where they fit, and the bundled index carries them.

use deep_review::model::{Index, Outcomes, Review, OUTCOMES_VERSION};
use deep_review::parse;
use deep_review::scoreboard::{outcomes, Corpus, Filter, Grouping, Prepared, FINDING_METRICS};
use std::path::Path;
use std::sync::Arc;

mod common;

const BUNDLED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/reviews");

/// The bundled reports in the order of their index (the order the app loads them in).
fn bundled() -> Vec<Review> {
    let index: Index =
        serde_json::from_slice(&std::fs::read(Path::new(BUNDLED).join("index.json")).unwrap())
            .unwrap();
    index
        .reports
        .iter()
        .map(|e| parse::parse_bytes(&std::fs::read(Path::new(BUNDLED).join(&e.path)).unwrap()))
        .map(|r| r.expect("bundled report parses"))
        .collect()
}

fn filters() -> Vec<Filter> {
    vec![
        Filter::default(),
        Filter {
            since: Some("2026-08".into()),
            ..Default::default()
        },
        Filter {
            repo: Some("lima-vm/lima".into()),
            ..Default::default()
        },
        Filter {
            until: Some("2026-07".into()),
            ..Default::default()
        },
    ]
}

/// Same scoreboard and same drill-downs (every family's findings behind every finding and
/// issue metric) from both preparations.
fn assert_same(reviews: &[Review], a: &Arc<Prepared>, b: Prepared, what: &str) {
    let a = Corpus::with(reviews, a.clone()).expect("same reports");
    let b = Corpus::with(reviews, Arc::new(b)).expect("same reports");
    for f in filters() {
        let board = a.scoreboard(&f);
        assert_eq!(board, b.scoreboard(&f), "{what}: {f:?}");
        for fam in &board.families {
            for m in FINDING_METRICS
                .iter()
                .chain(["issues", "fixed", "noise"].iter())
            {
                assert_eq!(
                    a.drill(&f, Grouping::Family, &fam.family, m),
                    b.drill(&f, Grouping::Family, &fam.family, m),
                    "{what}: {f:?} {} {m}",
                    fam.family
                );
            }
        }
    }
}

fn all_reports() -> Vec<Review> {
    let mut reviews = bundled();
    reviews.extend(common::lima_reviews().unwrap_or_default());
    reviews
}

#[test]
fn stored_outcomes_give_the_figures_of_threading() {
    let reviews = all_reports();
    let stored = outcomes(&reviews);
    assert_eq!(stored.version, OUTCOMES_VERSION);
    let fresh = Arc::new(Prepared::new(&reviews));
    let from_index = Prepared::with_outcomes(&reviews, Some(&stored), |_| true);
    // Every thread came from the stored outcomes, none was threaded again.
    let (reused, threads) = from_index.reused();
    assert!(threads >= 5, "{threads} threads");
    assert_eq!(reused, threads);
    assert_eq!(fresh.reused(), (0, threads));
    assert_same(&reviews, &fresh, from_index, "stored outcomes");
}

/// A thread holding a report the index did not come with (a file opened by the user) is
/// threaded again, whatever the index says about it; the other threads are still taken.
#[test]
fn a_thread_with_an_opened_report_is_threaded_again() {
    let reviews = all_reports();
    let mut stored = outcomes(&reviews);
    // What the index says is wrong for every thread: each issue `open`.
    for t in &mut stored.threads {
        for f in &mut t.fates {
            *f = "open".into();
        }
    }
    let opened = reviews
        .iter()
        .position(|r| r.slug.contains("pr-437"))
        .expect("PR 437 is bundled");
    let prep = Prepared::with_outcomes(&reviews, Some(&stored), |i| i != opened);
    let (reused, threads) = prep.reused();
    assert_eq!(reused, threads - 1);
    let corpus = Corpus::with(&reviews, Arc::new(prep)).unwrap();
    let pr437 = Filter {
        pr: Some(437),
        ..Default::default()
    };
    let fresh = Corpus::new(&reviews);
    // PR 437 was threaded: its figures are the true ones, with fixed issues.
    assert_eq!(corpus.scoreboard(&pr437), fresh.scoreboard(&pr437));
    assert!(corpus.scoreboard(&pr437).families[0].total.fates.fixed > 0);
    // The others were read from the (doctored) index: nothing fixed there.
    let pr412 = Filter {
        pr: Some(412),
        ..Default::default()
    };
    let board = corpus.scoreboard(&pr412);
    assert!(board.reports > 0);
    assert!(board.families.iter().all(|f| f.total.fates.fixed == 0));
    assert_ne!(board, fresh.scoreboard(&pr412));
}

/// Outcomes that do not fit the reports are never used: another version, a thread whose
/// reports or findings differ (a report edited after indexing), an unknown fate.
#[test]
fn outcomes_that_do_not_fit_are_ignored() {
    let reviews = all_reports();
    let fresh = Arc::new(Prepared::new(&reviews));
    let good = outcomes(&reviews);
    let doctored: Vec<(&str, Outcomes)> = vec![
        ("other version", {
            let mut o = good.clone();
            o.version += 1;
            o
        }),
        ("a finding more", {
            let mut o = good.clone();
            for t in &mut o.threads {
                t.issues[0].push(0);
            }
            o
        }),
        ("a report less", {
            let mut o = good.clone();
            for t in &mut o.threads {
                t.reports.pop();
                t.issues.pop();
            }
            o
        }),
        ("unknown fate", {
            let mut o = good.clone();
            for t in &mut o.threads {
                t.fates[0] = "maybe".into();
            }
            o
        }),
        ("issue out of range", {
            let mut o = good.clone();
            for t in &mut o.threads {
                let n = t.fates.len() as u32;
                t.issues[0][0] = n;
            }
            o
        }),
    ];
    for (what, o) in doctored {
        let prep = Prepared::with_outcomes(&reviews, Some(&o), |_| true);
        assert_eq!(prep.reused().0, 0, "{what}");
        assert_same(&reviews, &fresh, prep, what);
    }
}

/// The bundled `index.json` carries the outcomes of the bundled reports as this build threads
/// them (`scripts/test` also compares the whole file with a fresh `deep-review index`).
#[test]
fn the_bundled_index_carries_current_outcomes() {
    let index: Index =
        serde_json::from_slice(&std::fs::read(Path::new(BUNDLED).join("index.json")).unwrap())
            .unwrap();
    let reviews = bundled();
    let stored = index.outcomes.expect("index.json has outcomes");
    assert_eq!(stored, outcomes(&reviews));
    let prep = Prepared::with_outcomes(&reviews, Some(&stored), |_| true);
    assert_eq!(prep.reused().0, prep.reused().1);
}
