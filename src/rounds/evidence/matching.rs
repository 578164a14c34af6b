//! Which earlier finding a list item or a clause without an id describes.

use super::text::code_spans;
use crate::model::{Finding, Location, Severity, Status};
use crate::rounds::similarity::{self, Prepared, Scores};

/// The earlier round's findings, read for similarity once however many clauses and list items
/// of the later report are compared with them.
pub(super) struct Earlier<'a> {
    pub findings: &'a [Finding],
    pub prepared: &'a Prepared,
}

impl Earlier<'_> {
    fn scores(&self, probe: &Finding) -> Scores {
        self.prepared.score(std::slice::from_ref(probe))
    }
}

/// The earlier finding a clause describes, when that is clear: it shares a code symbol or
/// close wording with the finding's title, scores well ahead of every other finding, and above
/// a bar set so that a clause about something else names nothing.
pub(super) fn match_clause(earlier: &Earlier, clause: &str) -> Option<usize> {
    let ef = earlier.findings;
    let low = clause.to_lowercase();
    let negated = [
        " not ",
        "n't ",
        "still",
        "missing",
        "remain",
        "unresolved",
        "open",
    ]
    .iter()
    .any(|w| low.contains(w));
    if ef.is_empty() || clause.split_whitespace().count() < 3 || negated {
        return None;
    }
    let probe = Finding {
        id: "X1".into(),
        severity: Severity::Suggestion,
        title: clause.replace('`', ""),
        title_md: clause.to_string(),
        kinds: vec![],
        locations: vec![],
        agents: vec![],
        later_passes: Vec::new(),
        status: Status::Open,
        status_note: None,
        refs: vec![],
        body_md: String::new(),
        line: 0,
    };
    let scores = earlier.scores(&probe);
    // A clause has no body: its title words (rarity-weighted Dice), how much of each title the
    // other mentions, and shared code symbols.
    let key = |i: usize| {
        let x = scores.explain(i, 0, similarity::MatchVia::Similarity);
        (x.title.max(x.cross) + x.symbols) / 2.0 + x.title.min(x.cross) / 4.0
    };
    let mut best = (0usize, 0f32);
    let mut second = 0f32;
    for i in 0..ef.len() {
        let x = key(i);
        if x > best.1 {
            second = best.1;
            best = (i, x);
        } else if x > second {
            second = x;
        }
    }
    (best.1 >= 0.36 && best.1 >= second * 1.6).then_some(best.0)
}

/// The earlier finding a list item without an id is about, by title and locations: the best
/// match when it is clear (well above the rest and above a bar; a lower bar when the item says
/// it is about that round).
pub(super) fn match_item(earlier: &Earlier, item: &str, about_round: bool) -> Option<usize> {
    let ef = earlier.findings;
    if ef.is_empty() {
        return None;
    }
    let t = item.trim_start().trim_start_matches(['-', '*', '+', ' ']);
    // The lead: a bold span, else up to ` — ` / `:`.
    let (title, body) = match t.strip_prefix("**").and_then(|r| r.split_once("**")) {
        Some((title, rest)) => (title.to_string(), rest.to_string()),
        None => match t.split_once(" — ").or_else(|| t.split_once(": ")) {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (t.to_string(), String::new()),
        },
    };
    let locations: Vec<Location> = code_spans(t)
        .filter(|c| c.contains('/') || c.contains('.'))
        .map(|c| {
            let path = c.split(':').next().unwrap_or(c).to_string();
            Location {
                path,
                start_line: None,
                end_line: None,
                text: c.to_string(),
            }
        })
        .collect();
    let probe = Finding {
        id: "X1".into(),
        severity: Severity::Suggestion,
        title: title.replace('`', ""),
        title_md: title,
        kinds: vec![],
        locations,
        agents: vec![],
        later_passes: Vec::new(),
        status: Status::Open,
        status_note: None,
        refs: vec![],
        body_md: body,
        line: 0,
    };
    let scores = earlier.scores(&probe);
    let mut best = (0usize, 0f32);
    let mut second = 0f32;
    for i in 0..ef.len() {
        let s = scores.score[i];
        if s > best.1 {
            second = best.1;
            best = (i, s);
        } else if s > second {
            second = s;
        }
    }
    let bar = if about_round { 0.3 } else { 0.45 };
    (best.1 >= bar && best.1 >= second + 0.08).then_some(best.0)
}
