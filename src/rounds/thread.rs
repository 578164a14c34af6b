//! Threads: which reports are rounds of one PR, and in which order (DESIGN.md §3).

use crate::model::{IndexEntry, PullRequest, Repo, Review, Round};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What identifies a thread of rounds. `repo` is `owner/name` in lower case, empty when no
/// header names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ThreadKey {
    /// The header's PR (or a `pr-N` slug when the header has none).
    Pr { repo: String, number: u64 },
    /// The header's branch, when there is no PR.
    Branch { repo: String, branch: String },
    /// The slug without its timestamp: `windows-plain-ci`.
    Slug { name: String },
}

impl ThreadKey {
    /// A short human label: `lima-vm/lima#4637`, `lima-vm/lima@windows-plain-ci`, `shell-sync`.
    pub fn label(&self) -> String {
        match self {
            ThreadKey::Pr { repo, number } => format!("{repo}#{number}"),
            ThreadKey::Branch { repo, branch } if repo.is_empty() => branch.clone(),
            ThreadKey::Branch { repo, branch } => format!("{repo}@{branch}"),
            ThreadKey::Slug { name } => name.clone(),
        }
    }

    fn repo(&self) -> &str {
        match self {
            ThreadKey::Pr { repo, .. } | ThreadKey::Branch { repo, .. } => repo,
            ThreadKey::Slug { .. } => "",
        }
    }

    fn with_repo(&self, repo: &str) -> ThreadKey {
        match self {
            ThreadKey::Pr { number, .. } => ThreadKey::Pr {
                repo: repo.to_string(),
                number: *number,
            },
            ThreadKey::Branch { branch, .. } => ThreadKey::Branch {
                repo: repo.to_string(),
                branch: branch.clone(),
            },
            ThreadKey::Slug { .. } => self.clone(),
        }
    }
}

/// The header facts that place a report in a thread. Implemented for [`Review`] and
/// [`IndexEntry`], so both share one grouping rule.
pub trait RoundSource {
    fn slug(&self) -> &str;
    fn date(&self) -> &str;
    fn repo(&self) -> Option<&Repo>;
    fn pr(&self) -> Option<&PullRequest>;
    fn branch(&self) -> Option<&str>;
    fn round(&self) -> Option<&Round>;
}

impl RoundSource for Review {
    fn slug(&self) -> &str {
        &self.slug
    }
    fn date(&self) -> &str {
        &self.meta.date
    }
    fn repo(&self) -> Option<&Repo> {
        self.meta.repo.as_ref()
    }
    fn pr(&self) -> Option<&PullRequest> {
        self.meta.pr.as_ref()
    }
    fn branch(&self) -> Option<&str> {
        self.meta.branch.as_deref()
    }
    fn round(&self) -> Option<&Round> {
        self.meta.round.as_ref()
    }
}

impl RoundSource for IndexEntry {
    fn slug(&self) -> &str {
        &self.slug
    }
    fn date(&self) -> &str {
        &self.date
    }
    fn repo(&self) -> Option<&Repo> {
        self.repo.as_ref()
    }
    fn pr(&self) -> Option<&PullRequest> {
        self.pr.as_ref()
    }
    fn branch(&self) -> Option<&str> {
        self.branch.as_deref()
    }
    fn round(&self) -> Option<&Round> {
        self.round.as_ref()
    }
}

impl<T: RoundSource + ?Sized> RoundSource for &T {
    fn slug(&self) -> &str {
        (**self).slug()
    }
    fn date(&self) -> &str {
        (**self).date()
    }
    fn repo(&self) -> Option<&Repo> {
        (**self).repo()
    }
    fn pr(&self) -> Option<&PullRequest> {
        (**self).pr()
    }
    fn branch(&self) -> Option<&str> {
        (**self).branch()
    }
    fn round(&self) -> Option<&Round> {
        (**self).round()
    }
}

