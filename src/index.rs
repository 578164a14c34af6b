//! The report list's logic (the screen is `app::index_view`): every known report as a
//! [`Source`] (bundled and opened), grouped into [`Thread`]s (one PR or branch,
//! `rounds::group_threads`), the most recently active thread first, and the index filters.
//!
//! Index filters live in the URL (on `view=index`, or with no `src`), next to the report
//! view's parameters (`query::ViewState`, which keeps the unknown ones in `extra`):
//!
//! | parameter | meaning                                                                  |
//! |-----------|--------------------------------------------------------------------------|
//! | `repo`    | repository `owner/name` (case-insensitive), as in `rounds::repo_of`      |
//! | `verdict` | verdict class: `merge`, `merge-with-fixes`, `rework`, `other`            |
//! | `from`    | first day shown, `YYYY-MM-DD` (inclusive)                                |
//! | `to`      | last day shown, `YYYY-MM-DD` (inclusive)                                 |
//! | `q`       | free text over title, slug, PR, branch, repo, reviewers, verdict; every whitespace-separated term must match |
//!
//! Filters apply to rounds; a thread is listed when at least one of its rounds passes, and its
//! other rounds are shown dimmed so the timeline stays whole.
//!
//! The diff view and the finding history use [`thread_of`] and [`previous_round`] to find a
//! report's thread and previous round.

use crate::model::{DocumentEntry, Index, IndexEntry};
use crate::query::{View, ViewState};
use crate::rounds::{group_threads, repo_of, ThreadKey};
use crate::share::LOCAL_PREFIX;

/// The `src=` of a bundled report.
pub fn bundled_src(path: &str) -> String {
    format!("reviews/{path}")
}

/// One report the app knows about without loading it: its `src=` and index entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub src: String,
    pub entry: IndexEntry,
    /// From the bundled index (else opened from a file or pasted).
    pub bundled: bool,
}

/// Every known report: `opened` (reports opened from files or pasted: their `src=` and index
/// entry) first, then the bundled index.
pub fn sources(
    index: Option<&Index>,
    opened: impl IntoIterator<Item = (String, IndexEntry)>,
) -> Vec<Source> {
    let opened = opened.into_iter().map(|(src, entry)| Source {
        src,
        entry,
        bundled: false,
    });
    let bundled = index.into_iter().flat_map(|i| &i.reports).map(|e| Source {
        src: bundled_src(&e.path),
        entry: e.clone(),
        bundled: true,
    });
    opened.chain(bundled).collect()
}

/// One thread: its key, label and rounds in round order.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    pub key: ThreadKey,
    pub label: String,
    pub rounds: Vec<Source>,
    /// What is odd about the thread (round numbers and dates disagree …).
    pub warnings: Vec<String>,
}

impl Thread {
    /// The latest date of any round (threads are listed newest first by it).
    pub fn latest(&self) -> &str {
        self.rounds
            .iter()
            .map(|s| s.entry.date.as_str())
            .max()
            .unwrap_or("")
    }

    /// The position of `src` among the rounds.
    pub fn position(&self, src: &str) -> Option<usize> {
        self.rounds.iter().position(|s| s.src == src)
    }
}

/// Threads (grouped by `rounds::group_threads`), the most recently active first.
pub fn threads(sources: &[Source]) -> Vec<Thread> {
    let entries: Vec<&IndexEntry> = sources.iter().map(|s| &s.entry).collect();
    let mut out: Vec<Thread> = group_threads(&entries)
        .into_iter()
        .map(|g| Thread {
            key: g.key,
            label: g.label,
            rounds: g
                .members
                .iter()
                .filter_map(|&i| sources.get(i).cloned())
                .collect(),
            warnings: g.warnings,
        })
        .collect();
    out.sort_by(|a, b| b.latest().cmp(a.latest()));
    out
}

/// The thread `src` belongs to, among reports of the same origin (opened files with opened
/// files, bundled with bundled), so a file opened twice never pairs with its bundled copy.
/// `extra` is one more report to consider (the one on screen, when no list has it).
pub fn thread_of(sources: &[Source], extra: Option<&Source>, src: &str) -> Option<Thread> {
    let local = src.starts_with(LOCAL_PREFIX);
    let same: Vec<&Source> = sources
        .iter()
        .chain(extra)
        .filter(|s| s.bundled != local)
        .collect();
    let at = same.iter().position(|s| s.src == src)?;
    let entries: Vec<&IndexEntry> = same.iter().map(|s| &s.entry).collect();
    let g = group_threads(&entries)
        .into_iter()
        .find(|g| g.members.contains(&at))?;
    Some(Thread {
        key: g.key,
        label: g.label,
        rounds: g
            .members
            .iter()
            .filter_map(|&i| same.get(i).map(|s| (*s).clone()))
            .collect(),
        warnings: g.warnings,
    })
}

