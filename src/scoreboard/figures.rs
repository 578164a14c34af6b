//! The scoreboard's figures and drill-downs: plain data with serde, for the CLI and a screen.

use super::retro::Unit;
use super::Filter;
use crate::model::{family_of, Severity, Status};
use crate::rounds::{Lifecycle, Outcome, RoundDiff};
use serde::{Deserialize, Serialize};

/// Rows per agent family or per model (display name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    Family,
    Model,
}

impl Grouping {
    pub(super) fn key(self, name: &str) -> String {
        match self {
            Grouping::Family => family_of(name),
            Grouping::Model => name.to_string(),
        }
    }
}

/// What became of an issue (a finding followed across the rounds of its thread).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    Fixed,
    Declined,
    Dropped,
    Demoted,
    NotRaised,
    Open,
}

impl Fate {
    pub const ALL: [Fate; 6] = [
        Fate::Fixed,
        Fate::Declined,
        Fate::Dropped,
        Fate::Demoted,
        Fate::NotRaised,
        Fate::Open,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Fixed => "fixed",
            Fate::Declined => "declined",
            Fate::Dropped => "dropped",
            Fate::Demoted => "demoted",
            Fate::NotRaised => "not_raised",
            Fate::Open => "open",
        }
    }

    /// The fate of a lifecycle: `fixed`, `declined` or `dropped` when its outcome after its
    /// last appearance says so; else `demoted` when it was demoted on the way (a later round's
    /// diff says demoted, or an appearance carries the consolidator's `demoted` status); else
    /// `not_raised` or, still open in the last round, `open` (or what its last status says).
    pub(super) fn of(l: &Lifecycle, diffs: &[RoundDiff]) -> Fate {
        let demoted = l.appearances.iter().any(|a| {
            a.status == Status::Demoted
                || diffs
                    .get(a.round)
                    .and_then(|d| d.earlier_rows.get(a.index))
                    .is_some_and(|row| row.outcome == Outcome::Demoted)
        });
        let last_status = l.appearances.last().map_or(Status::Open, |a| a.status);
        match l.outcome {
            Some(Outcome::Fixed) => Fate::Fixed,
            Some(Outcome::Declined) => Fate::Declined,
            Some(Outcome::Dropped) => Fate::Dropped,
            _ if demoted => Fate::Demoted,
            Some(Outcome::Demoted) => Fate::Demoted,
            Some(Outcome::NotRaised) => Fate::NotRaised,
            Some(Outcome::Persisting | Outcome::New) | None => Fate::of_status(last_status),
        }
    }

    pub(super) fn of_status(status: Status) -> Fate {
        match status {
            Status::Demoted => Fate::Demoted,
            Status::Dropped => Fate::Dropped,
            Status::Resolved => Fate::Fixed,
            Status::Declined | Status::Deferred => Fate::Declined,
            Status::Open => Fate::Open,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityCounts {
    pub critical: usize,
    pub important: usize,
    pub suggestion: usize,
    pub design: usize,
}

impl SeverityCounts {
    pub fn get(&self, s: Severity) -> usize {
        match s {
            Severity::Critical => self.critical,
            Severity::Important => self.important,
            Severity::Suggestion => self.suggestion,
            Severity::Design => self.design,
        }
    }

    pub(super) fn add(&mut self, s: Severity) {
        match s {
            Severity::Critical => self.critical += 1,
            Severity::Important => self.important += 1,
            Severity::Suggestion => self.suggestion += 1,
            Severity::Design => self.design += 1,
        }
    }
}

/// Issues by fate (exclusive: they add up to `issues`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fates {
    pub fixed: usize,
    pub declined: usize,
    pub dropped: usize,
    pub demoted: usize,
    pub not_raised: usize,
    pub open: usize,
}

impl Fates {
    pub fn get(&self, f: Fate) -> usize {
        match f {
            Fate::Fixed => self.fixed,
            Fate::Declined => self.declined,
            Fate::Dropped => self.dropped,
            Fate::Demoted => self.demoted,
            Fate::NotRaised => self.not_raised,
            Fate::Open => self.open,
        }
    }

    pub(super) fn add(&mut self, f: Fate) {
        match f {
            Fate::Fixed => self.fixed += 1,
            Fate::Declined => self.declined += 1,
            Fate::Dropped => self.dropped += 1,
            Fate::Demoted => self.demoted += 1,
            Fate::NotRaised => self.not_raised += 1,
            Fate::Open => self.open += 1,
        }
    }
}

/// One retro metric of one agent: present only when at least one report gives a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetroFigure {
    /// [`METRICS`](super::METRICS) key: `duration_seconds`, `tool_calls` …
    pub key: String,
    pub label: String,
    pub unit: Unit,
    /// Sum over the reports that give it.
    pub sum: f64,
    /// How many reports give it.
    pub reports: usize,
    /// `sum / reports`.
    pub mean: f64,
    /// How many of the reports' cells are marked approximate (`~6m`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub approx: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The figures of one agent (a family or a model).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentRow {
    /// The family (`Claude`) or the model's display name (`Claude Opus 4.8`).
    pub name: String,
    pub family: String,
    pub grouping: Grouping,
    /// The models seen, in order of first report date (for a model row, itself).
    pub models: Vec<String>,
    /// Dates of the first and last report naming it (header dates, as written).
    pub first_date: String,
    pub last_date: String,
    /// Reports naming it: as a reviewer in the header, on a finding or in the retro table.
    pub reports: usize,
    /// Findings naming it, one per report.
    pub raised: usize,
    pub by_severity: SeverityCounts,
    /// Raised findings naming no other agent (family rows: no other family).
    pub sole: usize,
    pub shared: usize,
    /// Distinct findings across rounds (lifecycles) naming it.
    pub issues: usize,
    pub fates: Fates,
    /// fixed / (issues − open).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_rate: Option<f64>,
    /// (dropped + demoted) / issues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noise_rate: Option<f64>,
    /// Retro metrics reported for it, in [`METRICS`](super::METRICS) order; a metric no report gives is absent.
    pub retro: Vec<RetroFigure>,
}

