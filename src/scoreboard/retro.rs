//! Agent Performance Retro tables as numbers (FORMAT.md §11.3): which row is which metric, what
//! number a cell holds, and which agent a column belongs to.
//!
//! A cell that holds no number (`—`, `N/A`, `High`, `S1, S3`, empty) is missing, never zero.

use crate::model::{family_of, Review, Table};
use serde::{Deserialize, Serialize};

/// The unit of a retro metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Seconds,
    Count,
}

/// A retro metric the scoreboard adds up: its stable key, its label and unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricDef {
    /// Stable key (JSON, CSV column, drill-down): `duration_seconds`.
    pub key: &'static str,
    pub label: &'static str,
    pub unit: Unit,
}

/// Every retro metric the scoreboard reads, in display order.
pub const METRICS: [MetricDef; 10] = [
    MetricDef {
        key: "duration_seconds",
        label: "Duration",
        unit: Unit::Seconds,
    },
    MetricDef {
        key: "findings",
        label: "Findings (reported)",
        unit: Unit::Count,
    },
    MetricDef {
        key: "tool_calls",
        label: "Tool calls",
        unit: Unit::Count,
    },
    MetricDef {
        key: "design_observations",
        label: "Design observations",
        unit: Unit::Count,
    },
    MetricDef {
        key: "false_positives",
        label: "False positives",
        unit: Unit::Count,
    },
    MetricDef {
        key: "unique_insights",
        label: "Unique insights (retro)",
        unit: Unit::Count,
    },
    MetricDef {
        key: "files_reviewed",
        label: "Files reviewed",
        unit: Unit::Count,
    },
    MetricDef {
        key: "coverage_misses",
        label: "Coverage misses",
        unit: Unit::Count,
    },
    MetricDef {
        key: "downgraded",
        label: "Downgraded",
        unit: Unit::Count,
    },
    MetricDef {
        key: "retro_dropped",
        label: "Dropped (retro)",
        unit: Unit::Count,
    },
];

/// The definition of a metric key.
pub fn metric(key: &str) -> Option<&'static MetricDef> {
    METRICS.iter().find(|m| m.key == key)
}

/// The metric a row name stands for: `Duration`, `Duration (s)`, `Duration (pass 2)`,
/// `**Tool calls**`, `Unique Finds`, `Coverage misses (pass 1)`, `Downgraded I→S`,
/// `Dropped (dup/overlap)` …
/// Rows the scoreboard does not add up (`Totals`, `Critical`, `Depth`, `Signal/Noise`,
/// `Severity inflation`) give `None`.
pub fn metric_of_row(name: &str) -> Option<&'static MetricDef> {
    let n = name
        .trim()
        .trim_matches(|c| c == '*' || c == '_' || c == '`')
        .trim()
        .to_ascii_lowercase();
    // Drop a trailing qualifier: `(s)`, `(pass 2)`, `(I→S)`, `(dup/overlap)`.
    let base = n.split('(').next().unwrap_or("").trim();
    let key = match base {
        "duration" | "time" | "wall clock" => "duration_seconds",
        "findings" => "findings",
        "tool calls" => "tool_calls",
        "design observations" => "design_observations",
        "false positives" => "false_positives",
        "unique insights" | "unique finds" => "unique_insights",
        "files reviewed" => "files_reviewed",
        "coverage misses" => "coverage_misses",
        b if b.starts_with("downgraded") => "downgraded",
        b if b.starts_with("dropped") => "retro_dropped",
        _ => return None,
    };
    metric(key)
}

/// A parsed cell: its value, and whether the report marks it approximate (`~6m`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value {
    pub value: f64,
    pub approx: bool,
}

/// The number a cell holds for `metric`, `None` when it holds none (`—`, `N/A`, `High`,
/// `S1, S3`, empty). Durations become seconds: `14m 32s`, `14 min 32 s`, `12:02` (m:ss),
/// `1:02:03`, `143s`, `360 s`, `294` (bare seconds), `~6m`, `33s (timeout)`, `2h 5m`.
/// Counts take the leading number: `51 (Bash 29, Read 22)`, `3 (I→S)`, `~40`, `8/8`,
/// `1 (disk.go)`. Findings add up severity counts: `1C 3I 2S` → 6, `none` → 0,
/// `1I 1S + 1 dup` → 2. Design observations add up `1 concern, 2 strengths` → 3.
pub fn parse_cell(metric: &MetricDef, cell: &str) -> Option<Value> {
    let c = cell
        .trim()
        .trim_matches(|c| c == '*' || c == '_' || c == '`')
        .trim();
    let approx = c.starts_with('~') || c.starts_with('≈') || c.starts_with("about ");
    let c = c
        .trim_start_matches(['~', '≈'])
        .trim_start_matches("about ")
        .trim();
    // Qualifiers in brackets never hold the value.
    let head = c.split('(').next().unwrap_or("").trim();
    let value = match (metric.unit, metric.key) {
        (Unit::Seconds, _) => duration_seconds(head),
        (_, "findings") => severity_counts(head),
        (_, "design_observations") => sum_counts(head),
        _ => leading_number(head),
    }?;
    value.is_finite().then_some(Value { value, approx })
}