/// The slug without its leading timestamp: `20260517-130016-windows-plain-ci` →
/// `windows-plain-ci` (also `YYYYMMDD-HHMM-` and `YYYYMMDD-` prefixes).
pub fn slug_name(slug: &str) -> &str {
    let s = slug.trim();
    match digits_then_dash(s, &[8]) {
        Some(rest) => digits_then_dash(rest, &[6, 4]).unwrap_or(rest),
        None => s,
    }
}

/// `s` after a leading run of exactly `n` digits (one of `lens`) and a dash, if non-empty.
fn digits_then_dash<'a>(s: &'a str, lens: &[usize]) -> Option<&'a str> {
    lens.iter().find_map(|&n| {
        let head = s.get(..n)?;
        let rest = s.get(n..)?.strip_prefix('-')?;
        (head.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty()).then_some(rest)
    })
}

/// The PR number a slug names: `…-pr-4637` or `pr-4637-…`.
fn slug_pr(slug: &str) -> Option<u64> {
    let name = slug_name(slug).to_ascii_lowercase();
    let rest = name.strip_prefix("pr-")?;
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let tail = &rest[digits.len()..];
    if !(tail.is_empty() || tail.starts_with('-')) {
        return None;
    }
    digits.parse().ok().filter(|&n| n > 0)
}

/// `owner/name` from `https://github.com/owner/name[/pull/N…]` (any host).
fn repo_from_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let mut parts = rest.split('/').skip(1).filter(|p| !p.is_empty());
    let owner = parts.next()?;
    let name = parts.next()?.trim_end_matches(".git");
    (!name.is_empty()).then(|| format!("{owner}/{name}"))
}

/// The repository of a report, lower case: the header's Repo, else derived from its URL or the
/// PR link.
pub fn repo_of<T: RoundSource + ?Sized>(item: &T) -> Option<String> {
    let named = item.repo().and_then(|r| {
        let n = r.name.trim().trim_matches('`');
        if n.contains('/') {
            Some(n.to_string())
        } else {
            r.url.as_deref().and_then(repo_from_url)
        }
    });
    named
        .or_else(|| {
            item.pr()
                .and_then(|p| p.url.as_deref())
                .and_then(repo_from_url)
        })
        .map(|r| r.to_ascii_lowercase())
}

/// A usable branch name from the header cell: backticks and `@ sha` dropped; placeholders such
/// as `(PR branch)` ignored.
fn branch_name(raw: &str) -> Option<String> {
    let b = raw.trim().trim_matches('`').trim();
    let b = b
        .split(" @ ")
        .next()
        .unwrap_or(b)
        .trim()
        .trim_matches('`')
        .trim();
    let b = b.split_whitespace().next().unwrap_or("");
    (!b.is_empty() && !b.starts_with('(')).then(|| b.to_string())
}

/// The thread a report belongs to: repo + PR number; else repo + branch; else the slug without
/// its timestamp. A `pr-N` slug gives the PR when the header has none.
pub fn thread_key<T: RoundSource + ?Sized>(item: &T) -> ThreadKey {
    let repo = repo_of(item).unwrap_or_default();
    let pr = item
        .pr()
        .map(|p| p.number)
        .filter(|&n| n > 0)
        .or_else(|| slug_pr(item.slug()));
    if let Some(number) = pr {
        return ThreadKey::Pr { repo, number };
    }
    if let Some(branch) = item.branch().and_then(branch_name) {
        return ThreadKey::Branch { repo, branch };
    }
    ThreadKey::Slug {
        name: slug_name(item.slug()).to_string(),
    }
}

/// A sortable date: the header date, else the slug's timestamp (`2026-05-17T13:00`).
fn sort_date<T: RoundSource + ?Sized>(item: &T) -> String {
    let d = item.date().trim();
    if !d.is_empty() {
        return d.replacen(' ', "T", 1);
    }
    let s = item.slug();
    let ok = |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|b| b.is_ascii_digit()));
    match (ok(0..8), ok(9..13)) {
        (Some(day), Some(hm)) if s.as_bytes().get(8) == Some(&b'-') => format!(
            "{}-{}-{}T{}:{}",
            &day[..4],
            &day[4..6],
            &day[6..],
            &hm[..2],
            &hm[2..]
        ),
        (Some(day), _) => format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..]),
        _ => String::new(),
    }
}

