//! What a diff of two rounds says: every finding of both rounds once, with its outcome, its
//! counterpart and the evidence (DESIGN.md §3). Built by [`super::diff_hinted`].

use super::Overrides;
use crate::model::{Finding, Review, Severity, Status};
use crate::rounds::evidence::Relation;
use crate::rounds::similarity::MatchExplanation;
use serde::{Deserialize, Serialize};

/// Which report a diff side is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInfo {
    pub slug: String,
    /// The header's round number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    /// The round number used for cross-references: the header's, else inferred from the thread.
    pub effective_round: u32,
    pub date: String,
    pub findings: usize,
}

impl RoundInfo {
    pub(in crate::rounds) fn of(r: &Review, effective_round: u32) -> RoundInfo {
        RoundInfo {
            slug: r.slug.clone(),
            round: r.meta.round.as_ref().map(|x| x.number),
            effective_round,
            date: r.meta.date.clone(),
            findings: r.findings.len(),
        }
    }

    /// `Round 3` for a report (its header's number, else the thread's).
    pub(super) fn label_of(r: &Review, effective_round: u32) -> String {
        format!(
            "Round {}",
            r.meta.round.as_ref().map_or(effective_round, |x| x.number)
        )
    }

    /// `Round 3`: the header's number, else the one the thread gives it (a first report without
    /// a Round row, followed by Round 2, is Round 1), as the summary sentence says.
    pub fn label(&self) -> String {
        format!("Round {}", self.round.unwrap_or(self.effective_round))
    }
}

/// A finding as the diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingSummary {
    /// Position in the report's `findings`.
    pub index: usize,
    pub id: String,
    pub severity: Severity,
    pub status: Status,
    pub title: String,
}

impl FindingSummary {
    pub(in crate::rounds) fn of(index: usize, f: &Finding) -> FindingSummary {
        FindingSummary {
            index,
            id: f.id.clone(),
            severity: f.severity,
            status: f.status,
            title: f.title.clone(),
        }
    }
}

/// What happened to a finding between two rounds (DESIGN.md §3). An earlier finding has
/// exactly one of `fixed`, `declined`, `persisting`, `demoted`, `dropped`, `not_raised`; a
/// later finding is `persisting` (paired with an earlier one) or `new`. The serde names are the
/// `data-diff` values of the diff view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Fixed, with evidence: the later round verifies it, or the earlier round's own
    /// resolution (Resolution row Fixed / Test written / Documentation updated, struck
    /// `FIXED`, `**Fixed.**`) and the later round does not raise it again.
    Fixed,
    /// Declined or acknowledged: Skipped, Won't fix, Commented, deferred, carried as a
    /// limitation.
    Declined,
    /// Raised again (possibly re-rated: see `severity_changed`).
    Persisting,
    /// Demoted: raised again as a design observation or lower, the later report saying so.
    Demoted,
    /// Dropped or withdrawn (false positive).
    Dropped,
    /// Absent from the later round, and nothing says why. Never counted as fixed.
    NotRaised,
    /// A later finding with no earlier counterpart.
    New,
}

impl Outcome {
    /// Screen order of the diff view's groups.
    pub const ALL: [Outcome; 7] = [
        Outcome::Fixed,
        Outcome::Declined,
        Outcome::Persisting,
        Outcome::Demoted,
        Outcome::Dropped,
        Outcome::NotRaised,
        Outcome::New,
    ];

    /// The `data-diff` value and JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Fixed => "fixed",
            Outcome::Declined => "declined",
            Outcome::Persisting => "persisting",
            Outcome::Demoted => "demoted",
            Outcome::Dropped => "dropped",
            Outcome::NotRaised => "not_raised",
            Outcome::New => "new",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s.trim())
    }

    /// A group heading.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Fixed => "Fixed",
            Outcome::Declined => "Declined / acknowledged",
            Outcome::Persisting => "Persisting",
            Outcome::Demoted => "Demoted",
            Outcome::Dropped => "Dropped",
            Outcome::NotRaised => "Not raised again",
            Outcome::New => "New",
        }
    }
}

/// A change of a value between rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change<T> {
    pub from: T,
    pub to: T,
}

pub(super) fn change<T: PartialEq + Copy>(from: T, to: T) -> Option<Change<T>> {
    (from != to).then_some(Change { from, to })
}

