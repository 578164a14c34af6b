//! The report list's two layouts and the compact table's rows and sort order (pure; the app's
//! index screen renders them).
//!
//! URL parameters (kept in `ViewState::extra`, listed in `query::INDEX_PARAMS`):
//!
//! | parameter | meaning                                                                      |
//! |-----------|------------------------------------------------------------------------------|
//! | `layout`  | `table` (one line per thread) or `cards` (rounds timeline); default [`Layout::default_for`] |
//! | `sort`    | table order: `date` (default), `pr`, `verdict`, `open`                       |
//! | `order`   | `asc` or `desc`; default [`SortKey::default_order`]                          |
//!
//! ```
//! use deep_review::listing::{Layout, Sort, SortKey, Order};
//! assert_eq!(Layout::default_for(11), Layout::Table);
//! assert_eq!(Layout::default_for(10), Layout::Cards);
//! let s = Sort::parse(Some("open"), None);
//! assert_eq!((s.key, s.order), (SortKey::Open, Order::Desc));
//! ```

use crate::model::{IndexEntry, Severity, Verdict, VerdictClass};
use std::cmp::Ordering;

/// Beyond this many threads the list opens as a table.
pub const CARDS_UP_TO: usize = 10;

/// How the report list is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One line per thread: date, PR and title, round, verdict, open C/I/S.
    Table,
    /// One card per thread with its rounds as a timeline.
    Cards,
}

impl Layout {
    pub fn parse(s: &str) -> Option<Layout> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" | "list" | "compact" => Some(Layout::Table),
            "cards" | "timeline" => Some(Layout::Cards),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Table => "table",
            Layout::Cards => "cards",
        }
    }

    /// Cards for a short list, the table beyond [`CARDS_UP_TO`] threads.
    pub fn default_for(threads: usize) -> Layout {
        if threads > CARDS_UP_TO {
            Layout::Table
        } else {
            Layout::Cards
        }
    }

    /// The layout asked for in the URL (`layout=`), else the default for `threads`.
    pub fn resolve(param: Option<&str>, threads: usize) -> Layout {
        param
            .and_then(Layout::parse)
            .unwrap_or_else(|| Layout::default_for(threads))
    }
}

/// A column the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Latest round's date.
    Date,
    /// PR number (threads without one last).
    Pr,
    /// Verdict, most severe first: rework, merge with fixes, other, merge.
    Verdict,
    /// Open findings of the latest round, by critical, then important, then suggestion.
    Open,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Asc,
    Desc,
}

impl Order {
    pub fn as_str(self) -> &'static str {
        match self {
            Order::Asc => "asc",
            Order::Desc => "desc",
        }
    }

    pub fn flip(self) -> Order {
        match self {
            Order::Asc => Order::Desc,
            Order::Desc => Order::Asc,
        }
    }
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [SortKey::Date, SortKey::Pr, SortKey::Verdict, SortKey::Open];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Pr => "pr",
            SortKey::Verdict => "verdict",
            SortKey::Open => "open",
        }
    }

    pub fn parse(s: &str) -> Option<SortKey> {
        let s = s.trim().to_ascii_lowercase();
        SortKey::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Newest, highest PR, most severe verdict and most open findings first.
    pub fn default_order(self) -> Order {
        Order::Desc
    }
}

/// A sort key and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub order: Order,
}

impl Default for Sort {
    fn default() -> Sort {
        Sort {
            key: SortKey::Date,
            order: Order::Desc,
        }
    }
}

impl Sort {
    /// From the URL's `sort=` and `order=`; unknown values fall back to the defaults.
    pub fn parse(sort: Option<&str>, order: Option<&str>) -> Sort {
        let key = sort.and_then(SortKey::parse).unwrap_or(SortKey::Date);
        let order = match order.map(|o| o.trim().to_ascii_lowercase()) {
            Some(o) if o == "asc" => Order::Asc,
            Some(o) if o == "desc" => Order::Desc,
            _ => key.default_order(),
        };
        Sort { key, order }
    }

    /// The sort a click on `key`'s column header asks for: the same column flips its
    /// direction, another starts at its default.
    pub fn clicked(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort {
                key,
                order: self.order.flip(),
            }
        } else {
            Sort {
                key,
                order: key.default_order(),
            }
        }
    }

    /// How `key`'s column header shows this sort: its `aria-sort` value and the arrow after
    /// its name (`none` and no arrow for the other columns).
    pub fn header_marks(self, key: SortKey) -> (&'static str, &'static str) {
        match (self.key == key, self.order) {
            (false, _) => ("none", ""),
            (true, Order::Asc) => ("ascending", " ▲"),
            (true, Order::Desc) => ("descending", " ▼"),
        }
    }

    /// The URL parameters (`sort`, `order`) of this sort, empty for the default.
    pub fn params(self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.key != SortKey::Date || self.order != self.key.default_order() {
            out.push(("sort".to_string(), self.key.as_str().to_string()));
        }
        if self.order != self.key.default_order() {
            out.push(("order".to_string(), self.order.as_str().to_string()));
        }
        out
    }
}

