//! Agent scoreboard (issue 14): which reviewer earns its place, across every report.
//!
//! Adds up, per agent family (`Claude`) and per model (`Claude Opus 4.8`), over a set of
//! reports chosen by a [`Filter`] (repository, date range, PR), optionally per repository and
//! per month:
//!
//! - **Raised** — findings (one per report: a finding carried into three rounds counts three
//!   times) naming the agent in its agent list, by severity. A finding naming two models of one
//!   family counts once for the family.
//! - **Sole / shared** — of the raised, those naming no other agent (for a family row: no other
//!   family) and the rest. *Sole* is the unique-insight count measured from the attribution;
//!   `Consolidator` counts as an agent here, so a finding the consolidator also claims is shared.
//! - **Issues** — distinct findings across rounds: the lifecycles of
//!   [`crate::rounds::thread_reports`] that name the agent in at least one appearance within the
//!   filter. Each issue has exactly one [`Fate`]: `fixed` (the thread's evidence says fixed:
//!   confirmed), `declined` (declined, deferred, won't fix), `dropped` (dropped or withdrawn by
//!   the consolidator or a later round), `demoted` (demoted by a later round or marked demoted
//!   by the consolidator on the way, and in the end neither fixed, declined nor dropped),
//!   `not_raised` (gone from the next round with no word why: never counted as fixed) or
//!   `open` (still open in the last round).
//!   Outcomes use the whole thread even when the filter keeps only some of its rounds.
//! - **Confirmation rate** = fixed / followed, where followed = issues − open (every issue
//!   whose fate is known). `None` when nothing was followed.
//! - **Noise rate** = (dropped + demoted) / issues. `None` without issues. Issues, not raised
//!   findings, so a finding re-raised every round is not counted again.
//! - **Retro metrics** — the numbers of the Agent Performance Retro tables (FORMAT.md §11):
//!   duration in seconds, reported findings, tool calls, design observations, false positives,
//!   unique insights (as the retro states them), files reviewed, coverage misses, downgraded,
//!   dropped (`retro_dropped`: the consolidator's count in the table, next to the `dropped`
//!   fate measured from the threads). Each with its sum, the number of reports it comes from and the mean per report.
//!   A report without a table, or a cell without a number (`—`, `N/A`), adds nothing: missing
//!   is missing, never zero. Per-pass rows (`Duration (pass 1)`, `(pass 2)`) add up within a
//!   report; for a family row the family's models in one report add up.
//!
//! Every number can be drilled into ([`Corpus::drill`]): the findings (report slug, finding id,
//! title, fate) or the retro cells behind it; drill-downs and figures come from the same walk,
//! so their sizes agree.
//!
//! Use [`Corpus::new`] once per set of reports (it threads the rounds, the expensive part), then
//! [`Corpus::scoreboard`] and [`Corpus::drill`] per filter. [`Prepared`] is that threaded part
//! on its own (no borrow), for a screen that keeps it across filters: [`Corpus::with`].

mod chart;
mod figures;
mod filter;
mod prepare;
mod retro;
mod screen;
mod text;

pub use chart::{severity_segments, trend, FamilyTrend, Trend, TrendPoint, TrendSeries};
pub use figures::*;
pub use filter::{report_date, Filter};
pub use prepare::{outcomes, Prepared};
pub use screen::{By, DrillKey, ScreenState, SCREEN_PARAMS};

pub use retro::{
    canonical_agent, metric, metric_of_row, parse_cell, retro_cells, MetricDef, RetroCell, Unit,
    Value, METRICS,
};
pub use text::{csv, hms, pct, retro_is_mean, retro_value, table};

use crate::model::{Review, Severity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------

/// Which slice of the kept reports a drill-down is about: all of them, one repository or one
/// month (the [`Slice::key`] of [`Scoreboard::by_repo`] / [`Scoreboard::by_month`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    #[default]
    All,
    Repo(String),
    Month(String),
}

/// A set of reports with their rounds threaded, ready for any number of filters.
pub struct Corpus<'a> {
    reviews: &'a [Review],
    prep: Arc<Prepared>,
}

