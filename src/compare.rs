//! Comparing two rounds by hand: the pairs a user linked or unlinked in the round diff
//! (DESIGN §3 "a user may unlink or link a pair by hand"), kept in the URL (`link=` / `unlink=`,
//! see [`crate::query`]) and in `localStorage` next to the meeting marks, under a key
//! namespaced by both rounds' slugs ([`storage_key`]).
//!
//! Ids are the findings' ids in their own round: `(earlier id, later id)`.
//!
//! Edits keep the lists minimal against the matcher's own pairs: linking a pair the matcher
//! already made only drops an `unlink` of it; unlinking a hand-made pair only drops its `link`.
//!
//! ```
//! use deep_review::compare::Links;
//! let matcher_pairs = [("I1", "I1")];
//! let auto = |e: &str, l: &str| matcher_pairs.contains(&(e, l));
//! let mut links = Links::default();
//! links.unlink("I1", "I1", auto);
//! assert_eq!(links.unlink, vec![("I1".to_string(), "I1".to_string())]);
//! links.link("I1", "I1", auto); // relink: back to the matcher's pair
//! assert!(links.is_empty());
//! ```

use crate::model::{Finding, Review, Status};
use crate::query::ViewState;
use crate::rounds::{
    diff_reviews, Change, FindingSummary, MatchExplanation, MatchVia, MatchedPair, Outcome,
    ResolvedFinding, ResolvedHow, RoundDiff,
};
use serde::{Deserialize, Serialize};

/// The `localStorage` key of the overrides between two rounds (by slug, earlier first).
pub fn storage_key(earlier_slug: &str, later_slug: &str) -> String {
    format!("deep-review/links/v1/{earlier_slug}/{later_slug}")
}

/// A user's overrides of the round diff's pairing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    /// Pairs linked by hand: `(earlier id, later id)`.
    #[serde(default)]
    pub link: Vec<(String, String)>,
    /// Pairs of the matcher that the user split.
    #[serde(default)]
    pub unlink: Vec<(String, String)>,
}

impl Links {
    /// The overrides in a view state (its `link=` / `unlink=`).
    pub fn of(state: &ViewState) -> Links {
        Links {
            link: state.link.clone(),
            unlink: state.unlink.clone(),
        }
    }

