//! Review rounds (DESIGN.md §3): grouping reports into threads (one PR or branch), matching
//! findings between two rounds, and following each finding across every round of a thread.
//!
//! - [`thread_key`] / [`group_threads`] work on anything that exposes a report's header
//!   ([`RoundSource`]: a parsed [`Review`] or an [`IndexEntry`]), so the app can group its index
//!   without loading every report.
//! - [`diff_reviews`] matches the findings of an earlier and a later round: explicit
//!   cross-references first (`round 2 I1` in the later finding), then an optimal one-to-one
//!   assignment ([`assign`], the Hungarian algorithm) on a similarity score of titles, location
//!   paths and bodies, above [`THRESHOLD`]. Every pair carries a [`MatchExplanation`].
//! - [`thread_report`] diffs consecutive rounds and builds each finding's [`Lifecycle`] and
//!   per-agent figures ([`AgentFigures`]).

mod applied;
mod assign;
mod diff;
mod evidence;
mod lifecycle;
mod overrides;
mod reviewed;
mod similarity;
pub mod text;
mod thread;

pub use assign::assign;
pub use diff::*;
pub use evidence::Relation;
pub use lifecycle::*;
pub use reviewed::same_code;
pub use similarity::{pair_signals, MatchExplanation, MatchVia, Weights, THRESHOLD, WEIGHTS};
pub use thread::*;

#[cfg(test)]
pub(crate) mod test_util {
    use crate::model::*;

    pub fn finding(id: &str, title: &str, path: &str, body: &str) -> Finding {
        Finding {
            title: title.to_string(),
            title_md: format!("**{title}**"),
            locations: if path.is_empty() {
                vec![]
            } else {
                vec![Location {
                    path: path.to_string(),
                    start_line: Some(10),
                    end_line: None,
                    text: format!("{path}:10"),
                }]
            },
            agents: vec!["Claude Opus 4.6".to_string()],
            refs: crate::parse::xref::cross_refs(body), // as the parser fills them
            body_md: body.to_string(),
            line: 1,
            ..Finding::new(
                id,
                Severity::parse(&id[..1]).unwrap_or(Severity::Suggestion),
            )
        }
    }

    pub fn review(slug: &str, round: Option<u32>, date: &str, findings: Vec<Finding>) -> Review {
        Review {
            slug: slug.to_string(),
            title: format!("Deep Review: {slug}"),
            meta: Meta {
                date: date.to_string(),
                round: round.map(|n| Round {
                    number: n,
                    of: None,
                    text: n.to_string(),
                }),
                ..Default::default()
            },
            findings,
            ..Default::default()
        }
    }
}