/// Open and no-longer-open findings of one severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpenClosed {
    pub open: u32,
    pub closed: u32,
}

/// One line of the compact table: a thread summarised by its latest round.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Date of the latest round (`YYYY-MM-DD HH:MM` as written).
    pub date: String,
    pub pr: Option<u64>,
    /// PR title, else the branch, else the report title.
    pub title: String,
    /// The latest round's number (its position when the report does not say).
    pub round: u32,
    /// How many rounds the thread has.
    pub rounds: usize,
    pub verdict: Option<Verdict>,
    /// Critical, important, suggestion of the latest round.
    pub counts: [OpenClosed; 3],
}

const SEVERITIES: [Severity; 3] = [
    Severity::Critical,
    Severity::Important,
    Severity::Suggestion,
];

impl Row {
    /// The row of a thread whose rounds are `rounds`, in round order; `None` when empty.
    pub fn of(rounds: &[&IndexEntry]) -> Option<Row> {
        let last = rounds.last()?;
        let title = last
            .pr
            .as_ref()
            .and_then(|p| p.title.clone())
            .filter(|t| !t.trim().is_empty())
            .or_else(|| last.branch.clone().map(|b| format!("Branch {b}")))
            .unwrap_or_else(|| last.title.clone());
        let date = rounds
            .iter()
            .map(|e| e.date.as_str())
            .max()
            .unwrap_or("")
            .to_string();
        Some(Row {
            date,
            pr: last.pr.as_ref().map(|p| p.number),
            title,
            round: last
                .round
                .as_ref()
                .map_or(rounds.len() as u32, |r| r.number),
            rounds: rounds.len(),
            verdict: last.verdict.clone(),
            counts: SEVERITIES.map(|s| OpenClosed {
                open: last.counts.open(s),
                closed: last.counts.closed(s),
            }),
        })
    }

    fn verdict_rank(&self) -> u8 {
        match self.verdict.as_ref().map(Verdict::class) {
            Some(VerdictClass::Rework) => 4,
            Some(VerdictClass::MergeWithFixes) => 3,
            Some(VerdictClass::Other) => 2,
            Some(VerdictClass::Merge) => 1,
            None => 0,
        }
    }

    fn open_key(&self) -> [u32; 3] {
        self.counts.map(|c| c.open)
    }
}

