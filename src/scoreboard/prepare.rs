//! What the scoreboard reads of a set of reports once, before any filter: each report's names
//! (as small ids, so adding up compares numbers, not strings), dates and retro cells, and the
//! fate of every finding, its rounds threaded — or taken from the outcomes `deep-review index`
//! wrote ([`Outcomes`], `index.json`) for the threads it already threaded.

use super::filter::month_of;
use super::retro::{canonical_agent, retro_cells, RetroCell, METRICS};
use super::{report_date, Fate, NO_REPO};
use crate::model::{family_of, Outcomes, Review, ThreadOutcome, OUTCOMES_VERSION};
use crate::rounds::{group_threads, repo_of, thread_key, thread_report, ThreadGroup, ThreadKey};
use std::collections::HashMap;

/// What the scoreboard needs of one report, read once.
pub(super) struct ReportInfo {
    pub date: String,
    /// `owner/name`, or [`NO_REPO`].
    pub repo_key: String,
    /// `2026-07` or `(undated)`.
    pub month: String,
    /// The PR number of its thread.
    pub pr: Option<u64>,
    pub repo: Option<String>,
    /// Per finding: its agents' display names ([`canonical_agent`]) as ids into
    /// [`Names::models`], deduplicated, empty names dropped.
    pub agent_ids: Vec<Vec<u32>>,
    /// Header reviewers' display names, as ids into [`Names::models`].
    pub reviewer_ids: Vec<u32>,
    pub cells: Vec<RetroCell>,
    /// Per cell: its agent's id and the index of its metric in [`METRICS`].
    pub cell_ids: Vec<(u32, usize)>,
}

/// Every agent display name of the reports, and its family, given an id once.
#[derive(Default)]
pub(super) struct Names {
    pub models: Vec<String>,
    /// Per model: the id of its family (`family_of`) in `families`.
    pub family: Vec<u32>,
    pub families: Vec<String>,
    model_ids: HashMap<String, u32>,
    family_ids: HashMap<String, u32>,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.model_ids.get(name) {
            return id;
        }
        let fam = family_of(name);
        let next = self.families.len() as u32;
        let f = *self.family_ids.entry(fam.clone()).or_insert(next);
        if f == next {
            self.families.push(fam);
        }
        let id = self.models.len() as u32;
        self.models.push(name.to_string());
        self.family.push(f);
        self.model_ids.insert(name.to_string(), id);
        id
    }
}

/// What the scoreboard reads of a set of reports, their rounds threaded: owned, so a screen can
/// keep it while the filter changes ([`super::Corpus::with`]).
pub struct Prepared {
    pub(super) info: Vec<ReportInfo>,
    pub(super) names: Names,
    /// Per report, per finding: (issue number, fate of the issue).
    pub(super) issues: Vec<Vec<(usize, Fate)>>,
    /// How many issues there are (issue numbers are below it).
    pub(super) issue_count: usize,
    /// Report indices by date, then slug.
    pub(super) order: Vec<usize>,
    pub(super) thread_of: Vec<usize>,
    /// Threads whose outcomes came from an index rather than from threading here.
    reused: usize,
    threads: usize,
}

impl Prepared {
    /// Read the reports and thread their rounds ([`crate::rounds::thread_report`]: each
    /// adjacent pair of rounds diffed once).
    pub fn new(reviews: &[Review]) -> Prepared {
        Prepared::with_outcomes(reviews, None, |_| false)
    }

    /// [`Prepared::new`], taking the fates of a thread from `known` (what `deep-review index`
    /// wrote) instead of threading it when every one of its reports is `trusted` (came with that
    /// index: the bundled reports, not a file opened by the user) and `known` holds a thread of
    /// exactly these reports, in this order, with these numbers of findings. Any other thread
    /// (a report opened from a file, a new round, an index of another version) is threaded here.
    /// Gives the same figures as [`Prepared::new`] when `known` is current.
    pub fn with_outcomes(
        reviews: &[Review],
        known: Option<&Outcomes>,
        trusted: impl Fn(usize) -> bool,
    ) -> Prepared {
        let mut names = Names::default();
        let info: Vec<ReportInfo> = reviews
            .iter()
            .map(|r| ReportInfo::of(r, &mut names))
            .collect();
        let known = known.filter(|k| k.version == OUTCOMES_VERSION);
        let by_first: HashMap<&str, &ThreadOutcome> = known
            .map(|k| {
                k.threads
                    .iter()
                    .filter_map(|t| Some((t.reports.first()?.as_str(), t)))
                    .collect()
            })
            .unwrap_or_default();
        let mut issues: Vec<Vec<(usize, Fate)>> = reviews
            .iter()
            .map(|r| vec![(usize::MAX, Fate::Open); r.findings.len()])
            .collect();
        let mut thread_of = vec![0; reviews.len()];
        let mut next = 0usize;
        let groups = group_threads(reviews);
        let mut reused = 0;
        for (t, g) in groups.iter().enumerate() {
            for &m in &g.members {
                thread_of[m] = t;
            }
            let members = &g.members;
            let stored = members
                .iter()
                .all(|&m| trusted(m))
                .then(|| by_first.get(reviews[members[0]].slug.as_str()))
                .flatten()
                .and_then(|o| decode(o, reviews, members));
            let outcome = match stored {
                Some(o) => {
                    reused += 1;
                    o
                }
                None => thread_outcome(reviews, g),
            };
            for (&m, list) in members.iter().zip(&outcome.0) {
                for (slot, &k) in issues[m].iter_mut().zip(list) {
                    *slot = (next + k as usize, outcome.1[k as usize]);
                }
            }
            next += outcome.1.len();
        }
        // A finding of a report no thread holds (never expected) is an issue of its own.
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
        Prepared {
            info,
            names,
            issues,
            issue_count: next,
            order,
            thread_of,
            reused,
            threads: groups.len(),
        }
    }

