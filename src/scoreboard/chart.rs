//! What the scoreboard's charts plot, computed from a [`Scoreboard`] (the screen only draws):
//! each model's confirmation rate per month, and each row's findings by severity.

use super::{AgentRow, Scoreboard};
use crate::model::Severity;

/// A model's confirmation rate in one month: fixed / followed issues of the month's reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    pub rate: f64,
    pub fixed: usize,
    pub followed: usize,
}

/// One model's points, one per month of [`Trend::months`] (`None`: no report that month, or
/// no issue of it followed — missing, not 0%).
#[derive(Debug, Clone, PartialEq)]
pub struct TrendSeries {
    pub model: String,
    pub points: Vec<Option<TrendPoint>>,
}

/// The models of one family, side by side over the months.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyTrend {
    pub family: String,
    pub models: Vec<TrendSeries>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trend {
    /// Dated months of the kept reports, oldest first (`(undated)` left out).
    pub months: Vec<String>,
    /// Families in the scoreboard's order; models in order of first appearance; a model (or a
    /// family) with no point at all is left out.
    pub families: Vec<FamilyTrend>,
}

/// Each model's confirmation rate per month (the per-month slices of the board).
pub fn trend(board: &Scoreboard) -> Trend {
    let slices: Vec<_> = board
        .by_month
        .iter()
        .filter(|s| !s.key.starts_with('('))
        .collect();
    let months: Vec<String> = slices.iter().map(|s| s.key.clone()).collect();
    let families = board
        .families
        .iter()
        .filter_map(|fam| {
            let models: Vec<TrendSeries> = fam
                .models
                .iter()
                .filter_map(|m| {
                    let points: Vec<Option<TrendPoint>> = slices
                        .iter()
                        .map(|s| {
                            let row = s
                                .families
                                .iter()
                                .find(|f| f.family == fam.family)?
                                .models
                                .iter()
                                .find(|r| r.name == m.name)?;
                            Some(TrendPoint {
                                rate: row.confirmation_rate?,
                                fixed: row.fates.fixed,
                                followed: row.followed(),
                            })
                        })
                        .collect();
                    points.iter().any(Option::is_some).then(|| TrendSeries {
                        model: m.name.clone(),
                        points,
                    })
                })
                .collect();
            (!models.is_empty()).then(|| FamilyTrend {
                family: fam.family.clone(),
                models,
            })
        })
        .collect();
    Trend { months, families }
}

/// The severity segments of a row's bar: (severity, count, start, width) with widths in
/// proportion to the counts and the whole bar `raised / max` of `width`; empty severities left
/// out.
pub fn severity_segments(
    row: &AgentRow,
    max: usize,
    width: f64,
) -> Vec<(Severity, usize, f64, f64)> {
    let unit = if max == 0 { 0.0 } else { width / max as f64 };
    let mut x = 0.0;
    Severity::ALL
        .into_iter()
        .filter_map(|s| {
            let n = row.by_severity.get(s);
            (n > 0).then(|| {
                let w = n as f64 * unit;
                let seg = (s, n, x, w);
                x += w;
                seg
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoreboard::tests::two_month_board;

    #[test]
    fn trend_follows_each_model_by_month() {
        let b = two_month_board();
        let t = trend(&b);
        assert_eq!(t.months, ["2026-07", "2026-08"]);
        let claude = t.families.iter().find(|f| f.family == "Claude").unwrap();
        let names: Vec<&str> = claude.models.iter().map(|m| m.model.as_str()).collect();
        assert_eq!(names, ["Claude Opus 4.7", "Claude Opus 4.8"]);
        // 4.7 only reviewed in July (its one issue fixed: 100%); 4.8 only in August (one
        // issue open, one declined: 0 of 1 followed).
        let p47 = &claude.models[0].points;
        assert_eq!(p47[0].map(|p| (p.fixed, p.followed)), Some((1, 1)));
        assert_eq!(p47[1], None);
        let p48 = &claude.models[1].points;
        assert_eq!(p48[0], None);
        assert_eq!(p48[1].map(|p| (p.rate, p.followed)), Some((0.0, 1)));
    }

    #[test]
    fn severity_segments_are_proportional() {
        let b = two_month_board();
        let row = &b
            .families
            .iter()
            .find(|f| f.family == "Claude")
            .unwrap()
            .total;
        let segs = severity_segments(row, row.raised * 2, 200.0);
        let total: f64 = segs.iter().map(|s| s.3).sum();
        assert!((total - 100.0).abs() < 1e-9, "{segs:?}");
        assert_eq!(segs.iter().map(|s| s.1).sum::<usize>(), row.raised);
        assert!(segs
            .windows(2)
            .all(|w| (w[0].2 + w[0].3 - w[1].2).abs() < 1e-9));
    }
}
