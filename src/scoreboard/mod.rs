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
//! [`Corpus::scoreboard`] and [`Corpus::drill`] per filter.

mod figures;
mod filter;
mod retro;
mod text;

pub use figures::*;
pub use filter::{report_date, Filter};

pub use retro::{
    canonical_agent, metric, metric_of_row, parse_cell, retro_cells, MetricDef, RetroCell, Unit,
    Value, METRICS,
};
pub use text::{csv, hms, pct, retro_is_mean, retro_value, table};

use crate::model::{family_of, Review, Severity};
use crate::rounds::{group_threads, repo_of, thread_report};
use filter::month_of;
use std::collections::{BTreeMap, HashMap, HashSet};

// ---------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------

/// What the scoreboard needs of one report, read once.
struct ReportInfo {
    date: String,
    repo: Option<String>,
    /// Per finding: its agents' display names, deduplicated, empty names dropped.
    agents: Vec<Vec<String>>,
    /// Header reviewers' display names.
    reviewers: Vec<String>,
    cells: Vec<RetroCell>,
}

/// A set of reports with their rounds threaded, ready for any number of filters.
pub struct Corpus<'a> {
    reviews: &'a [Review],
    info: Vec<ReportInfo>,
    /// Per report, per finding: (issue number, fate of the issue).
    issues: Vec<Vec<(usize, Fate)>>,
    /// Report indices by date, then slug.
    order: Vec<usize>,
    thread_of: Vec<usize>,
}