    /// `state` with these overrides in it (everything else kept).
    pub fn apply_to(&self, state: &ViewState) -> ViewState {
        ViewState {
            link: self.link.clone(),
            unlink: self.unlink.clone(),
            ..state.clone()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.link.is_empty() && self.unlink.is_empty()
    }

    /// How many overrides there are.
    pub fn len(&self) -> usize {
        self.link.len() + self.unlink.len()
    }

    /// What is shown when a diff opens: the URL's overrides when it has any (a shared link
    /// shows what its author saw), else the stored ones.
    pub fn initial(url: Links, stored: Option<Links>) -> Links {
        if url.is_empty() {
            stored.unwrap_or_default()
        } else {
            url
        }
    }

    /// The stored form (JSON).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the stored form; `None` when it is not one.
    pub fn from_json(json: &str) -> Option<Links> {
        serde_json::from_str(json).ok()
    }

    /// Pair `earlier` with `later` by hand. `auto(e, l)` says whether the matcher pairs them
    /// without overrides. Any other hand-made pair of either finding is dropped (one-to-one).
    pub fn link(&mut self, earlier: &str, later: &str, auto: impl Fn(&str, &str) -> bool) {
        self.unlink.retain(|(e, l)| !(e == earlier && l == later));
        self.link.retain(|(e, l)| e != earlier && l != later);
        if !auto(earlier, later) {
            self.link.push((earlier.to_string(), later.to_string()));
        }
    }

    /// Split the pair `earlier`–`later`. `auto(e, l)` says whether the matcher pairs them
    /// without overrides.
    pub fn unlink(&mut self, earlier: &str, later: &str, auto: impl Fn(&str, &str) -> bool) {
        self.link.retain(|(e, l)| !(e == earlier && l == later));
        let known = self.unlink.iter().any(|(e, l)| e == earlier && l == later);
        if auto(earlier, later) && !known {
            self.unlink.push((earlier.to_string(), later.to_string()));
        }
    }

    /// Whether the pair was made by hand.
    pub fn is_linked(&self, earlier: &str, later: &str) -> bool {
        self.link.iter().any(|(e, l)| e == earlier && l == later)
    }
}

/// The diff of `earlier` → `later` with the user's overrides applied: unlinked pairs split
/// (the earlier finding then counts as not raised, the later one as new), hand-made pairs
/// added (displacing any matcher pair of either finding), the summary recounted. Ids that name
/// no finding are ignored.
pub fn diff_with_links(earlier: &Review, later: &Review, links: &Links) -> RoundDiff {
    let mut d = diff_reviews(earlier, later);
    if links.is_empty() {
        return d;
    }
    let e_at = |id: &str| earlier.findings.iter().position(|f| f.id == id);
    let l_at = |id: &str| later.findings.iter().position(|f| f.id == id);
    let manual: Vec<(usize, usize)> = links
        .link
        .iter()
        .filter_map(|(e, l)| Some((e_at(e)?, l_at(l)?)))
        .collect();
    d.pairs.retain(|p| {
        let split = links
            .unlink
            .iter()
            .any(|(e, l)| *e == p.earlier.id && *l == p.later.id);
        let displaced = manual
            .iter()
            .any(|&(e, l)| e == p.earlier.index || l == p.later.index);
        !split && !displaced
    });
    for (e, l) in manual {
        let (Some(fe), Some(fl)) = (earlier.findings.get(e), later.findings.get(l)) else {
            continue;
        };
        if d.pairs
            .iter()
            .any(|p| p.earlier.index == e || p.later.index == l)
        {
            continue;
        }
        let outcome = if fl.status == Status::Resolved {
            Outcome::Resolved
        } else {
            Outcome::Persisting
        };
        d.pairs.push(MatchedPair {
            earlier: summary_of(e, fe),
            later: summary_of(l, fl),
            outcome,
            severity_changed: (fe.severity != fl.severity).then_some(Change {
                from: fe.severity,
                to: fl.severity,
            }),
            status_changed: (fe.status != fl.status).then_some(Change {
                from: fe.status,
                to: fl.status,
            }),
            explanation: MatchExplanation {
                via: MatchVia::Xref,
                title: 0.0,
                paths: 0.0,
                paths_compared: false,
                body: 0.0,
                cross: 0.0,
                score: 1.0,
            },
        });
    }
    d.pairs.sort_by_key(|p| p.earlier.index);
    let paired_e = |i: usize| d.pairs.iter().find(|p| p.earlier.index == i);
    d.resolved = earlier
        .findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match paired_e(i) {
            None => Some(ResolvedFinding {
                finding: summary_of(i, f),
                how: ResolvedHow::Absent,
                later_id: None,
            }),
            Some(p) if p.outcome == Outcome::Resolved => Some(ResolvedFinding {
                finding: summary_of(i, f),
                how: ResolvedHow::MarkedResolved,
                later_id: Some(p.later.id.clone()),
            }),
            Some(_) => None,
        })
        .collect();
    d.new = later
        .findings
        .iter()
        .enumerate()
        .filter(|(i, _)| !d.pairs.iter().any(|p| p.later.index == *i))
        .map(|(i, f)| summary_of(i, f))
        .collect();
    let s = &mut d.summary;
    s.resolved = d.resolved.len();
    s.persisting = d
        .pairs
        .iter()
        .filter(|p| p.outcome == Outcome::Persisting)
        .count();
    s.new = d.new.len();
    s.severity_changed = d
        .pairs
        .iter()
        .filter(|p| p.severity_changed.is_some())
        .count();
    s.sentence = format!(
        "{} resolved {} of {}, {} persist, {} new ({} by hand)",
        d.later.label(),
        s.resolved,
        s.earlier,
        s.persisting,
        s.new,
        links.len()
    );
    d
}

