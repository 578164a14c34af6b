//! Agent scoreboard (issue 14) over the bundled reports (`public/reviews`) and the lima corpus
//! (`../shared/corpus/lima`; skipped with a message when absent, unless
//! `DEEP_REVIEW_CORPUS=required`). Every expected number below was computed by hand from the
//! reports' Markdown; the comments say where each comes from.
//!
//! The timing figure for 100 reports is the ignored test `timing_of_100_reports`
//! (`cargo test --release --test scoreboard -- --ignored --nocapture`).

use deep_review::model::Review;
use deep_review::parse;
use deep_review::scoreboard::{
    Corpus, Fate, Fates, Filter, Grouping, Part, Scoreboard, FINDING_METRICS, ISSUE_METRICS,
    METRICS,
};
use std::path::Path;

mod common;
use common::cli;

const BUNDLED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/reviews");

fn load_dir(dir: &Path) -> Vec<Review> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("folder readable")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| match parse::parse_bytes(&std::fs::read(p).unwrap()) {
            Ok(r) => Some(r),
            Err(parse::ParseError::NotADeepReview { .. }) => None,
            Err(e) => panic!("{}: {e}", p.display()),
        })
        .collect()
}

fn bundled() -> Vec<Review> {
    load_dir(Path::new(BUNDLED))
}

fn corpus() -> Option<Vec<Review>> {
    Some(load_dir(&common::corpus_dir("lima")?))
}

fn pr(n: u64) -> Filter {
    Filter {
        pr: Some(n),
        ..Default::default()
    }
}

/// (fixed, declined, dropped, demoted, not raised, open).
fn fates(f: &Fates) -> (usize, usize, usize, usize, usize, usize) {
    (
        f.fixed,
        f.declined,
        f.dropped,
        f.demoted,
        f.not_raised,
        f.open,
    )
}

/// (sum, reports) of a retro metric, `None` when no report gives it.
fn retro(b: &Scoreboard, g: Grouping, agent: &str, key: &str) -> Option<(f64, usize)> {
    b.row(g, agent)
        .unwrap_or_else(|| panic!("no row {agent}"))
        .retro(key)
        .map(|f| (f.sum, f.reports))
}

