//! Round diffs and threads as readable text (`deep-review diff|thread --format table`).

use super::diff::{EarlierRow, LaterRow, Outcome, RoundDiff};
use super::lifecycle::ThreadReport;
use std::fmt::Write;

/// One diff: the summary sentence, then each outcome group with its findings and evidence.
pub fn diff(d: &RoundDiff) -> String {
    let mut out = String::new();
    let (e, l) = (d.earlier.label(), d.later.label());
    let _ = writeln!(out, "{} ({}) → {} ({})", e, d.earlier.slug, l, d.later.slug);
    let _ = writeln!(out, "{}", d.summary.sentence);
    for outcome in Outcome::ALL {
        let count = d.summary.count(outcome);
        if count == 0 {
            continue;
        }
        let _ = writeln!(out, "\n{} ({count})", outcome.label().to_uppercase());
        if outcome == Outcome::New {
            for r in d.later_rows.iter().filter(|r| r.outcome == Outcome::New) {
                later_row(&mut out, r, &e);
            }
        } else {
            for r in d.earlier_rows.iter().filter(|r| r.outcome == outcome) {
                earlier_row(&mut out, r, &e, &l);
            }
        }
    }
    out.trim_end().to_string()
}

fn short(l: &str) -> String {
    l.strip_prefix("Round ")
        .map_or_else(|| l.to_string(), |n| format!("R{n}"))
}

fn earlier_row(out: &mut String, r: &EarlierRow, e: &str, l: &str) {
    let f = &r.finding;
    match &r.later {
        Some(x) => {
            let _ = write!(
                out,
                "  {} {} → {} {}  {}",
                short(e),
                f.id,
                short(l),
                x.id,
                x.title
            );
            if let Some(c) = r.severity_changed {
                let _ = write!(out, "  [{} → {}]", c.from.as_str(), c.to.as_str());
            }
            if let Some(e) = r.explanation {
                let _ = write!(out, "  (via {:?}, score {:.2})", e.via, e.score);
                if e.is_weak() {
                    let _ = write!(out, "  weak match: check it (--unlink {}:{})", f.id, x.id);
                }
            }
            if r.manual {
                let _ = write!(out, "  (by hand)");
            }
            out.push('\n');
        }
        None => {
            let _ = writeln!(out, "  {} {}  {}", short(e), f.id, f.title);
        }
    }
    for ev in &r.evidence {
        let _ = writeln!(out, "      {ev}");
    }
}

fn later_row(out: &mut String, r: &LaterRow, e: &str) {
    let _ = writeln!(out, "  {}  {}", r.finding.id, r.finding.title);
    for rel in &r.relations {
        let how = match rel.relation {
            super::Relation::Related | super::Relation::Same => "related to",
            super::Relation::Regression => "caused by the fix of",
            super::Relation::FollowUp => "a follow-up of",
        };
        let _ = writeln!(
            out,
            "      new, {how} {} {}: {}",
            short(e),
            rel.id,
            rel.text
        );
    }
}

/// One thread: its rounds, warnings, each consecutive diff and every finding's path.
pub fn thread(t: &ThreadReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "THREAD {} — {} rounds", t.label, t.rounds.len());
    for w in &t.warnings {
        let _ = writeln!(out, "  warning: {w}");
    }
    for r in &t.rounds {
        let _ = writeln!(
            out,
            "  {}  {}  {}  {} findings",
            r.label(),
            r.date,
            r.slug,
            r.findings
        );
    }
    for d in &t.diffs {
        let _ = writeln!(out);
        for line in diff(d).lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !t.lifecycles.is_empty() {
        let _ = writeln!(out, "\n  FINDINGS ACROSS ROUNDS");
        for life in &t.lifecycles {
            let path: Vec<String> = life
                .appearances
                .iter()
                .map(|a| {
                    let round = t.rounds.get(a.round).map(|r| r.label()).unwrap_or_default();
                    format!("{} {}", short(&round), a.id)
                })
                .collect();
            let end = match life.outcome {
                Some(o) => o.label().to_lowercase(),
                None => "open".to_string(),
            };
            let title = life.appearances.last().map_or("", |a| a.title.as_str());
            let _ = writeln!(out, "  {} → {end}  {title}", path.join(" → "));
        }
    }
    out.trim_end().to_string()
}
