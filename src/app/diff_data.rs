//! What the diff screen shows (context of the diff screen): two loaded rounds ([`Pair`]) and
//! their diff as rows ([`DiffData`]), read by the screen (`diff_view`) and by each row
//! (`diff_row`).

use crate::compare::{self, Overrides, Row};
use crate::model::{Finding, Review};
use crate::rounds::{diff_reviews_with, thread_diff, RoundDiff};
use std::sync::Arc;

/// The two rounds of a diff, loaded, and the rounds in between when known.
#[derive(Debug, Clone)]
pub struct Pair {
    pub newer_src: String,
    pub older_src: String,
    pub newer: Arc<Review>,
    pub older: Arc<Review>,
    /// The rounds between them in their thread (empty when adjacent); `None` when the two are
    /// not known as rounds of one thread, or a round between could not be loaded.
    pub between: Option<Vec<Arc<Review>>>,
    /// Why the rounds between are not followed, when the thread has some.
    pub direct_note: Option<String>,
}

impl Pair {
    /// The core's diff with `overrides`: through the rounds between when they are loaded.
    pub fn diff(&self, overrides: &Overrides) -> RoundDiff {
        match &self.between {
            Some(mid) => {
                let mut chain: Vec<&Review> = Vec::with_capacity(mid.len() + 2);
                chain.push(&self.older);
                chain.extend(mid.iter().map(|r| r.as_ref()));
                chain.push(&self.newer);
                thread_diff(&chain, 0, chain.len() - 1, overrides)
            }
            None => diff_reviews_with(&self.older, &self.newer, overrides),
        }
    }
}

/// Everything the diff screen shows.
#[derive(Debug, Clone)]
pub struct DiffData {
    /// The two rounds (sources and reports) this diff compares.
    pub pair: Arc<Pair>,
    pub diff: RoundDiff,
    pub rows: Vec<Row>,
}

impl DiffData {
    pub fn new(pair: &Arc<Pair>, overrides: &Overrides) -> Self {
        Self::of_diff(pair, pair.diff(overrides))
    }

    /// The screen's data for a diff of `pair` already made.
    pub(super) fn of_diff(pair: &Arc<Pair>, diff: RoundDiff) -> Self {
        let rows = compare::rows(&diff);
        DiffData {
            pair: pair.clone(),
            diff,
            rows,
        }
    }

    /// The finding a row stands for: its later one for pairs and new findings, else its
    /// earlier one.
    pub(super) fn main(&self, row: &Row) -> Option<&Finding> {
        if row.stands_for_later() {
            row.later.and_then(|i| self.pair.newer.findings.get(i))
        } else {
            row.earlier.and_then(|i| self.pair.older.findings.get(i))
        }
    }

    /// The other round's finding of a pair.
    pub(super) fn other(&self, row: &Row) -> Option<&Finding> {
        if row.stands_for_later() {
            row.earlier.and_then(|i| self.pair.older.findings.get(i))
        } else {
            None
        }
    }

    /// One finding per row, for the shared filters: the row's main finding with the status
    /// its outcome gives, the older title added to the searchable body of a pair, and an id
    /// unique among the rows (rows of the older round only: `C1@r1`).
    pub(super) fn filter_findings(&self) -> Vec<Finding> {
        self.rows
            .iter()
            .filter_map(|row| {
                let mut f = self.main(row)?.clone();
                f.status = row.filter_status(f.status);
                if !row.stands_for_later() {
                    f.id = format!("{}@r{}", f.id, self.diff.earlier.effective_round);
                }
                if let Some(o) = self.other(row) {
                    f.body_md = format!("{}\n\n{} {}", f.body_md, o.id, o.title);
                }
                Some(f)
            })
            .collect()
    }
}