/// PR 437 of the bundled reports: four rounds (2026-08-03, -06, -10, -13), three reviewers.
/// Attribution from the `[…]` agent lists of each finding; fates from each round's Resolution
/// table and the next round's "Prior-Round Fixes Verified" / "Declined in prior rounds"
/// sections (pairs quoted below).
///
/// Issues (findings followed across rounds) of the thread, as the reports relate them:
/// - R1 S2 → R2 S1 (R3's summary: "round 2 S1, first raised as round 1 S2"), fixed in R2.
/// - R1 D1 → R2 D1 → R3 D2 → R4 D1 ("Carried through all four rounds"), open.
/// - R2 I1 → R3 I1 (R3 I1's title line "round 2 I1"), fixed in R3 (R4: "This is round 3 I1").
/// - R2 S2 → R3 I3 (R4: "Round 3 I3, first filed as round 2 S2"), fixed in R3.
/// - R2 I3 → R3 D1 (R3 D1: "Round 2 reported the inotify load … as I3"): demoted, then
///   absent from R4 with no word: `demoted`.
/// - R1 D2 (Gemini): absent from R2, no mention: `not_raised`.
/// - Every other finding is an issue of its own: Resolution `Fixed` / `Test written` → fixed,
///   `Skipped` → declined (R4's own Resolution table for round 4's findings).
#[test]
fn pr_437_by_hand() {
    let reviews = bundled();
    let corpus = Corpus::new(&reviews);
    let b = corpus.scoreboard(&pr(437));
    assert_eq!((b.reports, b.threads, b.findings), (4, 1, 36));
    let m = |name: &str| b.row(Grouping::Model, name).unwrap();

    // Gemini 3.1 Pro. Raised: R1 I1 I2 S1 S4 S5 D2 (6), R2 I2 I3 S2 (3), R3 I1 I3 S1 D1 (4),
    // R4 S2 S4 (2) = 15; alone on R1 S1 S4 S5 D2, R2 S2, R3 S1, R4 S2 S4 = 8 sole.
    // Severity: I = R1 I1 I2, R2 I2 I3, R3 I1 I3 = 6; S = 7; D = R1 D2, R3 D1 = 2.
    // Issues: R1 I1 I2 S1 S4 S5 D2, R2 I2 I3(→R3 D1) S2(→R3 I3), R2 I1 (named on R3 I1),
    // R3 S1, R4 S2 S4 = 13. Fixed: R1 I1 I2 S1 S4, R2 I2, R2 S2, R2 I1, R4 S2 = 8;
    // declined: R1 S5, R3 S1, R4 S4 = 3; demoted: R2 I3 = 1; not raised: R1 D2 = 1.
    let g = m("Gemini 3.1 Pro");
    assert_eq!((g.raised, g.sole, g.shared), (15, 8, 7));
    let s = &g.by_severity;
    assert_eq!(
        (s.critical, s.important, s.suggestion, s.design),
        (0, 6, 7, 2)
    );
    assert_eq!(g.issues, 13);
    assert_eq!(fates(&g.fates), (8, 3, 0, 1, 1, 0));
    assert_eq!(g.confirmation_rate, Some(8.0 / 13.0));
    assert_eq!(g.noise_rate, Some(1.0 / 13.0));

    // Codex GPT 5.5. Raised: R1 C1 I1 I3 S2 S6 D1 (6), R2 I1 S1 S4 D1 (4), R3 I1 I2 I3 S2 D2
    // (5), R4 I1 S1 S3 D1 (4) = 19; sole: R1 I3 S2 S6, R2 S4, R3 I2 S2, R4 S3 = 7.
    // Issues: R1 C1 I1 I3 S2(→R2 S1) S6 D1(→…→R4 D1), R2 I1(→R3 I1) S4, R2 S2(→R3 I3),
    // R3 I2 S2, R4 I1 S1 S3 = 14. Fixed 11; declined R1 S6, R2 S4 = 2; open R1 D1 = 1.
    let c = m("Codex GPT 5.5");
    assert_eq!((c.raised, c.sole, c.shared), (19, 7, 12));
    assert_eq!(c.issues, 14);
    assert_eq!(fates(&c.fates), (11, 2, 0, 0, 0, 1));
    assert_eq!(c.confirmation_rate, Some(11.0 / 13.0));
    assert_eq!(c.noise_rate, Some(0.0));

    // Claude Opus 4.8. Raised: R1 C1 I2 I4 S3 D1 (5), R2 I1 I2 I3 S1 S3 S5 D1 (7), R3 I1 S3
    // D1 D2 (4), R4 I1 S1 D1 (3) = 19; sole: R1 I4 S3, R2 S3 S5, R3 S3 = 5.
    // Issues: R1 C1 I2 I4 S3 D1, R2 I1 I2 I3 S3 S5, R1 S2 (named on R2 S1), R3 S3, R4 I1 S1
    // = 14. Fixed: R1 C1 I2 I4, R2 I1 I2 S3 S5, R1 S2, R4 I1 S1 = 10; declined R1 S3, R3 S3;
    // demoted R2 I3; open R1 D1.
    let cl = m("Claude Opus 4.8");
    assert_eq!((cl.raised, cl.sole, cl.shared), (19, 5, 14));
    assert_eq!(cl.issues, 14);
    assert_eq!(fates(&cl.fates), (10, 2, 0, 1, 0, 1));
    assert_eq!(cl.confirmation_rate, Some(10.0 / 13.0));
    assert_eq!(cl.noise_rate, Some(1.0 / 14.0));

    // Retro tables (Summary) of the four rounds:
    // Duration  Claude 11m 58s + 10m 21s + 9m 44s + 9m 02s = 718 + 621 + 584 + 542 = 2465 s;
    //           Codex 8m 47s + 8m 02s + 8m 31s + 7m 15s = 527 + 482 + 511 + 435 = 1955 s;
    //           Gemini 5m 40s + 5m 12s + 4m 55s + 4m 21s = 340 + 312 + 295 + 261 = 1208 s.
    // Tool calls  Claude 58 + 53 + 47 + 45 = 203; Codex 46 + 44 + 49 + 41 = 180;
    //             Gemini 24 + 21 + 20 + 18 = 83.
    // Coverage misses  Claude 0; Codex 1 (IgnoreEditor.tsx) + 1 (watcher.go) = 2;
    //                  Gemini 2 + 1 + 1 + 1 = 5.   False positives: 0 everywhere (4 reports).
    let mm = Grouping::Model;
    assert_eq!(
        retro(&b, mm, "Claude Opus 4.8", "duration_seconds"),
        Some((2465.0, 4))
    );
    assert_eq!(
        retro(&b, mm, "Codex GPT 5.5", "duration_seconds"),
        Some((1955.0, 4))
    );
    assert_eq!(
        retro(&b, mm, "Gemini 3.1 Pro", "duration_seconds"),
        Some((1208.0, 4))
    );
    assert_eq!(
        retro(&b, mm, "Claude Opus 4.8", "tool_calls"),
        Some((203.0, 4))
    );
    assert_eq!(
        retro(&b, mm, "Codex GPT 5.5", "tool_calls"),
        Some((180.0, 4))
    );
    assert_eq!(
        retro(&b, mm, "Gemini 3.1 Pro", "tool_calls"),
        Some((83.0, 4))
    );
    assert_eq!(
        retro(&b, mm, "Claude Opus 4.8", "coverage_misses"),
        Some((0.0, 4))
    );
    assert_eq!(
        retro(&b, mm, "Codex GPT 5.5", "coverage_misses"),
        Some((2.0, 4))
    );
    assert_eq!(
        retro(&b, mm, "Gemini 3.1 Pro", "coverage_misses"),
        Some((5.0, 4))
    );
    assert_eq!(
        retro(&b, mm, "Gemini 3.1 Pro", "false_positives"),
        Some((0.0, 4))
    );

    // Drill-down: Gemini's demoted issue is R2 I3 (its first appearance), its not-raised R1 D2.
    let d = corpus
        .drill(&pr(437), mm, "Gemini 3.1 Pro", "demoted")
        .unwrap();
    let got: Vec<(&str, &str, Fate)> = d
        .findings
        .iter()
        .map(|f| (f.slug.as_str(), f.id.as_str(), f.fate))
        .collect();
    assert_eq!(got, vec![("20260806-142005-pr-437", "I3", Fate::Demoted)]);
    let d = corpus
        .drill(&pr(437), mm, "Gemini 3.1 Pro", "not_raised")
        .unwrap();
    assert_eq!(d.findings[0].id, "D2");
    assert_eq!(d.findings[0].slug, "20260803-094112-pr-437");
    let d = corpus
        .drill(&pr(437), mm, "Codex GPT 5.5", "coverage_misses")
        .unwrap();
    let cells: Vec<(&str, &str)> = d
        .cells
        .iter()
        .map(|c| (c.slug.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(
        cells,
        vec![
            ("20260803-094112-pr-437", "1 (IgnoreEditor.tsx)"),
            ("20260806-142005-pr-437", "1 (watcher.go)"),
            ("20260810-100236-pr-437", "0"),
            ("20260813-164851-pr-437", "0"),
        ]
    );
}

/// Round 4 of PR 437 alone (`--since 2026-08-13`): its Resolution table fixes I1, S1, S2, S3
/// and skips S4; D1 stays open. Claude: I1 S1 D1 (all shared with Codex); Codex: I1 S1 S3 D1
/// (S3 alone); Gemini: S2 S4 (both alone).
#[test]
fn one_round_by_its_resolution_table() {
    let reviews = bundled();
    let b = Corpus::new(&reviews).scoreboard(&Filter {
        since: Some("2026-08-13".into()),
        pr: Some(437),
        ..Default::default()
    });
    assert_eq!(b.reports, 1);
    let row = |n: &str| {
        let r = b.row(Grouping::Family, n).unwrap();
        (
            r.raised,
            r.sole,
            r.fates.fixed,
            r.fates.declined,
            r.fates.open,
            r.confirmation_rate,
        )
    };
    assert_eq!(row("Claude"), (3, 0, 2, 0, 1, Some(1.0)));
    assert_eq!(row("Codex"), (4, 1, 3, 0, 1, Some(1.0)));
    assert_eq!(row("Gemini"), (2, 2, 1, 1, 0, Some(0.5)));
}

/// Odd bundled cases: the consolidator as an agent, a dropped GLM finding, a report with no
/// repository and findings with no agents, two Gemini models in one report.
#[test]
fn bundled_odd_cases() {
    let reviews = bundled();
    let corpus = Corpus::new(&reviews);
    let b = corpus.scoreboard(&Filter::default());
    assert_eq!(b.reports, 13);
    // 20260318 inotify-overflow: C1, I2, S2, S3 list no agent.
    assert_eq!(b.unattributed, 4);
    // PR 418 round 1 S7 "Subscriber count is unbounded" [GLM-4.7 Flash], status dropped; GLM's
    // other findings S2 and S6 are gone from round 2 with no word.
    let glm = b.row(Grouping::Family, "GLM").unwrap();
    assert_eq!(
        (glm.raised, glm.fates.dropped, glm.fates.not_raised),
        (3, 1, 2)
    );
    // Consolidator: PR 418 r1 I5 (alone), r2 I3 (with Claude), r3 C1 (with Codex).
    let cons = b.row(Grouping::Family, "Consolidator").unwrap();
    assert_eq!((cons.raised, cons.sole, cons.shared), (3, 1, 2));
    assert!(cons.retro.is_empty(), "no retro column: missing, not zero");
    // PR 418 round 1: I4 [Gemini 3.1 Pro, Gemini 3.5 Flash] counts once for the family, as
    // sole (no other family), and once for each model, as shared.
    let r1 = corpus.scoreboard(&Filter {
        since: Some("2026-07-16".into()),
        until: Some("2026-07-16".into()),
        ..Default::default()
    });
    let gem = r1.row(Grouping::Family, "Gemini").unwrap();
    let g31 = r1.row(Grouping::Model, "Gemini 3.1 Pro").unwrap();
    let g35 = r1.row(Grouping::Model, "Gemini 3.5 Flash").unwrap();
    // Gemini 3.1 Pro: I1 I4 S5 D2; 3.5 Flash: I2 I4 S1 S8 → family 7 findings.
    assert_eq!((g31.raised, g35.raised, gem.raised), (4, 4, 7));
    // Duration 6m 40s + 3m 48s = 400 + 228 = 628 s for the family in that one report.
    assert_eq!(
        gem.retro("duration_seconds").map(|f| (f.sum, f.reports)),
        Some((628.0, 1))
    );
    // Models side by side in order of first appearance.
    let claude = b.families.iter().find(|f| f.family == "Claude").unwrap();
    let names: Vec<&str> = claude.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, vec!["Claude Opus 4.6", "Claude Opus 4.8"]);
}

/// Every number has its drill-down, of the same size, for every agent of the bundled reports,
/// over all of them and within each repository and month slice.
#[test]
fn drill_downs_add_up_to_the_numbers() {
    let reviews = bundled();
    let corpus = Corpus::new(&reviews);
    let filter = Filter::default();
    let b = corpus.scoreboard(&filter);
    let parts = std::iter::once((Part::All, b.families.clone()))
        .chain(
            b.by_repo
                .iter()
                .map(|s| (Part::Repo(s.key.clone()), s.families.clone())),
        )
        .chain(
            b.by_month
                .iter()
                .map(|s| (Part::Month(s.key.clone()), s.families.clone())),
        );
    let mut checked = 0;
    for (part, families) in parts {
        check_drills(&corpus, &filter, &part, &families);
        checked += 1;
    }
    // All, one repository (every bundled report names acme-labs/tidewater, in its Repo row or
    // its PR link), 3 months (2026-03, 2026-07, 2026-08).
    assert_eq!(
        (b.by_repo.len(), b.by_month.len(), checked),
        (1, 3, 5),
        "{:?} {:?}",
        b.by_repo.iter().map(|s| &s.key).collect::<Vec<_>>(),
        b.by_month.iter().map(|s| &s.key).collect::<Vec<_>>()
    );
    // A slice's drill keeps to the slice: July's Claude raised ≠ all of Claude's.
    let july = Part::Month("2026-07".into());
    let all = corpus
        .drill(&filter, Grouping::Family, "Claude", "raised")
        .unwrap();
    let jul = corpus
        .drill_part(&filter, &july, Grouping::Family, "Claude", "raised")
        .unwrap();
    assert!(!jul.findings.is_empty() && jul.findings.len() < all.findings.len());
    assert!(jul.findings.iter().all(|f| f.date.starts_with("2026-07")));
}

/// A corpus made again from the same prepared threads gives the same scoreboard.
#[test]
fn prepared_threads_are_reused() {
    let reviews = bundled();
    let corpus = Corpus::new(&reviews);
    let again = Corpus::with(&reviews, corpus.prepared()).expect("same reports");
    let f = Filter {
        since: Some("2026-08".into()),
        ..Default::default()
    };
    assert_eq!(corpus.scoreboard(&f), again.scoreboard(&f));
    assert!(Corpus::with(&reviews[1..], corpus.prepared()).is_none());
}

fn check_drills(
    corpus: &Corpus,
    filter: &Filter,
    part: &Part,
    families: &[deep_review::scoreboard::FamilyBoard],
) {
    for fam in families {
        for row in std::iter::once(&fam.total).chain(&fam.models) {
            let n = |metric: &str| {
                corpus
                    .drill_part(filter, part, row.grouping, &row.name, metric)
                    .unwrap()
            };
            let want = |metric: &str| -> usize {
                let s = &row.by_severity;
                let f = &row.fates;
                match metric {
                    "raised" => row.raised,
                    "critical" => s.critical,
                    "important" => s.important,
                    "suggestion" => s.suggestion,
                    "design" => s.design,
                    "sole" => row.sole,
                    "shared" => row.shared,
                    "issues" => row.issues,
                    "fixed" => f.fixed,
                    "declined" => f.declined,
                    "dropped" => f.dropped,
                    "demoted" => f.demoted,
                    "not_raised" => f.not_raised,
                    "open" => f.open,
                    "followed" => row.followed(),
                    "noise" => f.dropped + f.demoted,
                    _ => unreachable!(),
                }
            };
            for metric in FINDING_METRICS.iter().chain(&ISSUE_METRICS) {
                assert_eq!(
                    n(metric).findings.len(),
                    want(metric),
                    "{} {metric}",
                    row.name
                );
            }
            for m in METRICS {
                let cells = n(m.key).cells;
                let sum: f64 = cells.iter().map(|c| c.value).sum();
                match row.retro(m.key) {
                    Some(f) => assert!((f.sum - sum).abs() < 1e-9, "{} {}", row.name, m.key),
                    None => assert!(cells.is_empty()),
                }
            }
        }
    }
}

/// The lima corpus (26 Deep Reviews, 2026-03-13 … 2026-05-21; two supply-chain files are not
/// Deep Reviews). Numbers from the retro Summary tables.
#[test]
fn lima_by_hand() {
    let Some(reviews) = corpus() else { return };
    assert_eq!(reviews.len(), 26);
    let b = Corpus::new(&reviews).scoreboard(&Filter::default());
    let mm = Grouping::Model;

    // Gemini 3.1 Pro duration: a number in 15 reports — 0315 6:43 (403), 0327 9:00 (540),
    // 0327 7:33 (453), 0401 passes 6:21 + 6:29 (770), 0405 232s, 0405 179 s, 0414 4m 27s
    // (267), 0420 5m 54s (354), 0420 5m 18s (318), 0424 7m 46s (466), 0426 5m 49s (349),
    // 0501 12m 44s (764), 0519-2100 5m 11s (311), 0521 6m 12s (372), 0521 19m 01s (1141)
    // = 6919 s. `—` in the nine reports 0512 … 0519-1836; 0313 has no Duration row.
    assert_eq!(
        retro(&b, mm, "Gemini 3.1 Pro", "duration_seconds"),
        Some((6919.0, 15))
    );
    // Gemini 3.1 Pro coverage misses: 0401 (pass 1) 1, 0426 1, 0519-0847 4, 0519-1006 1,
    // 0519-1549 2, 0519-2100 2 = 11, over the 23 reports with the row (all but 0313, 0315,
    // and 0329 where the model is Gemini 2.5 Pro).
    assert_eq!(
        retro(&b, mm, "Gemini 3.1 Pro", "coverage_misses"),
        Some((11.0, 23))
    );
    // Codex tool calls: GPT 5.4 0405b 24, 0414 15, 0420 29, 0420 41 = 109 (0405a `N/A`);
    // GPT 5.5: 41+25+17+35+34+84+79+39+37+46+77+33+55+94+67 = 763 over 15 reports.
    assert_eq!(
        retro(&b, mm, "Codex GPT 5.4", "tool_calls"),
        Some((109.0, 4))
    );
    assert_eq!(
        retro(&b, mm, "Codex GPT 5.5", "tool_calls"),
        Some((763.0, 15))
    );
    // Claude false positives: Opus 4.6 in 9 reports (0313 … 0414), all 0; Opus 4.7 in 17
    // (0420 … 0521): 0424 1 and 0521-1154 1 = 2.
    assert_eq!(
        retro(&b, mm, "Claude Opus 4.6", "false_positives"),
        Some((0.0, 9))
    );
    assert_eq!(
        retro(&b, mm, "Claude Opus 4.7", "false_positives"),
        Some((2.0, 17))
    );
    // Gemini 2.5 Pro (0329, one report): 0:35, 6 false positives ("2 (both false)" ×3).
    assert_eq!(
        retro(&b, mm, "Gemini 2.5 Pro", "duration_seconds"),
        Some((35.0, 1))
    );
    assert_eq!(
        retro(&b, mm, "Gemini 2.5 Pro", "false_positives"),
        Some((6.0, 1))
    );
    // Gemma4 31B: duration 0515 ~6m (360, approximate), 0519-1549 3m 55s (235), 0519-1836
    // 10m 07s (607), 0519-2100 45m 11s (2711) = 3913 s in 4 of its 7 reports (0515, 0518 and
    // the five of 0519; `—` in 0518, 0519-0847, 0519-1006).
    let gemma = b.row(mm, "Gemma4 31B").unwrap();
    let d = gemma.retro("duration_seconds").unwrap();
    assert_eq!((d.sum, d.reports, d.approx), (3913.0, 4, 1));
    assert_eq!(gemma.reports, 7);

    // Versions side by side, in order of first appearance.
    let models = |fam: &str| -> Vec<String> {
        let f = b.families.iter().find(|f| f.family == fam).unwrap();
        f.models.iter().map(|m| m.name.clone()).collect()
    };
    assert_eq!(models("Claude"), vec!["Claude Opus 4.6", "Claude Opus 4.7"]);
    assert_eq!(models("Codex"), vec!["Codex GPT 5.4", "Codex GPT 5.5"]);
    assert_eq!(models("Gemini"), vec!["Gemini 3.1 Pro", "Gemini 2.5 Pro"]);
    // Report counts per model (header reviewers): 9 Opus 4.6, 17 Opus 4.7.
    assert_eq!(b.row(mm, "Claude Opus 4.6").unwrap().reports, 9);
    assert_eq!(b.row(mm, "Claude Opus 4.7").unwrap().reports, 17);
    // By month: March holds the 5 reports 0313, 0315, 0327 ×2, 0329 (0401 is April).
    let march = b.by_month.iter().find(|s| s.key == "2026-03").unwrap();
    assert_eq!(march.reports, 5);
}

/// Timing figure (not a timed assertion): 100 reports (the bundled ones, and the corpus when
/// present, repeated, each copy in a repository of its own) threaded and aggregated natively.
#[test]
#[ignore = "timing figure: cargo test --release --test scoreboard -- --ignored --nocapture"]
fn timing_of_100_reports() {
    let mut base = bundled();
    base.extend(corpus().unwrap_or_default());
    let mut reviews = Vec::new();
    let mut k = 0;
    while reviews.len() < 100 {
        for r in &base {
            if reviews.len() == 100 {
                break;
            }
            // Each copy in a repository of its own: the threads of one copy are the
            // originals' threads, never merged with another copy's.
            let mut r = r.clone();
            let repo = r
                .meta
                .repo
                .take()
                .map_or("none/none".to_string(), |x| x.name);
            r.meta.repo = Some(deep_review::model::Repo {
                name: format!("copy{k}/{repo}"),
                url: None,
            });
            reviews.push(r);
        }
        k += 1;
    }
    let runs = 5;
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = std::time::Instant::now();
        let corpus = Corpus::new(&reviews);
        let threaded = t.elapsed();
        let b = corpus.scoreboard(&Filter::default());
        let total = t.elapsed();
        std::hint::black_box(&b);
        times.push((total, threaded));
    }
    times.sort();
    let (total, threaded) = times[runs / 2];
    let findings: usize = reviews.iter().map(|r| r.findings.len()).sum();
    let threads = Corpus::new(&reviews).scoreboard(&Filter::default()).threads;
    println!(
        "scoreboard: 100 reports, {threads} threads, {findings} findings: {:.1} ms (threading rounds {:.1} ms, \
         aggregation {:.1} ms), median of {runs}",
        total.as_secs_f64() * 1e3,
        threaded.as_secs_f64() * 1e3,
        (total - threaded).as_secs_f64() * 1e3
    );
}