impl AgentRow {
    /// The retro figure of `key`, if any report gives it.
    pub fn retro(&self, key: &str) -> Option<&RetroFigure> {
        self.retro.iter().find(|r| r.key == key)
    }

    /// Issues whose fate is known (issues − open).
    pub fn followed(&self) -> usize {
        self.issues - self.fates.open
    }
}

/// One family: its total row and its models side by side (in order of first appearance, so
/// versions read left to right: Opus 4.6 → 4.7 → 4.8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FamilyBoard {
    pub family: String,
    pub total: AgentRow,
    pub models: Vec<AgentRow>,
}

/// The scoreboard of a part of the reports (one repository, one month).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slice {
    /// `owner/name` or `(no repository)`; `2026-07` or `(undated)`.
    pub key: String,
    pub reports: usize,
    pub families: Vec<FamilyBoard>,
}

/// The whole scoreboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scoreboard {
    pub filter: Filter,
    /// Reports kept by the filter.
    pub reports: usize,
    /// Threads (PRs) those reports belong to.
    pub threads: usize,
    /// Their findings, and how many of them name no agent (counted for nobody).
    pub findings: usize,
    pub unattributed: usize,
    /// Families by findings raised (most first), each with its models.
    pub families: Vec<FamilyBoard>,
    pub by_repo: Vec<Slice>,
    pub by_month: Vec<Slice>,
}

impl Scoreboard {
    /// The row of a family or a model.
    pub fn row(&self, grouping: Grouping, name: &str) -> Option<&AgentRow> {
        self.families.iter().find_map(|f| match grouping {
            Grouping::Family => (f.family == name).then_some(&f.total),
            Grouping::Model => f.models.iter().find(|m| m.name == name),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Drill-down
// ---------------------------------------------------------------------------------------------

/// A finding behind a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillFinding {
    pub slug: String,
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub date: String,
    /// The fate of its issue.
    pub fate: Fate,
    /// Its agents as written in the report.
    pub agents: Vec<String>,
}

/// A retro cell behind a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillCell {
    pub slug: String,
    pub date: String,
    /// The model whose column it is.
    pub agent: String,
    /// The row and the cell as written.
    pub row: String,
    pub text: String,
    pub value: f64,
}

/// What is behind one (agent, metric) number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drill {
    pub grouping: Grouping,
    pub agent: String,
    pub metric: String,
    pub findings: Vec<DrillFinding>,
    pub cells: Vec<DrillCell>,
}

/// The metric keys [`Corpus::drill`](super::Corpus::drill) takes besides the retro keys of [`METRICS`](super::METRICS): finding
/// counts (one finding per report) and issue counts (one finding per issue: the agent's first
/// appearance within the filter).
pub const FINDING_METRICS: [&str; 7] = [
    "raised",
    "critical",
    "important",
    "suggestion",
    "design",
    "sole",
    "shared",
];
/// See [`FINDING_METRICS`]. `followed` is the confirmation rate's denominator, `noise` the
/// noise rate's numerator (dropped + demoted).
pub const ISSUE_METRICS: [&str; 9] = [
    "issues",
    "fixed",
    "declined",
    "dropped",
    "demoted",
    "not_raised",
    "open",
    "followed",
    "noise",
];