/// The round before `src` in its thread, if known.
pub fn previous_round(sources: &[Source], src: &str) -> Option<String> {
    let t = thread_of(sources, None, src)?;
    let at = t.position(src)?;
    at.checked_sub(1)
        .and_then(|i| t.rounds.get(i))
        .map(|s| s.src.clone())
}

/// `?view=diff&src=<newer>&compare=<older>`.
pub fn diff_href(newer: &str, older: &str) -> String {
    ViewState {
        view: View::Diff,
        src: vec![newer.to_string()],
        compare: Some(older.to_string()),
        ..ViewState::default()
    }
    .to_search()
}

// ---------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------

/// The index filters (see the module docs for the URL form).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexFilter {
    pub repo: String,
    pub verdict: String,
    pub from: String,
    pub to: String,
    pub q: String,
}

/// The URL names of the index filters kept in `ViewState::extra`, in canonical order.
const PARAMS: [&str; 4] = crate::query::INDEX_PARAMS;

impl IndexFilter {
    pub fn of(state: &ViewState) -> IndexFilter {
        let get = |name: &str| {
            state
                .extra
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default()
        };
        IndexFilter {
            repo: get("repo"),
            verdict: get("verdict"),
            from: get("from"),
            to: get("to"),
            q: state.q.clone(),
        }
    }

    /// `state` with these filters written into it (other parameters kept).
    pub fn apply_to(&self, state: &ViewState) -> ViewState {
        let mut s = state.clone();
        s.extra.retain(|(k, _)| !PARAMS.contains(&k.as_str()));
        let values = [&self.repo, &self.verdict, &self.from, &self.to];
        let ours = PARAMS
            .iter()
            .zip(values)
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.to_string(), v.trim().to_string()));
        s.extra = ours.chain(s.extra).collect();
        s.q = self.q.clone();
        s
    }

    pub fn is_active(&self) -> bool {
        [&self.repo, &self.verdict, &self.from, &self.to, &self.q]
            .iter()
            .any(|v| !v.trim().is_empty())
    }

    /// Whether one report passes every filter.
    pub fn matches(&self, e: &IndexEntry) -> bool {
        let repo_ok =
            self.repo.is_empty() || repo_of(e).is_some_and(|r| r.eq_ignore_ascii_case(&self.repo));
        let verdict_ok = self.verdict.is_empty()
            || e.verdict
                .as_ref()
                .is_some_and(|v| v.class().as_str().eq_ignore_ascii_case(&self.verdict));
        let day = e.date.get(..10).unwrap_or("");
        let from_ok = self.from.is_empty() || (!day.is_empty() && day >= self.from.as_str());
        let to_ok = self.to.is_empty() || (!day.is_empty() && day <= self.to.as_str());
        repo_ok && verdict_ok && from_ok && to_ok && self.text_matches(e)
    }

    /// Whether a document of another kind passes: it has no repository or verdict (either
    /// filter set hides it), its date must be in range, every search word in its kind or title.
    pub fn matches_document(&self, d: &DocumentEntry) -> bool {
        let day = d.date.get(..10).unwrap_or("");
        let q = self.q.to_lowercase();
        let hay = format!("{} {}", d.kind, d.title).to_lowercase();
        self.repo.is_empty()
            && self.verdict.is_empty()
            && (self.from.is_empty() || (!day.is_empty() && day >= self.from.as_str()))
            && (self.to.is_empty() || (!day.is_empty() && day <= self.to.as_str()))
            && q.split_whitespace().all(|t| hay.contains(t))
    }

    fn text_matches(&self, e: &IndexEntry) -> bool {
        let q = self.q.to_lowercase();
        if q.trim().is_empty() {
            return true;
        }
        let mut hay = format!("{}\n{}\n", e.title, e.slug);
        if let Some(pr) = &e.pr {
            hay.push_str(&format!("#{} pr {}\n", pr.number, pr.number));
            hay.push_str(pr.title.as_deref().unwrap_or(""));
            hay.push('\n');
        }
        for part in [
            e.branch.as_deref(),
            repo_of(e).as_deref(),
            e.verdict.as_ref().map(|v| v.label.as_str()),
        ]
        .into_iter()
        .flatten()
        {
            hay.push_str(part);
            hay.push('\n');
        }
        for r in &e.reviewers {
            hay.push_str(&r.name);
            hay.push('\n');
        }
        let hay = hay.to_lowercase();
        q.split_whitespace().all(|t| hay.contains(t))
    }
}

/// A thread with the filter applied: which of its rounds pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub thread: Thread,
    pub passes: Vec<bool>,
}