fn summary_of(index: usize, f: &Finding) -> FindingSummary {
    FindingSummary {
        index,
        id: f.id.clone(),
        severity: f.severity,
        status: f.status,
        title: f.title.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let url = Links {
            link: vec![pair("I2", "S3")],
            unlink: vec![],
        };
        let stored = Links {
            link: vec![],
            unlink: vec![pair("C1", "C1")],
        };
        assert_eq!(Links::initial(url.clone(), Some(stored.clone())), url);
        assert_eq!(
            Links::initial(Links::default(), Some(stored.clone())),
            stored
        );
        assert_eq!(Links::initial(Links::default(), None), Links::default());
    }

    #[test]
    fn json_round_trip_and_garbage() {
        let l = Links {
            link: vec![pair("I2", "S3")],
            unlink: vec![pair("C1", "C1")],
        };
        assert_eq!(Links::from_json(&l.to_json()), Some(l));
        assert_eq!(Links::from_json("{}"), Some(Links::default()));
        assert_eq!(Links::from_json("not json"), None);
    }

    #[test]
    fn edits_stay_minimal_against_the_matcher() {
        let auto = |e: &str, l: &str| (e, l) == ("I1", "I1") || (e, l) == ("S2", "S4");
        let mut links = Links::default();
        // Split a matcher pair, then relink it: nothing left.
        links.unlink("I1", "I1", auto);
        assert_eq!(links.unlink, vec![pair("I1", "I1")]);
        links.unlink("I1", "I1", auto);
        assert_eq!(links.len(), 1, "no duplicate");
        links.link("I1", "I1", auto);
        assert!(links.is_empty());
        // A hand-made pair, then another for the same earlier finding replaces it.
        links.link("S1", "I3", auto);
        links.link("S1", "S5", auto);
        assert_eq!(links.link, vec![pair("S1", "S5")]);
        assert!(links.is_linked("S1", "S5"));
        // Unlinking a hand-made pair only forgets it.
        links.unlink("S1", "S5", auto);
        assert!(links.is_empty());
        // The state carries them into the URL.
        links.link("D1", "D2", auto);
        let s = links.apply_to(&ViewState::default());
        assert_eq!(s.to_query(), "link=D1:D2");
        assert_eq!(Links::of(&s), links);
    }

    fn bundled(name: &str) -> Review {
        let path = format!("{}/public/reviews/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).expect("bundled report");
        crate::parse::parse_text(&text).expect("parses")
    }

    #[test]
    fn overrides_split_and_add_pairs_and_counts_follow() {
        let (r1, r2) = (
            bundled("20260714-102241-pr-412.md"),
            bundled("20260718-160512-pr-412.md"),
        );
        let base = diff_reviews(&r1, &r2);
        let p = base
            .pairs
            .iter()
            .find(|p| p.outcome == Outcome::Persisting)
            .expect("a persisting pair")
            .clone();
        let auto = |e: &str, l: &str| {
            base.pairs
                .iter()
                .any(|q| q.earlier.id == e && q.later.id == l)
        };
        let mut links = Links::default();
        links.unlink(&p.earlier.id, &p.later.id, auto);
        let split = diff_with_links(&r1, &r2, &links);
        assert!(split.resolved.iter().any(|r| r.finding.id == p.earlier.id));
        assert!(split.new.iter().any(|f| f.id == p.later.id));
        let covers = |d: &RoundDiff| {
            assert_eq!(d.summary.resolved + d.summary.persisting, r1.findings.len());
            assert_eq!(d.pairs.len() + d.new.len(), r2.findings.len());
        };
        covers(&split);
        assert_eq!(split.summary.new, base.summary.new + 1);
        // Relink by hand: the same pairing as the matcher's.
        links.link(&p.earlier.id, &p.later.id, auto);
        assert_eq!(diff_with_links(&r1, &r2, &links), base);
        // Link two findings the matcher did not pair.
        let (e, l) = (&split.resolved[0].finding.id, &split.new[0].id);
        let mut links = Links::default();
        links.link(e, l, auto);
        let linked = diff_with_links(&r1, &r2, &links);
        assert!(linked
            .pairs
            .iter()
            .any(|q| q.earlier.id == *e && q.later.id == *l));
        covers(&linked);
    }
}