/// One thread: its key and the indices of its members in the input, in round order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadGroup {
    pub key: ThreadKey,
    pub label: String,
    pub members: Vec<usize>,
    /// What a reader should know about the order: round numbers and dates that disagree, two
    /// reports claiming one round, rounds that are not loaded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Group reports (or index entries) into threads. Members are in round order: the header's
/// round number, then date; a report without a round number takes its place by date. Threads
/// are ordered by their first round's date, then label. A key whose repo is unknown joins the
/// thread with the same PR/branch in the one repo that has it; a report keyed by its branch
/// joins the PR thread whose reports name the same branch (one PR, one thread).
pub fn group_threads<T: RoundSource>(items: &[T]) -> Vec<ThreadGroup> {
    let mut keys: Vec<ThreadKey> = items.iter().map(thread_key).collect();
    // Branch → the PR thread(s) whose reports name that branch.
    let mut pr_of_branch: HashMap<(String, String), Vec<ThreadKey>> = HashMap::new();
    for (item, key) in items.iter().zip(&keys) {
        if let (ThreadKey::Pr { repo, .. }, Some(b)) = (key, item.branch().and_then(branch_name)) {
            let list = pr_of_branch.entry((repo.clone(), b)).or_default();
            if !list.contains(key) {
                list.push(key.clone());
            }
        }
    }
    for key in keys.iter_mut() {
        let ThreadKey::Branch { repo, branch } = &*key else {
            continue;
        };
        let mut found: Vec<&ThreadKey> = Vec::new();
        for ((r, b), prs) in &pr_of_branch {
            if b == branch && (r == repo || r.is_empty() || repo.is_empty()) {
                found.extend(prs.iter());
            }
        }
        found.dedup();
        if let [only] = found.as_slice() {
            *key = (*only).clone();
        }
    }
    // Unknown repo: adopt the single known repo with the same PR number / branch.
    for i in 0..keys.len() {
        if !keys[i].repo().is_empty() || matches!(keys[i], ThreadKey::Slug { .. }) {
            continue;
        }
        let mut repos: Vec<&str> = keys
            .iter()
            .filter(|k| !k.repo().is_empty() && k.with_repo("") == keys[i])
            .map(|k| k.repo())
            .collect();
        repos.sort_unstable();
        repos.dedup();
        if let [only] = repos.as_slice() {
            keys[i] = keys[i].with_repo(only);
        }
    }
    let mut groups: Vec<ThreadGroup> = Vec::new();
    let mut by_key: HashMap<&ThreadKey, usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        match by_key.get(key) {
            Some(&g) => groups[g].members.push(i),
            None => {
                by_key.insert(key, groups.len());
                groups.push(ThreadGroup {
                    key: key.clone(),
                    label: key.label(),
                    members: vec![i],
                    warnings: Vec::new(),
                });
            }
        }
    }
    let dates: Vec<String> = items.iter().map(sort_date).collect();
    for g in &mut groups {
        g.members = round_order(&g.members, |i| {
            (items[i].round().map(|r| r.number), dates[i].as_str())
        });
        g.warnings = order_warnings(&g.members, |i| {
            (items[i].round().map(|r| r.number), dates[i].as_str())
        });
    }
    groups.sort_by(|a, b| {
        let first = |g: &ThreadGroup| g.members.first().map_or("", |&i| dates[i].as_str());
        first(a).cmp(first(b)).then_with(|| a.label.cmp(&b.label))
    });
    groups
}