impl<'a> Corpus<'a> {
    /// Read the reports and thread their rounds ([`crate::rounds::thread_report`]).
    pub fn new(reviews: &'a [Review]) -> Corpus<'a> {
        let info: Vec<ReportInfo> = reviews
            .iter()
            .map(|r| {
                let agents = r
                    .findings
                    .iter()
                    .map(|f| {
                        let mut names: Vec<String> = Vec::new();
                        for a in &f.agents {
                            let n = canonical_agent(a, r);
                            if !n.is_empty() && !names.contains(&n) {
                                names.push(n);
                            }
                        }
                        names
                    })
                    .collect();
                let mut reviewers: Vec<String> = Vec::new();
                for rv in &r.meta.reviewers {
                    let n = canonical_agent(&rv.name, r);
                    if !n.is_empty() && !reviewers.contains(&n) {
                        reviewers.push(n);
                    }
                }
                ReportInfo {
                    date: report_date(r),
                    repo: repo_of(r),
                    agents,
                    reviewers,
                    cells: retro_cells(r),
                }
            })
            .collect();
        let mut issues: Vec<Vec<(usize, Fate)>> = reviews
            .iter()
            .map(|r| vec![(usize::MAX, Fate::Open); r.findings.len()])
            .collect();
        let mut thread_of = vec![0; reviews.len()];
        let mut next = 0usize;
        for (t, g) in group_threads(reviews).into_iter().enumerate() {
            let members: Vec<&Review> = g.members.iter().map(|&i| &reviews[i]).collect();
            for &m in &g.members {
                thread_of[m] = t;
            }
            let report = thread_report(g.key, &members);
            for l in &report.lifecycles {
                let fate = Fate::of(l, &report.diffs);
                for a in &l.appearances {
                    if let Some(slot) = g
                        .members
                        .get(a.round)
                        .and_then(|&m| issues[m].get_mut(a.index))
                    {
                        *slot = (next, fate);
                    }
                }
                next += 1;
            }
        }
        // A finding no lifecycle holds (never expected) is an issue of its own.
        for (r, list) in issues.iter_mut().enumerate() {
            for (i, slot) in list.iter_mut().enumerate() {
                if slot.0 == usize::MAX {
                    *slot = (next, Fate::of_status(reviews[r].findings[i].status));
                    next += 1;
                }
            }
        }
        let mut order: Vec<usize> = (0..reviews.len()).collect();
        order.sort_by(|&a, &b| {
            info[a]
                .date
                .cmp(&info[b].date)
                .then_with(|| reviews[a].slug.cmp(&reviews[b].slug))
        });
        Corpus {
            reviews,
            info,
            issues,
            order,
            thread_of,
        }
    }

    /// The scoreboard of the reports the filter keeps, with its per-repository and per-month
    /// slices.
    pub fn scoreboard(&self, filter: &Filter) -> Scoreboard {
        let kept: Vec<usize> = self
            .order
            .iter()
            .copied()
            .filter(|&r| filter.matches(&self.reviews[r]))
            .collect();
        let threads: HashSet<usize> = kept.iter().map(|&r| self.thread_of[r]).collect();
        let findings: usize = kept.iter().map(|&r| self.reviews[r].findings.len()).sum();
        let unattributed: usize = kept
            .iter()
            .map(|&r| self.info[r].agents.iter().filter(|a| a.is_empty()).count())
            .sum();
        let mut repos: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut months: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &r in &kept {
            let repo = self.info[r]
                .repo
                .clone()
                .unwrap_or_else(|| "(no repository)".to_string());
            repos.entry(repo).or_default().push(r);
            months
                .entry(month_of(&self.info[r].date))
                .or_default()
                .push(r);
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
        let kept: Vec<usize> = self
            .order
            .iter()
            .copied()
            .filter(|&r| filter.matches(&self.reviews[r]))
            .collect();
        if let Some(m) = retro_metric {
            for &r in &kept {
                for c in &self.info[r].cells {
                    if c.metric.key == m.key && grouping.key(&c.agent) == agent {
                        out.cells.push(DrillCell {
                            slug: self.reviews[r].slug.clone(),
                            date: self.info[r].date.clone(),
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
            if key != agent {
                return;
            }
            let f = &self.reviews[r].findings[i];
            let (issue, fate) = self.issues[r][i];
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
                    date: self.info[r].date.clone(),
                    fate,
                    agents: f.agents.clone(),
                });
            }
        });
        Some(out)
    }

    /// Every (agent key, report, finding, sole?) of the kept reports, in date order.
    fn walk(
        &self,
        kept: &[usize],
        grouping: Grouping,
        mut f: impl FnMut(&str, usize, usize, bool),
    ) {
        for &r in kept {
            for (i, names) in self.info[r].agents.iter().enumerate() {
                let mut keys: Vec<String> = Vec::new();
                for n in names {
                    let k = grouping.key(n);
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
                let sole = keys.len() == 1;
                for k in &keys {
                    f(k, r, i, sole);
                }
            }
        }
    }

    /// Family boards over the reports `kept` (date order).
    fn families(&self, kept: &[usize]) -> Vec<FamilyBoard> {
        let fam = self.rows(kept, Grouping::Family);
        let models = self.rows(kept, Grouping::Model);
        let mut boards: Vec<FamilyBoard> = fam
            .into_iter()
            .map(|total| FamilyBoard {
                family: total.name.clone(),
                models: models
                    .iter()
                    .filter(|m| m.family == total.name)
                    .cloned()
                    .collect(),
                total,
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
        let mut rows: Vec<AgentRow> = Vec::new();
        let mut pos: HashMap<String, usize> = HashMap::new();
        let mut issue_sets: Vec<HashSet<usize>> = Vec::new();
        let mut row_of =
            |rows: &mut Vec<AgentRow>, sets: &mut Vec<HashSet<usize>>, key: &str, model: &str| {
                let p = *pos.entry(key.to_string()).or_insert_with(|| {
                    rows.push(AgentRow {
                        name: key.to_string(),
                        family: family_of(model),
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
                    sets.push(HashSet::new());
                    rows.len() - 1
                });
                if !rows[p].models.iter().any(|m| m == model) {
                    rows[p].models.push(model.to_string());
                }
                p
            };
        // Reports naming each agent, and retro sums.
        let mut retro: Vec<BTreeMap<&'static str, (f64, usize, usize)>> = Vec::new();
        for &r in kept {
            let info = &self.info[r];
            let mut here: Vec<usize> = Vec::new();
            let names = info
                .reviewers
                .iter()
                .chain(info.agents.iter().flatten())
                .chain(info.cells.iter().map(|c| &c.agent));
            for n in names {
                let p = row_of(&mut rows, &mut issue_sets, &grouping.key(n), n);
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
                row.last_date = info.date.clone();
            }
            // Per agent and metric, this report's sum (passes and a family's models add up).
            let mut sums: BTreeMap<(usize, &'static str), (f64, bool)> = BTreeMap::new();
            for c in &info.cells {
                let p = row_of(
                    &mut rows,
                    &mut issue_sets,
                    &grouping.key(&c.agent),
                    &c.agent,
                );
                let e = sums.entry((p, c.metric.key)).or_insert((0.0, false));
                e.0 += c.value.value;
                e.1 |= c.value.approx;
            }
            retro.resize_with(rows.len(), BTreeMap::new);
            for ((p, key), (v, approx)) in sums {
                let e = retro[p].entry(key).or_insert((0.0, 0, 0));
                e.0 += v;
                e.1 += 1;
                e.2 += usize::from(approx);
            }
        }
        let pos_of: HashMap<String, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.name.clone(), i))
            .collect();
        self.walk(kept, grouping, |key, r, i, sole| {
            let Some(&p) = pos_of.get(key) else { return };
            let row = &mut rows[p];
            row.raised += 1;
            row.by_severity.add(self.reviews[r].findings[i].severity);
            if sole {
                row.sole += 1;
            } else {
                row.shared += 1;
            }
            let (issue, fate) = self.issues[r][i];
            if issue_sets[p].insert(issue) {
                row.issues += 1;
                row.fates.add(fate);
            }
        });
        retro.resize_with(rows.len(), BTreeMap::new);
        for (row, sums) in rows.iter_mut().zip(retro) {
            let followed = row.issues - row.fates.open;
            row.confirmation_rate =
                (followed > 0).then(|| row.fates.fixed as f64 / followed as f64);
            row.noise_rate = (row.issues > 0)
                .then(|| (row.fates.dropped + row.fates.demoted) as f64 / row.issues as f64);
            row.retro = METRICS
                .iter()
                .filter_map(|m| {
                    let &(sum, reports, approx) = sums.get(m.key)?;
                    Some(RetroFigure {
                        key: m.key.to_string(),
                        label: m.label.to_string(),
                        unit: m.unit,
                        sum,
                        reports,
                        mean: sum / reports as f64,
                        approx,
                    })
                })
                .collect();
        }
        rows
    }
}

/// The scoreboard of `reviews` under `filter` (threads the rounds each call: keep a [`Corpus`]
/// to ask for several filters or drill-downs).
pub fn scoreboard(reviews: &[Review], filter: &Filter) -> Scoreboard {
    Corpus::new(reviews).scoreboard(filter)
}

#[cfg(test)]
mod tests;