/// A leading unsigned number (`51`, `2.5`, `8/8` → 8); anything else is no number.
fn leading_number(s: &str) -> Option<f64> {
    let end = s
        .char_indices()
        .find(|&(_, ch)| !(ch.is_ascii_digit() || ch == '.'))
        .map_or(s.len(), |(i, _)| i);
    let num = &s[..end];
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    num.parse().ok()
}

/// Seconds in a duration cell (see [`parse_cell`]).
fn duration_seconds(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // `12:02`, `1:02:03`
    if s.contains(':') {
        let parts: Vec<&str> = s.split(':').map(str::trim).collect();
        if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return None;
        }
        let mut total = 0.0;
        for p in &parts {
            if !p.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                return None;
            }
            total = total * 60.0 + p.parse::<f64>().ok()?;
        }
        return Some(total);
    }
    // `14m 32s`, `14 min 32 s`, `143s`, `2h 5m`, `294`
    let mut total = 0.0;
    let mut seen = false;
    let mut rest = s;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let n_end = rest
            .char_indices()
            .find(|&(_, ch)| !(ch.is_ascii_digit() || ch == '.'))
            .map_or(rest.len(), |(i, _)| i);
        if n_end == 0 {
            break;
        }
        let n: f64 = rest[..n_end].parse().ok()?;
        rest = rest[n_end..].trim_start();
        let u_end = rest
            .char_indices()
            .find(|&(_, ch)| !ch.is_ascii_alphabetic())
            .map_or(rest.len(), |(i, _)| i);
        let unit = rest[..u_end].to_ascii_lowercase();
        let factor = match unit.as_str() {
            "" | "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
            _ => return None,
        };
        total += n * factor;
        seen = true;
        rest = rest[u_end..].trim_start_matches([',', ' ']);
    }
    seen.then_some(total)
}

/// `1C 3I 2S` → 6, `0C 6I→S 6S` → 12, `none` / `empty` → 0; a trailing `+ 1 dup` is not a
/// finding.
fn severity_counts(s: &str) -> Option<f64> {
    let s = s.split('+').next().unwrap_or("").trim();
    let lower = s.to_ascii_lowercase();
    if lower == "none" || lower == "empty" || lower == "0" {
        return Some(0.0);
    }
    let mut total = 0.0;
    let mut any = false;
    for tok in s.split_whitespace() {
        let digits: String = tok.chars().take_while(|c| c.is_ascii_digit()).collect();
        let letter = tok[digits.len()..].chars().next();
        match (digits.parse::<f64>(), letter) {
            (Ok(n), Some('C' | 'I' | 'S' | 'D' | 'c' | 'i' | 's' | 'd')) => {
                total += n;
                any = true;
            }
            _ => return None,
        }
    }
    any.then_some(total)
}

/// `1 concern, 2 strengths` → 3; `2` → 2.
fn sum_counts(s: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut any = false;
    for part in s.split(',') {
        if let Some(n) = leading_number(part.trim()) {
            total += n;
            any = true;
        } else if !part.trim().is_empty() {
            return None;
        }
    }
    any.then_some(total)
}

/// The display name a retro column header or a finding's agent stands for in this report:
/// the reviewer of the header with that name (brackets, backticks and bold ignored, any case),
/// else the only reviewer of that family (`[Claude]` → `Claude Opus 4.8`), else the name as
/// written (cleaned). Empty for an empty name.
pub fn canonical_agent(raw: &str, review: &Review) -> String {
    let cleaned = clean_name(raw);
    if cleaned.is_empty() {
        return cleaned;
    }
    let reviewers = &review.meta.reviewers;
    if let Some(r) = reviewers
        .iter()
        .find(|r| clean_name(&r.name).eq_ignore_ascii_case(&cleaned))
    {
        return clean_name(&r.name);
    }
    if !cleaned.contains(' ') {
        let fam = family_of(&cleaned);
        let same: Vec<_> = reviewers
            .iter()
            .filter(|r| family_of(&r.name).eq_ignore_ascii_case(&fam))
            .collect();
        if let [only] = same.as_slice() {
            return clean_name(&only.name);
        }
    }
    cleaned
}