/// Compare two rows for `sort`; ties keep the newest first, then the PR number.
pub fn compare(a: &Row, b: &Row, sort: Sort) -> Ordering {
    let primary = match sort.key {
        SortKey::Date => a.date.cmp(&b.date),
        SortKey::Pr => match (a.pr, b.pr) {
            (Some(x), Some(y)) => x.cmp(&y),
            // Threads without a PR stay last in either direction.
            (Some(_), None) => return Ordering::Less,
            (None, Some(_)) => return Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        SortKey::Verdict => a.verdict_rank().cmp(&b.verdict_rank()),
        SortKey::Open => a.open_key().cmp(&b.open_key()),
    };
    let primary = match sort.order {
        Order::Asc => primary,
        Order::Desc => primary.reverse(),
    };
    primary
        .then_with(|| b.date.cmp(&a.date))
        .then_with(|| b.pr.cmp(&a.pr))
}

/// Indices of `rows` in `sort` order.
pub fn sorted(rows: &[Row], sort: Sort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&i, &j| compare(&rows[i], &rows[j], sort));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Counts, Finding, PullRequest, Round, Status};

    fn entry(
        date: &str,
        pr: Option<u64>,
        verdict: &str,
        findings: &[(Severity, Status)],
    ) -> IndexEntry {
        let findings: Vec<Finding> = findings
            .iter()
            .map(|&(severity, status)| Finding {
                status,
                ..Finding::new("", severity)
            })
            .collect();
        IndexEntry {
            date: date.into(),
            title: format!("Deep Review {date}"),
            pr: pr.map(|number| PullRequest {
                number,
                title: Some(format!("PR {number} title")),
                url: None,
            }),
            round: Some(Round {
                number: 1,
                ..Round::default()
            }),
            verdict: (!verdict.is_empty()).then(|| Verdict {
                label: verdict.into(),
                text: String::new(),
            }),
            counts: Counts::of(&findings),
            ..IndexEntry::default()
        }
    }

    #[test]
    fn open_counts_leave_resolved_findings_out() {
        use Severity::*;
        let e = entry(
            "2026-08-01",
            Some(5),
            "Merge",
            &[
                (Suggestion, Status::Resolved),
                (Suggestion, Status::Resolved),
                (Suggestion, Status::Open),
                (Important, Status::Declined),
                (Critical, Status::Deferred),
            ],
        );
        let row = Row::of(&[&e]).unwrap();
        assert_eq!(row.counts[0], OpenClosed { open: 1, closed: 0 });
        assert_eq!(row.counts[1], OpenClosed { open: 0, closed: 1 });
        assert_eq!(row.counts[2], OpenClosed { open: 1, closed: 2 });
        assert_eq!(row.title, "PR 5 title");
    }

    #[test]
    fn an_old_index_without_open_counts_counts_everything_open() {
        let mut e = entry(
            "2026-08-01",
            None,
            "",
            &[(Severity::Important, Status::Resolved)],
        );
        e.counts.open = None;
        let row = Row::of(&[&e]).unwrap();
        assert_eq!(row.counts[1], OpenClosed { open: 1, closed: 0 });
    }

    #[test]
    fn the_latest_round_summarises_the_thread() {
        let r1 = entry(
            "2026-08-01 10:00",
            Some(7),
            "Rework",
            &[(Severity::Critical, Status::Open)],
        );
        let mut r2 = entry("2026-08-03 09:00", Some(7), "Merge", &[]);
        r2.round = Some(Round {
            number: 2,
            ..Round::default()
        });
        let row = Row::of(&[&r1, &r2]).unwrap();
        assert_eq!((row.round, row.rounds), (2, 2));
        assert_eq!(row.date, "2026-08-03 09:00");
        assert_eq!(row.verdict.unwrap().label, "Merge");
        assert_eq!(row.counts[0].open, 0);
    }

    #[test]
    fn sorts_by_each_column_both_ways() {
        use Severity::*;
        let a = entry(
            "2026-08-01",
            Some(30),
            "Merge",
            &[(Suggestion, Status::Open)],
        );
        let b = entry(
            "2026-08-05",
            Some(10),
            "Rework",
            &[(Important, Status::Open)],
        );
        let c = entry(
            "2026-08-03",
            None,
            "Merge with fixes",
            &[(Critical, Status::Open)],
        );
        let rows: Vec<Row> = [&a, &b, &c].map(|e| Row::of(&[e]).unwrap()).into();
        let by = |key, order| sorted(&rows, Sort { key, order });
        assert_eq!(by(SortKey::Date, Order::Desc), [1, 2, 0]);
        assert_eq!(by(SortKey::Date, Order::Asc), [0, 2, 1]);
        assert_eq!(by(SortKey::Pr, Order::Desc), [0, 1, 2]);
        assert_eq!(by(SortKey::Pr, Order::Asc), [1, 0, 2], "no PR stays last");
        assert_eq!(by(SortKey::Verdict, Order::Desc), [1, 2, 0]);
        assert_eq!(
            by(SortKey::Open, Order::Desc),
            [2, 1, 0],
            "critical outweighs the rest"
        );
        assert_eq!(by(SortKey::Open, Order::Asc), [0, 1, 2]);
    }

    #[test]
    fn sort_parameters_round_trip_and_headers_flip() {
        assert_eq!(Sort::default().params(), vec![]);
        let s = Sort::parse(Some("pr"), Some("asc"));
        assert_eq!(
            s.params(),
            vec![("sort".into(), "pr".into()), ("order".into(), "asc".into())]
        );
        assert_eq!(
            Sort::parse(Some("bogus"), Some("sideways")),
            Sort::default()
        );
        let flipped = Sort::default().clicked(SortKey::Date);
        assert_eq!(flipped.order, Order::Asc);
        assert_eq!(
            flipped.params(),
            vec![
                ("sort".into(), "date".into()),
                ("order".into(), "asc".into())
            ]
        );
        assert_eq!(
            flipped.clicked(SortKey::Open),
            Sort::parse(Some("open"), None)
        );
    }

    #[test]
    fn only_the_sorted_column_header_shows_a_direction() {
        let newest_first = Sort::default();
        assert_eq!(
            newest_first.header_marks(SortKey::Date),
            ("descending", " ▼")
        );
        assert_eq!(newest_first.header_marks(SortKey::Pr), ("none", ""));
        let oldest_first = newest_first.clicked(SortKey::Date);
        assert_eq!(
            oldest_first.header_marks(SortKey::Date),
            ("ascending", " ▲")
        );
        assert_eq!(oldest_first.header_marks(SortKey::Open), ("none", ""));
    }

    #[test]
    fn layout_defaults_to_the_table_beyond_ten_threads_unless_asked() {
        assert_eq!(Layout::resolve(None, 3), Layout::Cards);
        assert_eq!(Layout::resolve(None, 40), Layout::Table);
        assert_eq!(Layout::resolve(Some("cards"), 40), Layout::Cards);
        assert_eq!(Layout::resolve(Some("table"), 2), Layout::Table);
        assert_eq!(Layout::resolve(Some("zigzag"), 2), Layout::Cards);
    }
}
