//! Comparing two rounds on screen: the pairs a user linked or unlinked in the round diff
//! (DESIGN §3 "a user may unlink or link a pair by hand") and the rows of the diff screen.
//!
//! The overrides are the core's own [`Overrides`] (`(earlier id, later id)` pairs, ids as in
//! their own round); the core applies them ([`crate::rounds::thread_diff`],
//! [`crate::rounds::diff_reviews_with`]). Here: where they live — the URL (`link=` /
//! `unlink=`, see [`crate::query`]) and `localStorage` next to the meeting marks, under a key
//! namespaced by both rounds' slugs ([`storage_key`]) — and the edits, which keep the lists
//! minimal against the matcher's own pairs: linking a pair the matcher already made only drops
//! an `unlink` of it; unlinking a hand-made pair only drops its `link`.
//!
//! ```
//! use deep_review::compare::{self, Overrides};
//! let matcher_pairs = [("I1", "I1")];
//! let auto = |e: &str, l: &str| matcher_pairs.contains(&(e, l));
//! let mut links = Overrides::default();
//! compare::unlink(&mut links, "I1", "I1", auto);
//! assert_eq!(links.unlink, vec![("I1".to_string(), "I1".to_string())]);
//! compare::link(&mut links, "I1", "I1", auto); // relink: back to the matcher's pair
//! assert!(links.is_empty());
//! ```

use crate::model::{Severity, Status};
use crate::query::ViewState;
pub use crate::rounds::Overrides;
use crate::rounds::{Change, Lifecycle, MatchExplanation, Outcome, RelationRef, RoundDiff};

/// The `localStorage` key of the overrides between two rounds (by slug, earlier first).
pub fn storage_key(earlier_slug: &str, later_slug: &str) -> String {
    format!("deep-review/links/v1/{earlier_slug}/{later_slug}")
}

/// The overrides in a view state (its `link=` / `unlink=`).
pub fn of_state(state: &ViewState) -> Overrides {
    Overrides {
        link: state.link.clone(),
        unlink: state.unlink.clone(),
    }
}

/// `state` with these overrides in it (everything else kept).
pub fn into_state(links: &Overrides, state: &ViewState) -> ViewState {
    ViewState {
        link: links.link.clone(),
        unlink: links.unlink.clone(),
        ..state.clone()
    }
}

/// How many overrides there are.
pub fn count(links: &Overrides) -> usize {
    links.link.len() + links.unlink.len()
}

/// What is shown when a diff opens: the URL's overrides when it has any (a shared link shows
/// what its author saw), else the stored ones.
pub fn initial(url: Overrides, stored: Option<Overrides>) -> Overrides {
    if url.is_empty() {
        stored.unwrap_or_default()
    } else {
        url
    }
}

/// The stored form (JSON: `{"link":[["I2","S3"]],"unlink":[…]}`).
pub fn to_json(links: &Overrides) -> String {
    serde_json::to_string(links).unwrap_or_default()
}

/// Reads the stored form; `None` when it is not one.
pub fn from_json(json: &str) -> Option<Overrides> {
    serde_json::from_str(json).ok()
}

/// Pair `earlier` with `later` by hand. `auto(e, l)` says whether the matcher pairs them
/// without overrides. Any other hand-made pair of either finding is dropped (one-to-one).
pub fn link(links: &mut Overrides, earlier: &str, later: &str, auto: impl Fn(&str, &str) -> bool) {
    links.unlink.retain(|(e, l)| !(e == earlier && l == later));
    links.link.retain(|(e, l)| e != earlier && l != later);
    if !auto(earlier, later) {
        links.link.push((earlier.to_string(), later.to_string()));
    }
}

/// Split the pair `earlier`–`later`. `auto(e, l)` says whether the matcher pairs them without
/// overrides.
pub fn unlink(
    links: &mut Overrides,
    earlier: &str,
    later: &str,
    auto: impl Fn(&str, &str) -> bool,
) {
    links.link.retain(|(e, l)| !(e == earlier && l == later));
    let known = links.unlink.iter().any(|(e, l)| e == earlier && l == later);
    if auto(earlier, later) && !known {
        links.unlink.push((earlier.to_string(), later.to_string()));
    }
}