#[test]
fn cli_agents() {
    // JSON with a filter: PR 437's Codex figures as in `pr_437_by_hand`.
    let (code, out, err) = cli(&[
        "agents",
        BUNDLED,
        "--format",
        "json",
        "--repo",
        "acme-labs/tidewater",
        "--pr",
        "437",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["reports"], 4);
    let codex = v["families"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["family"] == "Codex")
        .unwrap();
    assert_eq!(codex["total"]["raised"], 19);
    assert_eq!(codex["total"]["fates"]["fixed"], 11);
    assert_eq!(codex["models"][0]["name"], "Codex GPT 5.5");

    // CSV: a header and one line per family total and model, per scope.
    let (code, out, _) = cli(&[
        "agents",
        BUNDLED,
        "--format=csv",
        "--since",
        "2026-08",
        "--until",
        "2026-08-31",
    ]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&head[..5], ["scope", "key", "grouping", "family", "agent"]);
    assert!(head.contains(&"duration_seconds_reports"));
    assert!(lines.all(|l| l.split(',').count() == head.len()));

    // Table (default), and help.
    let (code, out, _) = cli(&["agents", BUNDLED]);
    assert_eq!(code, 0);
    assert!(out.starts_with("13 reports in 5 threads"), "{out}");
    assert!(out.contains("confirmed = fixed / (issues - open)"));
    let (code, out, _) = cli(&["agents", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--since DATE"));

    // Bad usage: exit 2 with one line.
    for args in [
        &["agents", BUNDLED, "--format", "xml"][..],
        &["agents", BUNDLED, "--since", "last week"],
        &["agents", BUNDLED, "--pr", "x"],
        &["agents", BUNDLED, "--via", "x"],
        &["agents"],
        &["agents", "/nonexistent/dir"],
    ] {
        let (code, _, err) = cli(args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
}