/// What is odd about a thread's order: a round dated before the round it follows, two
/// reports with one round number, round numbers that skip (an earlier round not loaded).
fn order_warnings<'a>(
    members: &[usize],
    info: impl Fn(usize) -> (Option<u32>, &'a str),
) -> Vec<String> {
    let mut out = Vec::new();
    let day = |d: &'a str| d.get(..16).unwrap_or(d);
    let numbered: Vec<(u32, &str)> = members
        .iter()
        .filter_map(|&i| {
            let (n, d) = info(i);
            n.map(|n| (n, d))
        })
        .collect();
    for w in numbered.windows(2) {
        let ((a, da), (b, db)) = (w[0], w[1]);
        if a == b {
            out.push(format!("two reports are Round {a}"));
        } else if !da.is_empty() && !db.is_empty() && db < da {
            out.push(format!(
                "Round {b} is dated {} but Round {a} {}: rounds are ordered by their round numbers",
                day(db).replace('T', " "),
                day(da).replace('T', " ")
            ));
        }
    }
    // A report without a Round row counted as a round that another report names for itself:
    // the thread shows that number twice (reports of a branch before its PR's Round 2).
    if !numbered.is_empty() {
        let numbers: Vec<Option<u32>> = members.iter().map(|&i| info(i).0).collect();
        let effective = effective_rounds(&numbers);
        for (k, &i) in members.iter().enumerate() {
            let (n, d) = info(i);
            let e = effective[k];
            if n.is_some() {
                continue;
            }
            if let Some(&(_, other)) = numbered.iter().find(|&&(m, _)| m == e) {
                out.push(format!(
                    "the report of {} has no Round row and is counted as Round {e}, but the \
                     report of {} says it is Round {e}",
                    day(d).replace('T', " "),
                    day(other).replace('T', " ")
                ));
            }
        }
    }
    if !numbered.is_empty() {
        // A report without a Round row stands for the round its place gives it (a first report
        // before Round 2 is Round 1), so only numbers no report stands for are missing.
        let present = effective_rounds(&members.iter().map(|&i| info(i).0).collect::<Vec<_>>());
        let last = present.iter().copied().max().unwrap_or(0);
        let mut missing: Vec<u32> = (1..last).filter(|n| !present.contains(n)).collect();
        missing.truncate(8);
        match missing.as_slice() {
            [] => {}
            [one] => out.push(format!("Round {one} is not among the loaded reports")),
            many => out.push(format!(
                "Rounds {} are not among the loaded reports",
                many.iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    out
}

/// Order members by round number, then date; members without a number go before the first
/// numbered member dated after them.
fn round_order<'a>(
    members: &[usize],
    info: impl Fn(usize) -> (Option<u32>, &'a str),
) -> Vec<usize> {
    let mut numbered: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| info(i).0.is_some())
        .collect();
    numbered.sort_by(|&a, &b| info(a).cmp(&info(b)).then(a.cmp(&b)));
    let mut loose: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| info(i).0.is_none())
        .collect();
    loose.sort_by(|&a, &b| info(a).1.cmp(info(b).1).then(a.cmp(&b)));
    let mut out = numbered;
    for i in loose {
        let date = info(i).1;
        let at = out
            .iter()
            .position(|&j| info(j).1 > date)
            .unwrap_or(out.len());
        out.insert(at, i);
    }
    out
}

/// The round number of each member of an ordered thread: the header's number, else one more
/// than the previous member's (or one less than the next numbered member's, for a first
/// member), else its position.
pub(super) fn effective_rounds(numbers: &[Option<u32>]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(numbers.len());
    for (i, n) in numbers.iter().enumerate() {
        let v = match (n, out.last()) {
            (Some(n), _) => *n,
            (None, Some(prev)) => prev.saturating_add(1),
            (None, None) => numbers
                .iter()
                .flatten()
                .next()
                .map_or(i as u32 + 1, |next| next.saturating_sub(1).max(1)),
        };
        out.push(v);
    }
    out
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rounds::test_util::*;

    #[test]
    fn slug_names_and_pr_numbers() {
        assert_eq!(
            slug_name("20260517-130016-windows-plain-ci"),
            "windows-plain-ci"
        );
        assert_eq!(
            slug_name("20260517-1300-windows-plain-ci"),
            "windows-plain-ci"
        );
        assert_eq!(slug_name("20260517-windows"), "windows");
        assert_eq!(slug_name("windows"), "windows");
        assert_eq!(slug_name("20260517-130016-"), "130016-");
        assert_eq!(slug_pr("20260315-221940-pr-4637"), Some(4637));
        assert_eq!(slug_pr("20260315-221940-pr-4637-retry"), Some(4637));
        assert_eq!(slug_pr("20260315-221940-pr-46x"), None);
        assert_eq!(slug_pr("20260315-221940-prose"), None);
        assert_eq!(
            repo_from_url("https://github.com/lima-vm/lima/pull/4637"),
            Some("lima-vm/lima".into())
        );
        assert_eq!(branch_name("`master` @ `d6ca3936`"), Some("master".into()));
        assert_eq!(branch_name("(PR branch)"), None);
    }

    fn meta_review(
        slug: &str,
        date: &str,
        round: Option<u32>,
        repo: Option<&str>,
        pr: Option<(u64, Option<&str>)>,
        branch: Option<&str>,
    ) -> Review {
        let mut r = review(slug, round, date, vec![]);
        r.meta.repo = repo.map(|n| Repo {
            name: n.to_string(),
            url: None,
        });
        r.meta.pr = pr.map(|(number, url)| PullRequest {
            number,
            url: url.map(str::to_string),
            title: None,
        });
        r.meta.branch = branch.map(str::to_string);
        r
    }

    #[test]
    fn thread_keys_follow_pr_then_branch_then_slug() {
        let pr = meta_review(
            "20260101-000000-x",
            "",
            None,
            Some("lima-vm/lima"),
            Some((7, None)),
            Some("b"),
        );
        assert_eq!(
            thread_key(&pr),
            ThreadKey::Pr {
                repo: "lima-vm/lima".into(),
                number: 7
            }
        );
        let from_url = meta_review(
            "x",
            "",
            None,
            None,
            Some((7, Some("https://github.com/Lima-VM/lima/pull/7"))),
            None,
        );
        assert_eq!(
            thread_key(&from_url),
            ThreadKey::Pr {
                repo: "lima-vm/lima".into(),
                number: 7
            }
        );
        let br = meta_review(
            "x",
            "",
            None,
            Some("lima-vm/lima"),
            None,
            Some("`windows-plain-ci`"),
        );
        assert_eq!(
            thread_key(&br),
            ThreadKey::Branch {
                repo: "lima-vm/lima".into(),
                branch: "windows-plain-ci".into()
            }
        );
        let slug_pr = meta_review(
            "20260101-000000-pr-12",
            "",
            None,
            None,
            None,
            Some("(PR branch)"),
        );
        assert_eq!(
            thread_key(&slug_pr),
            ThreadKey::Pr {
                repo: String::new(),
                number: 12
            }
        );
        let slug = meta_review("20260313-000000-shell-sync", "", None, None, None, None);
        assert_eq!(
            thread_key(&slug),
            ThreadKey::Slug {
                name: "shell-sync".into()
            }
        );
        assert_eq!(thread_key(&slug).label(), "shell-sync");
        // Index entries give the same key as their reviews.
        let entry = IndexEntry::of(&br, "br.md");
        assert_eq!(thread_key(&entry), thread_key(&br));
    }

    #[test]
    fn grouping_orders_by_round_then_date_and_places_unnumbered_by_date() {
        let items = vec![
            meta_review(
                "20260401-000000-pr-5",
                "2026-04-01",
                Some(3),
                Some("o/r"),
                Some((5, None)),
                None,
            ),
            meta_review(
                "20260315-000000-pr-5",
                "2026-03-15",
                None,
                None,
                Some((5, None)),
                None,
            ),
            meta_review(
                "20260327-000000-pr-5",
                "2026-03-27",
                Some(2),
                Some("o/r"),
                Some((5, None)),
                None,
            ),
            meta_review(
                "20260101-000000-solo",
                "2026-01-01",
                Some(1),
                None,
                None,
                None,
            ),
            // i18n-style: round 5 dated before round 4 still comes after it.
            meta_review(
                "20260502-000000-b",
                "2026-05-02",
                Some(5),
                Some("o/r"),
                None,
                Some("b"),
            ),
            meta_review(
                "20260503-000000-b",
                "2026-05-03",
                Some(4),
                Some("o/r"),
                None,
                Some("b"),
            ),
            // Another repo's branch of the same name is another thread.
            meta_review(
                "20260102-000000-b",
                "2026-01-02",
                Some(1),
                Some("x/y"),
                None,
                Some("b"),
            ),
        ];
        let groups = group_threads(&items);
        let got: Vec<(String, Vec<usize>)> = groups
            .iter()
            .map(|g| (g.label.clone(), g.members.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("solo".to_string(), vec![3]),
                ("x/y@b".to_string(), vec![6]),
                ("o/r#5".to_string(), vec![1, 2, 0]),
                ("o/r@b".to_string(), vec![5, 4]),
            ]
        );
        // The same grouping from index entries.
        let entries: Vec<IndexEntry> = items.iter().map(|r| IndexEntry::of(r, "p")).collect();
        assert_eq!(group_threads(&entries), groups);
    }

    #[test]
    fn unknown_repo_stays_apart_when_ambiguous() {
        let items = vec![
            meta_review("a", "2026-01-01", None, None, Some((5, None)), None),
            meta_review("b", "2026-01-02", None, Some("o/r"), Some((5, None)), None),
            meta_review("c", "2026-01-03", None, Some("x/y"), Some((5, None)), None),
        ];
        assert_eq!(group_threads(&items).len(), 3);
    }

    #[test]
    fn missing_rounds_count_a_first_report_without_a_round_row() {
        let warn = |rounds: &[(Option<u32>, &'static str)]| {
            let members: Vec<usize> = (0..rounds.len()).collect();
            order_warnings(&members, |i| rounds[i])
        };
        // lima pr-4637: the first report has no Round row, the next two say Round 2 and 3.
        let pr_4637 = [
            (None, "2026-03-15T22:19"),
            (Some(2), "2026-03-27T22:38"),
            (Some(3), "2026-04-01T21:33"),
        ];
        assert!(warn(&pr_4637).is_empty(), "{:?}", warn(&pr_4637));
        assert_eq!(
            warn(&[(Some(3), "2026-04-01")]),
            vec!["Rounds 1, 2 are not among the loaded reports"]
        );
        assert_eq!(
            warn(&[(None, "2026-03-01"), (Some(3), "2026-04-01")]),
            vec!["Round 1 is not among the loaded reports"]
        );
        assert_eq!(
            warn(&[(Some(1), "2026-03-01"), (Some(3), "2026-04-01")]),
            vec!["Round 2 is not among the loaded reports"]
        );
        // rancher-desktop #10018: a first report, two branch reports without Round rows, then
        // the PR's "Round 2" a week later.
        assert_eq!(
            warn(&[
                (None, "2026-03-14T15:25"),
                (None, "2026-03-19T14:18"),
                (None, "2026-03-20T12:03"),
                (Some(2), "2026-03-26T13:03"),
            ]),
            vec![
                "the report of 2026-03-19 14:18 has no Round row and is counted as Round 2, but \
                 the report of 2026-03-26 13:03 says it is Round 2"
            ]
        );
    }

    #[test]
    fn effective_round_numbers() {
        assert_eq!(effective_rounds(&[None, Some(2), Some(3)]), vec![1, 2, 3]);
        assert_eq!(effective_rounds(&[None, Some(4)]), vec![3, 4]);
        assert_eq!(effective_rounds(&[Some(1), None, None]), vec![1, 2, 3]);
        assert_eq!(effective_rounds(&[None, None]), vec![1, 2]);
        assert_eq!(effective_rounds(&[]), Vec::<u32>::new());
    }
}