    /// How many reports it was prepared from.
    pub fn len(&self) -> usize {
        self.info.len()
    }

    pub fn is_empty(&self) -> bool {
        self.info.is_empty()
    }

    /// (threads taken from the index's outcomes, threads in all).
    pub fn reused(&self) -> (usize, usize) {
        (self.reused, self.threads)
    }
}

/// Per member, per finding: the issue number within the thread; per issue: its fate.
type Local = (Vec<Vec<u32>>, Vec<Fate>);

/// Thread one group's rounds: issues numbered in lifecycle order, then each finding no
/// lifecycle holds as an issue of its own.
fn thread_outcome(reviews: &[Review], g: &ThreadGroup) -> Local {
    let members: Vec<&Review> = g.members.iter().map(|&i| &reviews[i]).collect();
    let report = thread_report(g.key.clone(), &members);
    let mut issues: Vec<Vec<u32>> = members
        .iter()
        .map(|r| vec![u32::MAX; r.findings.len()])
        .collect();
    let mut fates = Vec::new();
    for l in &report.lifecycles {
        let fate = Fate::of(l, &report.diffs);
        let k = fates.len() as u32;
        for a in &l.appearances {
            if let Some(slot) = issues.get_mut(a.round).and_then(|f| f.get_mut(a.index)) {
                *slot = k;
            }
        }
        fates.push(fate);
    }
    for (list, r) in issues.iter_mut().zip(&members) {
        for (slot, f) in list.iter_mut().zip(&r.findings) {
            if *slot == u32::MAX {
                *slot = fates.len() as u32;
                fates.push(Fate::of_status(f.status));
            }
        }
    }
    (issues, fates)
}

/// A stored thread's outcome when it fits these members exactly (same reports in the same
/// order, same numbers of findings, every issue number and fate valid).
fn decode(o: &ThreadOutcome, reviews: &[Review], members: &[usize]) -> Option<Local> {
    if o.reports.len() != members.len() || o.issues.len() != members.len() {
        return None;
    }
    let fates: Vec<Fate> = o
        .fates
        .iter()
        .map(|s| Fate::ALL.into_iter().find(|f| f.as_str() == s))
        .collect::<Option<_>>()?;
    for ((slug, list), &m) in o.reports.iter().zip(&o.issues).zip(members) {
        let r = &reviews[m];
        if *slug != r.slug
            || list.len() != r.findings.len()
            || list.iter().any(|&k| k as usize >= fates.len())
        {
            return None;
        }
    }
    Some((o.issues.clone(), fates))
}

/// The outcomes of `reviews` to store in an index (`deep-review index`): every thread threaded.
pub fn outcomes(reviews: &[Review]) -> Outcomes {
    let threads = group_threads(reviews)
        .iter()
        .map(|g| {
            let (issues, fates) = thread_outcome(reviews, g);
            ThreadOutcome {
                reports: g.members.iter().map(|&m| reviews[m].slug.clone()).collect(),
                issues,
                fates: fates.iter().map(|f| f.as_str().to_string()).collect(),
            }
        })
        .collect();
    Outcomes {
        version: OUTCOMES_VERSION,
        threads,
    }
}

impl ReportInfo {
    fn of(r: &Review, names: &mut Names) -> ReportInfo {
        // Each name as written is read once per report (the same few repeat on every finding).
        fn id_of<'a>(
            seen: &mut Vec<(&'a str, Option<u32>)>,
            raw: &'a str,
            r: &Review,
            names: &mut Names,
        ) -> Option<u32> {
            if let Some(&(_, id)) = seen.iter().find(|(w, _)| *w == raw) {
                return id;
            }
            let n = canonical_agent(raw, r);
            let id = (!n.is_empty()).then(|| names.id(&n));
            seen.push((raw, id));
            id
        }
        let mut seen: Vec<(&str, Option<u32>)> = Vec::new();
        let mut agent_ids: Vec<Vec<u32>> = Vec::with_capacity(r.findings.len());
        for f in &r.findings {
            let mut list: Vec<u32> = Vec::new();
            for a in &f.agents {
                if let Some(id) = id_of(&mut seen, a, r, names) {
                    if !list.contains(&id) {
                        list.push(id);
                    }
                }
            }
            agent_ids.push(list);
        }
        let mut reviewer_ids: Vec<u32> = Vec::new();
        for rv in &r.meta.reviewers {
            if let Some(id) = id_of(&mut seen, &rv.name, r, names) {
                if !reviewer_ids.contains(&id) {
                    reviewer_ids.push(id);
                }
            }
        }
        let cells = retro_cells(r);
        let date = report_date(r);
        let repo = repo_of(r);
        ReportInfo {
            month: month_of(&date),
            repo_key: repo.clone().unwrap_or_else(|| NO_REPO.to_string()),
            pr: match thread_key(r) {
                ThreadKey::Pr { number, .. } => Some(number),
                _ => None,
            },
            date,
            repo,
            agent_ids,
            reviewer_ids,
            cell_ids: cells
                .iter()
                .map(|c| {
                    let m = METRICS.iter().position(|m| m.key == c.metric.key);
                    (names.id(&c.agent), m.unwrap_or(0))
                })
                .collect(),
            cells,
        }
    }
}