impl<'a> Corpus<'a> {
    /// Read the reports and thread their rounds ([`Prepared::new`]).
    pub fn new(reviews: &'a [Review]) -> Corpus<'a> {
        Corpus {
            reviews,
            prep: Arc::new(Prepared::new(reviews)),
        }
    }

    /// The corpus of `reviews` already prepared (`prep` must come from these reviews, in this
    /// order; `None` when the count differs).
    pub fn with(reviews: &'a [Review], prep: Arc<Prepared>) -> Option<Corpus<'a>> {
        (prep.len() == reviews.len()).then_some(Corpus { reviews, prep })
    }

    /// The prepared part, to keep.
    pub fn prepared(&self) -> Arc<Prepared> {
        self.prep.clone()
    }

    /// The reports the filter keeps (and, within them, the part), in date order.
    fn kept(&self, filter: &Filter, part: &Part) -> Vec<usize> {
        self.prep
            .order
            .iter()
            .copied()
            .filter(|&r| {
                let info = &self.prep.info[r];
                filter.matches_parts(info.repo.as_deref(), info.pr, &info.date)
            })
            .filter(|&r| match part {
                Part::All => true,
                Part::Repo(k) => self.prep.info[r].repo_key == *k,
                Part::Month(k) => self.prep.info[r].month == *k,
            })
            .collect()
    }

    /// The scoreboard of the reports the filter keeps, with its per-repository and per-month
    /// slices.
    pub fn scoreboard(&self, filter: &Filter) -> Scoreboard {
        let kept = self.kept(filter, &Part::All);
        let threads: HashSet<usize> = kept.iter().map(|&r| self.prep.thread_of[r]).collect();
        let findings: usize = kept.iter().map(|&r| self.reviews[r].findings.len()).sum();
        let unattributed: usize = kept
            .iter()
            .map(|&r| {
                self.prep.info[r]
                    .agent_ids
                    .iter()
                    .filter(|a| a.is_empty())
                    .count()
            })
            .sum();
        let mut repos: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut months: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &r in &kept {
            let info = &self.prep.info[r];
            repos.entry(info.repo_key.clone()).or_default().push(r);
            months.entry(info.month.clone()).or_default().push(r);
        }
        let slices = |m: BTreeMap<String, Vec<usize>>| -> Vec<Slice> {
            m.into_iter()
                .map(|(key, rs)| Slice {
                    key,
                    reports: rs.len(),
                    families: self.families(&rs),
                })
                .collect()
        };
        Scoreboard {
            filter: filter.clone(),
            reports: kept.len(),
            threads: threads.len(),
            findings,
            unattributed,
            families: self.families(&kept),
            by_repo: slices(repos),
            by_month: slices(months),
        }
    }

    /// The findings or retro cells behind one number: `agent` is a family or a model name (as
    /// in [`AgentRow::name`]), `metric` one of [`FINDING_METRICS`], [`ISSUE_METRICS`] or a
    /// [`METRICS`] key. `None` for an unknown metric; an unknown agent gives an empty drill.
    ///
    /// The retro keys never collide with the finding and issue metrics (the retro's `Dropped`
    /// row is `retro_dropped`).
    pub fn drill(
        &self,
        filter: &Filter,
        grouping: Grouping,
        agent: &str,
        metric: &str,
    ) -> Option<Drill> {
        self.drill_part(filter, &Part::All, grouping, agent, metric)
    }

    /// [`Corpus::drill`] within one repository or month of the kept reports (a number of a
    /// [`Slice`]).
    pub fn drill_part(
        &self,
        filter: &Filter,
        part: &Part,
        grouping: Grouping,
        agent: &str,
        metric: &str,
    ) -> Option<Drill> {
        let retro_metric = retro::metric(metric);
        if retro_metric.is_none()
            && !FINDING_METRICS.contains(&metric)
            && !ISSUE_METRICS.contains(&metric)
        {
            return None;
        }
        let mut out = Drill {
            grouping,
            agent: agent.to_string(),
            metric: metric.to_string(),
            findings: Vec::new(),
            cells: Vec::new(),
        };
        let kept = self.kept(filter, part);
        if let Some(m) = retro_metric {
            for &r in &kept {
                let info = &self.prep.info[r];
                for c in &info.cells {
                    if c.metric.key == m.key && grouping.key(&c.agent) == agent {
                        out.cells.push(DrillCell {
                            slug: self.reviews[r].slug.clone(),
                            date: info.date.clone(),
                            agent: c.agent.clone(),
                            row: c.row.clone(),
                            text: c.text.clone(),
                            value: c.value.value,
                        });
                    }
                }
            }
            return Some(out);
        }
        let mut seen: HashSet<usize> = HashSet::new();
        self.walk(&kept, grouping, |key, r, i, sole| {
            if self.key_name(grouping, key) != agent {
                return;
            }
            let f = &self.reviews[r].findings[i];
            let (issue, fate) = self.prep.issues[r][i];
            let keep = match metric {
                "raised" => true,
                "sole" => sole,
                "shared" => !sole,
                m if FINDING_METRICS.contains(&m) => Severity::parse(m) == Some(f.severity),
                m => {
                    seen.insert(issue)
                        && match m {
                            "issues" => true,
                            "followed" => fate != Fate::Open,
                            "noise" => matches!(fate, Fate::Dropped | Fate::Demoted),
                            m => fate.as_str() == m,
                        }
                }
            };
            if keep {
                out.findings.push(DrillFinding {
                    slug: self.reviews[r].slug.clone(),
                    id: f.id.clone(),
                    title: f.title.clone(),
                    severity: f.severity,
                    date: self.prep.info[r].date.clone(),
                    fate,
                    agents: f.agents.clone(),
                });
            }
        });
        Some(out)
    }

    /// The name of a row key: a family or a model ([`Names`](prepare::Names) id).
    fn key_name(&self, grouping: Grouping, key: u32) -> &str {
        let n = &self.prep.names;
        match grouping {
            Grouping::Family => &n.families[key as usize],
            Grouping::Model => &n.models[key as usize],
        }
    }

    /// The row key of a model id: its family's id or itself.
    fn key_of(&self, grouping: Grouping, model: u32) -> u32 {
        match grouping {
            Grouping::Family => self.prep.names.family[model as usize],
            Grouping::Model => model,
        }
    }

    /// Every (agent key, report, finding, sole?) of the kept reports, in date order.
    fn walk(&self, kept: &[usize], grouping: Grouping, mut f: impl FnMut(u32, usize, usize, bool)) {
        let mut keys: Vec<u32> = Vec::new();
        for &r in kept {
            for (i, names) in self.prep.info[r].agent_ids.iter().enumerate() {
                keys.clear();
                for &n in names {
                    let k = self.key_of(grouping, n);
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
                let sole = keys.len() == 1;
                for &k in &keys {
                    f(k, r, i, sole);
                }
            }
        }
    }

    /// Family boards over the reports `kept` (date order).
    fn families(&self, kept: &[usize]) -> Vec<FamilyBoard> {
        let fam = self.rows(kept, Grouping::Family);
        let mut models = self.rows(kept, Grouping::Model);
        let mut boards: Vec<FamilyBoard> = fam
            .into_iter()
            .map(|total| {
                // Moved, not copied: each model row belongs to one family.
                let (mine, rest) = std::mem::take(&mut models)
                    .into_iter()
                    .partition(|m| m.family == total.name);
                models = rest;
                FamilyBoard {
                    family: total.name.clone(),
                    models: mine,
                    total,
                }
            })
            .collect();
        boards.sort_by(|a, b| {
            b.total
                .raised
                .cmp(&a.total.raised)
                .then_with(|| a.family.cmp(&b.family))
        });
        boards
    }

    /// One row per family or model, in order of first appearance.
    fn rows(&self, kept: &[usize], grouping: Grouping) -> Vec<AgentRow> {
        let names = &self.prep.names;
        let keys = match grouping {
            Grouping::Family => names.families.len(),
            Grouping::Model => names.models.len(),
        };
        // Row position per key; per row the models seen (ids, in order).
        let mut pos: Vec<usize> = vec![usize::MAX; keys];
        let mut rows: Vec<AgentRow> = Vec::new();
        let mut models: Vec<Vec<u32>> = Vec::new();
        let mut row_of = |rows: &mut Vec<AgentRow>, models: &mut Vec<Vec<u32>>, model: u32| {
            let key = self.key_of(grouping, model);
            let mut p = pos[key as usize];
            if p == usize::MAX {
                p = rows.len();
                pos[key as usize] = p;
                rows.push(AgentRow {
                    name: self.key_name(grouping, key).to_string(),
                    family: names.families[names.family[model as usize] as usize].clone(),
                    grouping,
                    models: Vec::new(),
                    first_date: String::new(),
                    last_date: String::new(),
                    reports: 0,
                    raised: 0,
                    by_severity: SeverityCounts::default(),
                    sole: 0,
                    shared: 0,
                    issues: 0,
                    fates: Fates::default(),
                    confirmation_rate: None,
                    noise_rate: None,
                    retro: Vec::new(),
                });
                models.push(Vec::new());
            }
            if !models[p].contains(&model) {
                models[p].push(model);
            }
            p
        };
        // Reports naming each agent, and retro sums: per row and metric, (sum, reports,
        // approximate cells).
        let mut retro: Vec<[(f64, usize, usize); METRICS.len()]> = Vec::new();
        let mut here: Vec<usize> = Vec::new();
        let mut sums: Vec<(usize, usize, f64, bool)> = Vec::new();
        for &r in kept {
            let info = &self.prep.info[r];
            here.clear();
            let ids = info
                .reviewer_ids
                .iter()
                .chain(info.agent_ids.iter().flatten())
                .chain(info.cell_ids.iter().map(|(a, _)| a));
            for &n in ids {
                let p = row_of(&mut rows, &mut models, n);
                if !here.contains(&p) {
                    here.push(p);
                }
            }
            for &p in &here {
                let row = &mut rows[p];
                row.reports += 1;
                if row.first_date.is_empty() {
                    row.first_date = info.date.clone();
                }
                row.last_date.clone_from(&info.date);
            }
            // Per agent and metric, this report's sum (passes and a family's models add up),
            // cell by cell in table order.
            sums.clear();
            for (c, &(a, m)) in info.cells.iter().zip(&info.cell_ids) {
                let p = row_of(&mut rows, &mut models, a);
                match sums.iter_mut().find(|s| s.0 == p && s.1 == m) {
                    Some(s) => {
                        s.2 += c.value.value;
                        s.3 |= c.value.approx;
                    }
                    None => sums.push((p, m, c.value.value, c.value.approx)),
                }
            }
            retro.resize(rows.len(), [(0.0, 0, 0); METRICS.len()]);
            for &(p, m, v, approx) in &sums {
                let e = &mut retro[p][m];
                e.0 += v;
                e.1 += 1;
                e.2 += usize::from(approx);
            }
        }
        // Issues already counted, per row: a bit per issue.
        let words = self.prep.issue_count.div_ceil(64);
        let mut counted = vec![0u64; rows.len() * words];
        self.walk(kept, grouping, |key, r, i, sole| {
            let p = pos[key as usize];
            if p == usize::MAX {
                return;
            }
            let row = &mut rows[p];
            row.raised += 1;
            row.by_severity.add(self.reviews[r].findings[i].severity);
            if sole {
                row.sole += 1;
            } else {
                row.shared += 1;
            }
            let (issue, fate) = self.prep.issues[r][i];
            let (w, bit) = (p * words + issue / 64, 1u64 << (issue % 64));
            if counted[w] & bit == 0 {
                counted[w] |= bit;
                row.issues += 1;
                row.fates.add(fate);
            }
        });
        retro.resize(rows.len(), [(0.0, 0, 0); METRICS.len()]);
        for ((row, sums), seen) in rows.iter_mut().zip(retro).zip(models) {
            row.models = seen
                .iter()
                .map(|&m| names.models[m as usize].clone())
                .collect();
            let followed = row.issues - row.fates.open;
            row.confirmation_rate =
                (followed > 0).then(|| row.fates.fixed as f64 / followed as f64);
            row.noise_rate = (row.issues > 0)
                .then(|| (row.fates.dropped + row.fates.demoted) as f64 / row.issues as f64);
            row.retro = METRICS
                .iter()
                .zip(sums)
                .filter(|(_, (_, reports, _))| *reports > 0)
                .map(|(m, (sum, reports, approx))| RetroFigure {
                    key: m.key.to_string(),
                    label: m.label.to_string(),
                    unit: m.unit,
                    sum,
                    reports,
                    mean: sum / reports as f64,
                    approx,
                })
                .collect();
        }
        rows
    }
}

/// The key of the reports without a repository in [`Scoreboard::by_repo`].
pub const NO_REPO: &str = "(no repository)";

/// The scoreboard of `reviews` under `filter` (threads the rounds each call: keep a [`Corpus`]
/// to ask for several filters or drill-downs).
pub fn scoreboard(reviews: &[Review], filter: &Filter) -> Scoreboard {
    Corpus::new(reviews).scoreboard(filter)
}

#[cfg(test)]
mod tests;