pub fn shown(threads: &[Thread], f: &IndexFilter) -> Vec<Shown> {
    threads
        .iter()
        .filter_map(|t| {
            let passes: Vec<bool> = t.rounds.iter().map(|s| f.matches(&s.entry)).collect();
            passes.contains(&true).then(|| Shown {
                thread: t.clone(),
                passes,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PullRequest, Repo, Reviewer, Round, Verdict};

    fn entry(slug: &str, pr: u64, round: u32, date: &str, verdict: &str) -> IndexEntry {
        IndexEntry {
            slug: slug.into(),
            path: format!("{slug}.md"),
            title: format!("Review of {slug}"),
            date: date.into(),
            repo: Some(Repo {
                name: "lima-vm/lima".into(),
                url: None,
            }),
            pr: Some(PullRequest {
                number: pr,
                url: None,
                title: Some("Fix the thing".into()),
            }),
            branch: None,
            round: Some(Round {
                number: round,
                of: None,
                text: round.to_string(),
            }),
            verdict: Some(Verdict {
                label: verdict.into(),
                text: String::new(),
            }),
            counts: Default::default(),
            reviewers: vec![Reviewer {
                name: "Claude Opus 4.7".into(),
                family: "Claude".into(),
                effort: None,
                note: None,
            }],
        }
    }

    fn index() -> Index {
        Index {
            reports: vec![
                entry("pr-1-r2", 1, 2, "2026-03-02", "Merge as-is"),
                entry("pr-1-r1", 1, 1, "2026-03-01", "Rework"),
                entry("pr-2-r1", 2, 1, "2026-04-01", "Merge with fixes"),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn threads_group_rounds_in_order_newest_thread_first() {
        let all = sources(Some(&index()), []);
        let t = threads(&all);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].rounds[0].src, "reviews/pr-2-r1.md");
        let pr1: Vec<&str> = t[1].rounds.iter().map(|s| s.src.as_str()).collect();
        assert_eq!(pr1, ["reviews/pr-1-r1.md", "reviews/pr-1-r2.md"]);
        assert_eq!(
            previous_round(&all, "reviews/pr-1-r2.md").as_deref(),
            Some("reviews/pr-1-r1.md")
        );
        assert_eq!(previous_round(&all, "reviews/pr-1-r1.md"), None);
    }

    #[test]
    fn an_opened_copy_never_joins_the_bundled_thread() {
        let opened = (
            format!("{LOCAL_PREFIX}0"),
            entry("pr-1-r3", 1, 3, "2026-03-03", "Merge as-is"),
        );
        let all = sources(Some(&index()), [opened]);
        assert!(!all[0].bundled && all[1].bundled);
        let t = thread_of(&all, None, &format!("{LOCAL_PREFIX}0")).unwrap();
        assert_eq!(t.rounds.len(), 1);
        let t = thread_of(&all, None, "reviews/pr-1-r1.md").unwrap();
        assert_eq!(t.rounds.len(), 2);
        assert_eq!(t.position("reviews/pr-1-r2.md"), Some(1));
    }

    #[test]
    fn filter_reads_and_writes_the_url_and_keeps_other_parameters() {
        let state = ViewState::from_query("?repo=Lima-VM/Lima&from=2026-03-02&q=fix&sev=critical");
        let f = IndexFilter::of(&state);
        assert_eq!(f.repo, "Lima-VM/Lima");
        assert!(f.is_active());
        let all = sources(Some(&index()), []);
        let passes: Vec<bool> = all.iter().map(|s| f.matches(&s.entry)).collect();
        assert_eq!(passes, [true, false, true]);
        let cleared = IndexFilter::default().apply_to(&state);
        assert_eq!(cleared.to_search(), "?sev=critical");
        let back = f.apply_to(&cleared);
        assert_eq!(IndexFilter::of(&back), f);
    }

    #[test]
    fn a_thread_is_shown_when_one_round_passes_and_keeps_its_other_rounds() {
        let all = sources(Some(&index()), []);
        let f = IndexFilter {
            verdict: "rework".into(),
            ..Default::default()
        };
        let s = shown(&threads(&all), &f);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].passes, [true, false]);
        let none = IndexFilter {
            q: "nothing-like-this".into(),
            ..Default::default()
        };
        assert!(shown(&threads(&all), &none).is_empty());
    }

    #[test]
    fn documents_pass_on_dates_and_words_and_never_a_repository_or_verdict() {
        let scan = DocumentEntry {
            path: "scan.md".into(),
            kind: "Supply Chain Scan".into(),
            title: "Supply Chain Scan: 20260801-031500-supply-chain".into(),
            date: "2026-08-01 03:15".into(),
        };
        let f = |q: &str| IndexFilter::of(&ViewState::from_query(q));
        assert!(f("").matches_document(&scan));
        assert!(f("?from=2026-08-01&to=2026-08-01").matches_document(&scan));
        assert!(!f("?from=2026-08-02").matches_document(&scan));
        assert!(!f("?to=2026-07-31").matches_document(&scan));
        assert!(f("?q=supply%20SCAN").matches_document(&scan));
        assert!(!f("?q=supply%20invoice").matches_document(&scan));
        assert!(!f("?repo=lima-vm/lima").matches_document(&scan));
        assert!(!f("?verdict=merge").matches_document(&scan));
        let undated = DocumentEntry {
            date: String::new(),
            ..scan
        };
        assert!(f("").matches_document(&undated));
        assert!(!f("?from=2026-01-01").matches_document(&undated));
    }
}