fn clean_name(raw: &str) -> String {
    raw.trim()
        .trim_matches(|c: char| c == '[' || c == ']' || c == '`' || c == '*' || c == '_')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One number read from a retro table.
#[derive(Debug, Clone, PartialEq)]
pub struct RetroCell {
    /// The agent's display name in this report ([`canonical_agent`]).
    pub agent: String,
    pub metric: &'static MetricDef,
    /// The row as written (`Duration (pass 2)`).
    pub row: String,
    /// The cell as written.
    pub text: String,
    pub value: Value,
}

/// Every number of a report's retro table, one per (agent column, metric row) with a number.
/// Rows for several passes of one metric (`Duration (pass 1)`, `Duration (pass 2)`) each give
/// a cell; the aggregate adds them up per report. Tables whose first row is not a header of
/// agents (fewer than two columns) give nothing.
pub fn retro_cells(review: &Review) -> Vec<RetroCell> {
    let Some(Table { columns, rows }) = &review.retro.table else {
        return Vec::new();
    };
    if columns.len() < 2 {
        return Vec::new();
    }
    let agents: Vec<String> = columns[1..]
        .iter()
        .map(|c| canonical_agent(c, review))
        .collect();
    let mut out = Vec::new();
    for row in rows {
        let Some(name) = row.first() else { continue };
        let Some(m) = metric_of_row(name) else {
            continue;
        };
        for (agent, cell) in agents.iter().zip(row.iter().skip(1)) {
            if agent.is_empty() {
                continue;
            }
            if let Some(value) = parse_cell(m, cell) {
                out.push(RetroCell {
                    agent: agent.clone(),
                    metric: m,
                    row: name.trim().to_string(),
                    text: cell.trim().to_string(),
                    value,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(key: &str, cell: &str) -> Option<f64> {
        parse_cell(metric(key).unwrap(), cell).map(|v| v.value)
    }

    #[test]
    fn durations_in_every_spelling() {
        for (cell, secs) in [
            ("14 min 32 s", 872.0),
            ("14m 32s", 872.0),
            ("13m 21s", 801.0),
            ("12:02", 722.0),
            ("1:02:03", 3723.0),
            ("143s", 143.0),
            ("360 s", 360.0),
            ("294", 294.0),
            ("33s (timeout)", 33.0),
            ("9m 9s (fix-up)", 549.0),
            ("0m 26s (fix-up)", 26.0),
            ("~25m (empty)", 1500.0),
            ("2h 5m", 7500.0),
        ] {
            assert_eq!(val("duration_seconds", cell), Some(secs), "{cell}");
        }
        assert!(parse_cell(metric("duration_seconds").unwrap(), "~6m").is_some_and(|v| v.approx));
        for cell in ["—", "N/A", "", "n/a", "fast", "12:", "-"] {
            assert_eq!(val("duration_seconds", cell), None, "{cell}");
        }
    }

    #[test]
    fn counts_take_the_leading_number_and_missing_stays_missing() {
        assert_eq!(val("tool_calls", "51 (Bash 29, Read 22)"), Some(51.0));
        assert_eq!(val("tool_calls", "~40"), Some(40.0));
        assert_eq!(val("tool_calls", "0"), Some(0.0));
        assert_eq!(val("tool_calls", "N/A"), None);
        assert_eq!(val("tool_calls", "—"), None);
        assert_eq!(val("downgraded", "3 (I→S)"), Some(3.0));
        assert_eq!(val("retro_dropped", "1 (false positive)"), Some(1.0));
        assert_eq!(val("downgraded", "2 (C→drop, I→drop)"), Some(2.0));
        assert_eq!(val("files_reviewed", "8/8"), Some(8.0));
        assert_eq!(val("coverage_misses", "1 (disk.go)"), Some(1.0));
        assert_eq!(val("unique_insights", "S1, S3"), None);
        assert_eq!(val("unique_insights", "2 (BATS concerns)"), Some(2.0));
        assert_eq!(val("false_positives", "**1**"), Some(1.0));
        assert_eq!(val("findings", "1C 3I 2S"), Some(6.0));
        assert_eq!(val("findings", "0C 6I→S 6S"), Some(12.0));
        assert_eq!(val("findings", "1I 1S + 1 dup"), Some(2.0));
        assert_eq!(val("findings", "none"), Some(0.0));
        assert_eq!(val("findings", "—"), None);
        assert_eq!(
            val("design_observations", "1 concern, 2 strengths"),
            Some(3.0)
        );
        assert_eq!(val("design_observations", "—"), None);
    }

    #[test]
    fn row_names() {
        let k = |n: &str| metric_of_row(n).map(|m| m.key);
        assert_eq!(k("Duration (s)"), Some("duration_seconds"));
        assert_eq!(k("Duration (pass 2)"), Some("duration_seconds"));
        assert_eq!(k("**Tool calls**"), Some("tool_calls"));
        assert_eq!(k("Unique Finds"), Some("unique_insights"));
        assert_eq!(k("Dropped (dup/overlap)"), Some("retro_dropped"));
        assert_eq!(k("Downgraded I→S"), Some("downgraded"));
        assert_eq!(k("Totals"), None);
        assert_eq!(k("Depth"), None);
        assert_eq!(k(""), None);
    }
}
