//! The scoreboard as text: a readable table and CSV (`deep-review agents --format table|csv`).

use super::{
    AgentRow, FamilyBoard, Grouping, RetroFigure, Scoreboard, Slice, Unit, FINDING_METRICS,
    ISSUE_METRICS, METRICS,
};

/// Rates as whole percents; missing as `—`.
pub fn pct(r: Option<f64>) -> String {
    r.map_or("—".to_string(), |r| format!("{:.0}%", r * 100.0))
}

/// `9m 47s`, `1h 02m`, `45s`.
pub fn hms(secs: f64) -> String {
    let s = secs.round() as u64;
    if s >= 3600 {
        format!("{}h {:02}m", s / 3600, (s % 3600) / 60)
    } else if s >= 60 {
        format!("{}m {:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

fn num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// Whether a retro metric is shown as a mean per report (durations, tool calls, files) rather
/// than a sum.
fn shown_as_mean(key: &str) -> bool {
    matches!(key, "duration_seconds" | "tool_calls" | "files_reviewed")
}

/// A retro figure as the tables show it, without its report count: the mean per report for
/// durations, tool calls and files reviewed, else the sum; `~` when a cell was approximate.
pub fn retro_value(f: &RetroFigure) -> String {
    let v = if shown_as_mean(&f.key) { f.mean } else { f.sum };
    let v = match f.unit {
        Unit::Seconds => hms(v),
        Unit::Count => num(v),
    };
    let approx = if f.approx > 0 { "~" } else { "" };
    format!("{approx}{v}")
}

/// Whether [`retro_value`] is a mean per report (else a sum).
pub fn retro_is_mean(key: &str) -> bool {
    shown_as_mean(key)
}

fn retro_cell(row: &AgentRow, key: &str) -> String {
    match row.retro(key) {
        None => "—".to_string(),
        Some(f) => {
            let v = if shown_as_mean(key) { f.mean } else { f.sum };
            let v = match f.unit {
                Unit::Seconds => hms(v),
                Unit::Count => num(v),
            };
            let approx = if f.approx > 0 { "~" } else { "" };
            format!("{approx}{v} [{}]", f.reports)
        }
    }
}

/// Columns padded to one width; the first `left` columns left-aligned, the rest right-aligned.
fn render(head: &[String], rows: &[Vec<String>], left: usize) -> String {
    let n = head.len();
    let mut width = vec![0usize; n];
    for r in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |r: &[String]| {
        let mut s = String::new();
        for (i, (c, w)) in r.iter().zip(&width).enumerate() {
            let pad = w - c.chars().count();
            if i < left {
                if i > 0 {
                    s.push_str("  ");
                }
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            }
        }
        s.trim_end().to_string()
    };
    let mut out = vec![line(head)];
    out.push(
        width
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  "),
    );
    out.extend(rows.iter().map(|r| line(r)));
    out.join("\n")
}

fn label(row: &AgentRow) -> String {
    match row.grouping {
        Grouping::Family => row.name.clone(),
        Grouping::Model => format!("  {}", row.name),
    }
}

/// Family total then its models, except a family with one model of the same name.
fn each_row(families: &[FamilyBoard]) -> Vec<&AgentRow> {
    let mut out = Vec::new();
    for f in families {
        out.push(&f.total);
        let only_itself = f.models.len() == 1 && f.models[0].name == f.total.name;
        if !only_itself {
            out.extend(f.models.iter());
        }
    }
    out
}

fn findings_table(families: &[FamilyBoard]) -> String {
    let head: Vec<String> = [
        "agent",
        "reports",
        "raised",
        "C/I/S/D",
        "sole",
        "shared",
        "issues",
        "fixed",
        "declined",
        "dropped",
        "demoted",
        "not raised",
        "open",
        "confirmed",
        "noise",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<String>> = each_row(families)
        .into_iter()
        .map(|r| {
            let s = &r.by_severity;
            vec![
                label(r),
                r.reports.to_string(),
                r.raised.to_string(),
                format!(
                    "{}/{}/{}/{}",
                    s.critical, s.important, s.suggestion, s.design
                ),
                r.sole.to_string(),
                r.shared.to_string(),
                r.issues.to_string(),
                r.fates.fixed.to_string(),
                r.fates.declined.to_string(),
                r.fates.dropped.to_string(),
                r.fates.demoted.to_string(),
                r.fates.not_raised.to_string(),
                r.fates.open.to_string(),
                pct(r.confirmation_rate),
                pct(r.noise_rate),
            ]
        })
        .collect();
    render(&head, &rows, 1)
}

fn retro_table(families: &[FamilyBoard]) -> String {
    let mut head = vec!["agent".to_string()];
    for m in METRICS {
        let l = if shown_as_mean(m.key) {
            format!("{} (mean)", m.label)
        } else {
            m.label.to_string()
        };
        head.push(l);
    }
    let rows: Vec<Vec<String>> = each_row(families)
        .into_iter()
        .map(|r| {
            let mut row = vec![label(r)];
            row.extend(METRICS.iter().map(|m| retro_cell(r, m.key)));
            row
        })
        .collect();
    render(&head, &rows, 1)
}

fn slice_table(title: &str, slices: &[Slice]) -> String {
    let head: Vec<String> = [
        title,
        "model",
        "reports",
        "raised",
        "sole",
        "issues",
        "fixed",
        "confirmed",
        "noise",
        "Duration (mean)",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = Vec::new();
    for s in slices {
        for f in &s.families {
            for m in &f.models {
                rows.push(vec![
                    s.key.clone(),
                    m.name.clone(),
                    m.reports.to_string(),
                    m.raised.to_string(),
                    m.sole.to_string(),
                    m.issues.to_string(),
                    m.fates.fixed.to_string(),
                    pct(m.confirmation_rate),
                    pct(m.noise_rate),
                    retro_cell(m, "duration_seconds"),
                ]);
            }
        }
    }
    render(&head, &rows, 2)
}

/// The scoreboard as readable text: findings and outcomes, retro metrics, then per repository
/// and per month (one row per model).
pub fn table(s: &Scoreboard) -> String {
    let filter = s.filter.to_query();
    let mut out = vec![format!(
        "{} reports in {} threads, {} findings ({} name no agent){}",
        s.reports,
        s.threads,
        s.findings,
        s.unattributed,
        if filter.is_empty() {
            String::new()
        } else {
            format!("; filter {filter}")
        }
    )];
    if s.reports == 0 {
        out.push("No report matches.".to_string());
        return out.join("\n");
    }
    out.push(String::new());
    out.push("Findings and what became of them (issues: distinct findings across rounds)".into());
    out.push(findings_table(&s.families));
    out.push(
        "confirmed = fixed / (issues - open); noise = (dropped + demoted) / issues".to_string(),
    );
    out.push(String::new());
    out.push("Agent Performance Retro, where reported".into());
    out.push(retro_table(&s.families));
    out.push(
        "[n] = reports the number comes from; — = no report gives it; ~ = some cells approximate"
            .to_string(),
    );
    if s.by_repo.len() > 1 {
        out.push(String::new());
        out.push(slice_table("repository", &s.by_repo));
    }
    out.push(String::new());
    out.push(slice_table("month", &s.by_month));
    out.join("\n")
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The scoreboard as CSV: one line per family total and per model, for the whole filter
/// (`scope` = `all`), each repository (`repo`) and each month (`month`). Rates are fractions;
/// a retro metric no report gives is empty, with 0 in its `_reports` column.
pub fn csv(s: &Scoreboard) -> String {
    // The finding and issue counts in the order of their drill-down keys (`followed` and
    // `noise` are in the rates).
    let counts = FINDING_METRICS.iter().chain(
        ISSUE_METRICS
            .iter()
            .filter(|k| !matches!(**k, "followed" | "noise")),
    );
    let mut head: Vec<String> = ["scope", "key", "grouping", "family", "agent", "reports"]
        .iter()
        .chain(counts)
        .chain(&["confirmation_rate", "noise_rate"])
        .map(|s| s.to_string())
        .collect();
    for m in METRICS {
        head.push(format!("{}_sum", m.key));
        head.push(format!("{}_reports", m.key));
    }
    let mut lines = vec![head.join(",")];
    let rate = |r: Option<f64>| r.map_or(String::new(), |r| format!("{r:.4}"));
    let mut emit = |scope: &str, key: &str, families: &[FamilyBoard]| {
        for f in families {
            for r in std::iter::once(&f.total).chain(&f.models) {
                let b = &r.by_severity;
                let mut cells: Vec<String> = vec![
                    scope.to_string(),
                    key.to_string(),
                    match r.grouping {
                        Grouping::Family => "family".to_string(),
                        Grouping::Model => "model".to_string(),
                    },
                    r.family.clone(),
                    r.name.clone(),
                ];
                cells.extend(
                    [
                        r.reports,
                        r.raised,
                        b.critical,
                        b.important,
                        b.suggestion,
                        b.design,
                        r.sole,
                        r.shared,
                        r.issues,
                        r.fates.fixed,
                        r.fates.declined,
                        r.fates.dropped,
                        r.fates.demoted,
                        r.fates.not_raised,
                        r.fates.open,
                    ]
                    .map(|n| n.to_string()),
                );
                cells.push(rate(r.confirmation_rate));
                cells.push(rate(r.noise_rate));
                for m in METRICS {
                    match r.retro(m.key) {
                        Some(f) => {
                            cells.push(num(f.sum));
                            cells.push(f.reports.to_string());
                        }
                        None => {
                            cells.push(String::new());
                            cells.push("0".to_string());
                        }
                    }
                }
                lines.push(
                    cells
                        .iter()
                        .map(|c| csv_field(c))
                        .collect::<Vec<_>>()
                        .join(","),
                );
            }
        }
    };
    emit("all", "", &s.families);
    for sl in &s.by_repo {
        emit("repo", &sl.key, &sl.families);
    }
    for sl in &s.by_month {
        emit("month", &sl.key, &sl.families);
    }
    lines.join("\n")
}