/// The matcher's own pairs of a diff made without overrides, `(earlier id, later id)`: what
/// `auto` of [`link`] / [`unlink`] asks about.
pub fn auto_pairs(d: &RoundDiff) -> Vec<(String, String)> {
    d.pairs
        .iter()
        .map(|p| (p.earlier.id.clone(), p.later.id.clone()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Rows of the diff screen
// ---------------------------------------------------------------------------------------------

/// One row of the diff screen: an earlier finding (with its counterpart when paired: a pair is
/// one row) or a later finding with no earlier counterpart.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The group: the earlier finding's outcome, `new` for a later finding alone.
    pub outcome: Outcome,
    /// Index into the earlier report's findings.
    pub earlier: Option<usize>,
    /// Index into the later report's findings.
    pub later: Option<usize>,
    /// Why the row is in its group, as the reports say it.
    pub evidence: Vec<String>,
    /// How the pair was matched.
    pub explanation: Option<MatchExplanation>,
    pub severity_changed: Option<Change<Severity>>,
    /// What the later finding's words say about earlier findings it is not the same as
    /// (`regression` from the fix of R2 S3 …).
    pub relations: Vec<RelationRef>,
    /// Linked or unlinked by hand.
    pub manual: bool,
}

impl Row {
    /// Whether the row stands for its later finding (pairs and new findings), else for its
    /// earlier one: its `data-finding-id`, its card link, what the filters see.
    pub fn stands_for_later(&self) -> bool {
        self.later.is_some()
    }

    /// The status the filters see for the row's main finding (`own`): what its outcome says
    /// happened to it — fixed counts as resolved, declined, dropped and demoted as themselves.
    pub fn filter_status(&self, own: Status) -> Status {
        match self.outcome {
            Outcome::Fixed => Status::Resolved,
            Outcome::Declined => Status::Declined,
            Outcome::Dropped => Status::Dropped,
            Outcome::Demoted => Status::Demoted,
            Outcome::Persisting | Outcome::NotRaised | Outcome::New => own,
        }
    }
}

/// The rank of an outcome's group on screen ([`Outcome::ALL`] order).
pub fn group_rank(o: Outcome) -> usize {
    Outcome::ALL
        .iter()
        .position(|g| *g == o)
        .unwrap_or(Outcome::ALL.len())
}

/// Every finding of both rounds exactly once, grouped in [`Outcome::ALL`] order (report order
/// within a group): each earlier finding (with its counterpart when paired), then each later
/// finding that no earlier one took, as new.
pub fn rows(d: &RoundDiff) -> Vec<Row> {
    let later_row = |index: usize| d.later_rows.iter().find(|l| l.finding.index == index);
    let mut rows: Vec<Row> = d
        .earlier_rows
        .iter()
        .map(|e| {
            let later = e.later.as_ref().map(|l| l.index);
            Row {
                outcome: e.outcome,
                earlier: Some(e.finding.index),
                later,
                evidence: e.evidence.clone(),
                explanation: e.explanation,
                severity_changed: e.severity_changed,
                relations: later
                    .and_then(later_row)
                    .map(|l| l.relations.clone())
                    .unwrap_or_default(),
                manual: e.manual,
            }
        })
        .collect();
    for l in &d.later_rows {
        if rows.iter().any(|r| r.later == Some(l.finding.index)) {
            continue;
        }
        rows.push(Row {
            outcome: Outcome::New,
            earlier: None,
            later: Some(l.finding.index),
            evidence: Vec::new(),
            explanation: None,
            severity_changed: None,
            relations: l.relations.clone(),
            manual: l.manual,
        });
    }
    rows.sort_by_key(|r| group_rank(r.outcome));
    rows
}

/// How many rows each group has, in [`Outcome::ALL`] order.
pub fn group_counts(rows: &[Row]) -> [(Outcome, usize); 7] {
    Outcome::ALL.map(|o| (o, rows.iter().filter(|r| r.outcome == o).count()))
}

// ---------------------------------------------------------------------------------------------
// A finding's history
// ---------------------------------------------------------------------------------------------

/// A finding's history in one sentence, as honest as its evidence: `First raised in Round 1
/// as I2; fixed in Round 3 — Resolution: Fixed.`, `…; not raised again after Round 1 (no
/// evidence).`, `…; still raised in Round 3 (the latest round).` `numbers` are the thread's
/// effective round numbers.
pub fn lifecycle_summary(l: &Lifecycle, numbers: &[u32]) -> String {
    let label = |k: usize| format!("Round {}", numbers.get(k).copied().unwrap_or(k as u32 + 1));
    let Some(first) = l.appearances.first() else {
        return String::new();
    };
    let last = l.appearances.last().map_or(first.round, |a| a.round);
    let head = format!("First raised in {} as {}", label(first.round), first.id);
    let because = |what: &str, at: Option<usize>| {
        let at = at.map(|k| format!(" in {}", label(k))).unwrap_or_default();
        match l.evidence.first() {
            Some(e) => format!("{head}; {what}{at} — {e}"),
            None => format!("{head}; {what}{at}"),
        }
    };
    let decided = l.decided_in;
    let mut s = match l.outcome {
        Some(Outcome::Fixed) => because("fixed", decided),
        Some(Outcome::Declined) => because("declined", decided),
        Some(Outcome::Dropped) => because("dropped", decided),
        Some(Outcome::Demoted) => because("demoted", decided),
        Some(Outcome::Persisting) => because("not raised as a finding, but still open", decided),
        Some(Outcome::NotRaised | Outcome::New) => format!(
            "{head}; not raised again after {} (no evidence)",
            label(last)
        ),
        None if last + 1 >= numbers.len() => {
            format!("{head}; still raised in {} (the latest round)", label(last))
        }
        None => format!("{head}; last raised in {}", label(last)),
    };
    if !s.ends_with(['.', '"', '”']) {
        s.push('.');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Review;
    use crate::rounds::{diff_reviews, diff_reviews_with, thread_diff};

    fn pair(e: &str, l: &str) -> (String, String) {
        (e.to_string(), l.to_string())
    }

    #[test]
    fn storage_key_names_both_rounds() {
        assert_eq!(
            storage_key("20260714-102241-pr-412", "20260721-114730-pr-412"),
            "deep-review/links/v1/20260714-102241-pr-412/20260721-114730-pr-412"
        );
    }

    #[test]
    fn url_overrides_win_over_stored_ones() {
        let url = Overrides {
            link: vec![pair("I2", "S3")],
            unlink: vec![],
        };
        let stored = Overrides {
            link: vec![],
            unlink: vec![pair("C1", "C1")],
        };
        assert_eq!(initial(url.clone(), Some(stored.clone())), url);
        assert_eq!(initial(Overrides::default(), Some(stored.clone())), stored);
        assert_eq!(initial(Overrides::default(), None), Overrides::default());
    }

    #[test]
    fn json_round_trip_and_garbage() {
        let l = Overrides {
            link: vec![pair("I2", "S3")],
            unlink: vec![pair("C1", "C1")],
        };
        assert_eq!(from_json(&to_json(&l)), Some(l));
        assert_eq!(from_json("{}"), Some(Overrides::default()));
        assert_eq!(from_json("not json"), None);
        // What earlier versions stored (both lists always written) still reads.
        assert_eq!(
            from_json(r#"{"link":[],"unlink":[["C1","C1"]]}"#),
            Some(Overrides {
                link: vec![],
                unlink: vec![pair("C1", "C1")]
            })
        );
    }

    #[test]
    fn edits_stay_minimal_against_the_matcher() {
        let auto = |e: &str, l: &str| (e, l) == ("I1", "I1") || (e, l) == ("S2", "S4");
        let mut links = Overrides::default();
        // Split a matcher pair, then relink it: nothing left.
        unlink(&mut links, "I1", "I1", auto);
        assert_eq!(links.unlink, vec![pair("I1", "I1")]);
        unlink(&mut links, "I1", "I1", auto);
        assert_eq!(count(&links), 1, "no duplicate");
        link(&mut links, "I1", "I1", auto);
        assert!(links.is_empty());
        // A hand-made pair, then another for the same earlier finding replaces it.
        link(&mut links, "S1", "I3", auto);
        link(&mut links, "S1", "S5", auto);
        assert_eq!(links.link, vec![pair("S1", "S5")]);
        // Unlinking a hand-made pair only forgets it.
        unlink(&mut links, "S1", "S5", auto);
        assert!(links.is_empty());
        // The state carries them into the URL, and the core reads the same URL values.
        link(&mut links, "D1", "D2", auto);
        let s = into_state(&links, &ViewState::default());
        assert_eq!(s.to_query(), "link=D1:D2");
        assert_eq!(of_state(&s), links);
        let (l, u) = links.to_query();
        assert_eq!(Overrides::from_query(&l, &u), links);
    }

    fn bundled(name: &str) -> Review {
        let path = format!("{}/public/reviews/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).expect("bundled report");
        crate::parse::parse_text(&text).expect("parses")
    }

    /// Every finding of both rounds is on exactly one row, groups in screen order, and the
    /// rows of each group are as many as the summary says.
    fn check_rows(d: &RoundDiff, e: &Review, l: &Review) -> Vec<Row> {
        let rows = rows(d);
        let mut earlier: Vec<usize> = rows.iter().filter_map(|r| r.earlier).collect();
        let mut later: Vec<usize> = rows.iter().filter_map(|r| r.later).collect();
        earlier.sort_unstable();
        later.sort_unstable();
        assert_eq!(earlier, (0..e.findings.len()).collect::<Vec<_>>());
        assert_eq!(later, (0..l.findings.len()).collect::<Vec<_>>());
        let ranks: Vec<usize> = rows.iter().map(|r| group_rank(r.outcome)).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "groups in order");
        for (o, n) in group_counts(&rows) {
            assert_eq!(n, d.summary.count(o), "{o:?}");
        }
        let s = &d.summary;
        assert_eq!(
            s.fixed + s.declined + s.persisting + s.demoted + s.dropped + s.not_raised,
            s.earlier
        );
        assert_eq!(s.paired + s.new, s.later);
        // A pair is one row, standing for its later finding.
        for r in &rows {
            if r.earlier.is_some() && r.later.is_some() {
                assert!(matches!(r.outcome, Outcome::Persisting | Outcome::Demoted));
                assert!(r.stands_for_later());
            }
        }
        rows
    }

    #[test]
    fn rows_cover_both_rounds_and_overrides_split_and_add_pairs() {
        let (r1, r2) = (
            bundled("20260714-102241-pr-412.md"),
            bundled("20260718-160512-pr-412.md"),
        );
        let base = diff_reviews(&r1, &r2);
        check_rows(&base, &r1, &r2);
        let auto_list = auto_pairs(&base);
        let auto = |e: &str, l: &str| auto_list.iter().any(|(a, b)| a == e && b == l);
        let p = base
            .pairs
            .iter()
            .find(|p| p.outcome == Outcome::Persisting)
            .expect("a persisting pair")
            .clone();
        // Unlink: the later finding becomes new, the earlier one leaves the pair.
        let mut links = Overrides::default();
        unlink(&mut links, &p.earlier.id, &p.later.id, auto);
        let split = diff_reviews_with(&r1, &r2, &links);
        let rows_split = check_rows(&split, &r1, &r2);
        assert!(rows_split
            .iter()
            .any(|r| r.earlier == Some(p.earlier.index) && r.later != Some(p.later.index)));
        assert!(!split
            .pairs
            .iter()
            .any(|q| q.earlier.id == p.earlier.id && q.later.id == p.later.id));
        // Relink by hand: back to the matcher's pairing, no overrides left.
        link(&mut links, &p.earlier.id, &p.later.id, auto);
        assert!(links.is_empty());
        assert_eq!(diff_reviews_with(&r1, &r2, &links), base);
        // Link two findings the matcher did not pair: one row, marked manual.
        let e = base
            .earlier_rows
            .iter()
            .find(|r| r.later.is_none())
            .expect("an unpaired earlier finding");
        let l = base
            .later_rows
            .iter()
            .find(|r| r.outcome == Outcome::New)
            .expect("a new later finding");
        let mut links = Overrides::default();
        link(&mut links, &e.finding.id, &l.finding.id, auto);
        let linked = diff_reviews_with(&r1, &r2, &links);
        let rows_linked = check_rows(&linked, &r1, &r2);
        let row = rows_linked
            .iter()
            .find(|r| r.earlier == Some(e.finding.index))
            .unwrap();
        assert_eq!(row.later, Some(l.finding.index));
        assert!(row.manual);
    }

    #[test]
    fn rows_of_a_thread_diff_name_new_findings_relations() {
        let names = [
            "20260803-094112-pr-437.md",
            "20260806-142005-pr-437.md",
            "20260810-100236-pr-437.md",
        ];
        let reviews: Vec<Review> = names.iter().map(|n| bundled(n)).collect();
        let refs: Vec<&Review> = reviews.iter().collect();
        let d = thread_diff(&refs, 0, 2, &Overrides::default());
        let rows = check_rows(&d, &reviews[0], &reviews[2]);
        // Every outcome of a row is its earlier row's, and new rows carry the later row's
        // relations.
        for r in &rows {
            if let Some(i) = r.earlier {
                assert_eq!(Some(r.outcome), d.outcome_of_earlier(i));
            } else {
                let l = d
                    .later_rows
                    .iter()
                    .find(|x| Some(x.finding.index) == r.later)
                    .unwrap();
                assert_eq!(r.relations, l.relations);
            }
        }
        // Filters see what the outcome says.
        let fixed = rows.iter().find(|r| r.outcome == Outcome::Fixed).unwrap();
        assert_eq!(fixed.filter_status(Status::Open), Status::Resolved);
        assert!(!fixed.stands_for_later());
    }

    #[test]
    fn a_history_says_only_what_its_evidence_says() {
        use crate::rounds::{thread_reports, Lifecycle};
        let names = [
            "20260716-091208-pr-418.md",
            "20260720-203015-pr-418.md",
            "20260724-130544-pr-418.md",
        ];
        let reviews: Vec<Review> = names.iter().map(|n| bundled(n)).collect();
        let t = thread_reports(&reviews).remove(0);
        let numbers: Vec<u32> = t.rounds.iter().map(|r| r.effective_round).collect();
        assert_eq!(numbers, [1, 2, 3]);
        let life = |round: usize, id: &str| -> &Lifecycle {
            let i = reviews[round]
                .findings
                .iter()
                .position(|f| f.id == id)
                .unwrap();
            t.lifecycle_of(round, i).unwrap()
        };
        // Round 1 S4 → round 2 I4 → fixed, as round 3 says.
        let s4 = life(0, "S4");
        assert_eq!(s4.decided_in, Some(2));
        let text = lifecycle_summary(s4, &numbers);
        assert!(
            text.starts_with("First raised in Round 1 as S4; fixed in Round 3 — "),
            "{text}"
        );
        // Still raised in the latest round.
        let i5 = life(0, "I5");
        assert!(i5.outcome.is_none());
        assert_eq!(
            lifecycle_summary(i5, &numbers),
            "First raised in Round 1 as I5; still raised in Round 3 (the latest round)."
        );
        // Every lifecycle gets a sentence that never says "resolved" without evidence.
        for l in &t.lifecycles {
            let text = lifecycle_summary(l, &numbers);
            assert!(text.starts_with("First raised in Round "), "{text}");
            if l.outcome == Some(Outcome::NotRaised) {
                assert!(text.contains("(no evidence)"), "{text}");
                assert_eq!(l.decided_in, None);
            }
            if l.outcome == Some(Outcome::Fixed) {
                assert_eq!(l.decided_in, l.resolved_in);
            }
        }
    }
}