/// An earlier finding and its counterpart in the later round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchedPair {
    pub earlier: FindingSummary,
    pub later: FindingSummary,
    /// `persisting` or `demoted`.
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity_changed: Option<Change<Severity>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_changed: Option<Change<Status>>,
    pub explanation: MatchExplanation,
}

/// What happened to one finding of the earlier round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarlierRow {
    pub finding: FindingSummary,
    /// Never `new`.
    pub outcome: Outcome,
    /// Its counterpart, when it is raised again (`persisting`, `demoted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later: Option<FindingSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity_changed: Option<Change<Severity>>,
    /// Why this outcome, in words a user can check against the reports: `Resolution: Skipped —
    /// speculative`, `Round 2 (Declined in prior rounds): "round 1 S5 … declined as
    /// speculative"`, `absent from Round 2, no mention`.
    pub evidence: Vec<String>,
    /// How the pair was matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<MatchExplanation>,
    /// Linked or unlinked by hand.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub manual: bool,
    /// Which round's text decides the outcome: the earlier report's own resolution, or the
    /// later report (its words, or raising the finding again). `None` for `not_raised`, and
    /// when the rounds in between decided it (see `evidence`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<Side>,
}

/// One of the two rounds of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Earlier,
    Later,
}

/// A reference from a later finding to an earlier one that does not pair them (or that names
/// the one it is paired with).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationRef {
    pub relation: Relation,
    /// The earlier finding's id.
    pub id: String,
    /// Its position in the earlier report's findings.
    pub earlier_index: usize,
    /// The sentence that says so.
    pub text: String,
}

/// One finding of the later round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaterRow {
    pub finding: FindingSummary,
    /// `persisting` (or `demoted`) when paired, else `new`.
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier: Option<FindingSummary>,
    /// What its words say about earlier findings it is not the same as: `regression` from the
    /// fix of R2 S3, `follow_up`, `related`; a `same` reference that the pairing did not
    /// accept (a likely mis-citation) is listed as `related`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationRef>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub manual: bool,
}

/// Counts that add up: `fixed + declined + persisting + demoted + dropped + not_raised ==
/// earlier`, and `paired + new == later`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSummary {
    pub earlier: usize,
    pub later: usize,
    pub fixed: usize,
    pub declined: usize,
    pub persisting: usize,
    /// Of the persisting: re-rated (C/I/S).
    pub severity_changed: usize,
    pub demoted: usize,
    pub dropped: usize,
    pub not_raised: usize,
    /// Later findings paired with an earlier one (`persisting` + `demoted` pairs).
    pub paired: usize,
    pub new: usize,
    /// `Round 2 vs Round 1: 5 fixed, 2 declined, 3 persisting (1 re-rated), 2 not raised
    /// again; 4 new`.
    pub sentence: String,
}

impl DiffSummary {
    /// How many earlier findings have `outcome` (`new`: later findings).
    pub fn count(&self, outcome: Outcome) -> usize {
        match outcome {
            Outcome::Fixed => self.fixed,
            Outcome::Declined => self.declined,
            Outcome::Persisting => self.persisting,
            Outcome::Demoted => self.demoted,
            Outcome::Dropped => self.dropped,
            Outcome::NotRaised => self.not_raised,
            Outcome::New => self.new,
        }
    }
}

/// What changed between an earlier and a later round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundDiff {
    pub earlier: RoundInfo,
    pub later: RoundInfo,
    /// Every earlier finding once, in the earlier report's order.
    pub earlier_rows: Vec<EarlierRow>,
    /// Every later finding once, in the later report's order.
    pub later_rows: Vec<LaterRow>,
    /// The pairs (`persisting` and `demoted`), in the earlier report's order.
    pub pairs: Vec<MatchedPair>,
    pub summary: DiffSummary,
    /// The overrides applied (empty without any).
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
}

impl RoundDiff {
    /// The outcome of the earlier finding at `index`.
    pub fn outcome_of_earlier(&self, index: usize) -> Option<Outcome> {
        self.earlier_rows.get(index).map(|r| r.outcome)
    }

    /// The pair whose later finding is at `index`, if any.
    pub fn pair_of_later(&self, index: usize) -> Option<&MatchedPair> {
        self.pairs.iter().find(|p| p.later.index == index)
    }
}
