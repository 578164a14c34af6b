//! Which reports count: repository, date range, PR; and the report dates they compare.

use crate::model::Review;
use crate::rounds::{repo_of, thread_key, ThreadKey};
use serde::{Deserialize, Serialize};

/// Which reports count. Every field is optional; an empty filter keeps every report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// `owner/name` (any case) or just `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<String>,
    /// First day kept, inclusive: `2026-07`, `2026-07-14` (or a year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Last day kept, inclusive: `2026-07` keeps all of July.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The PR number of the report's thread (header PR, or `pr-N` in the slug).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pr: Option<u64>,
}

impl Filter {
    /// `Err` naming the field when a date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn check(&self) -> Result<(), String> {
        for (name, d) in [("since", &self.since), ("until", &self.until)] {
            if let Some(d) = d {
                if !valid_date(d) {
                    return Err(format!(
                        "{name} must be a date like 2026-07-14 or 2026-07, not {d:?}"
                    ));
                }
            }
        }
        Ok(())
    }

    /// Whether a report passes. A report without a date fails any date bound; one without a
    /// repository fails a repository filter.
    pub fn matches(&self, review: &Review) -> bool {
        let pr = match thread_key(review) {
            ThreadKey::Pr { number, .. } => Some(number),
            _ => None,
        };
        self.matches_parts(repo_of(review).as_deref(), pr, &report_date(review))
    }

    /// [`Filter::matches`] of a report's repository ([`repo_of`]), PR number (of its
    /// [`thread_key`]) and date ([`report_date`]), read once.
    pub fn matches_parts(&self, repo: Option<&str>, pr: Option<u64>, date: &str) -> bool {
        if let Some(want) = self
            .repo
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
        {
            let Some(repo) = repo else {
                return false;
            };
            let name = repo.rsplit('/').next().unwrap_or("");
            if !(repo.eq_ignore_ascii_case(want) || name.eq_ignore_ascii_case(want)) {
                return false;
            }
        }
        if self.pr.is_some() && pr != self.pr {
            return false;
        }
        if let Some(since) = self
            .since
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            if date.is_empty() || date < since {
                return false;
            }
        }
        if let Some(until) = self
            .until
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            let head = date.get(..until.len()).unwrap_or(date);
            if date.is_empty() || head > until {
                return false;
            }
        }
        true
    }

    /// From a URL query string: `repo=…&since=…&until=…&pr=…` (other parameters ignored).
    pub fn from_query(query: &str) -> Filter {
        let mut f = Filter::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = percent_decode(v);
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            match k {
                "repo" => f.repo = Some(v.to_string()),
                "since" => f.since = Some(v.to_string()),
                "until" => f.until = Some(v.to_string()),
                "pr" => f.pr = v.trim_start_matches('#').parse().ok(),
                _ => {}
            }
        }
        f
    }

    /// The query string of the set fields, in a fixed order (empty when none is set).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("repo", self.repo.clone()),
            ("since", self.since.clone()),
            ("until", self.until.clone()),
            ("pr", self.pr.map(|n| n.to_string())),
        ] {
            if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
                parts.push(format!("{k}={}", percent_encode(v.trim())));
            }
        }
        parts.join("&")
    }
}

fn valid_date(d: &str) -> bool {
    let parts: Vec<&str> = d.trim().split('-').collect();
    let lens = [4, 2, 2];
    !parts.is_empty()
        && parts.len() <= 3
        && parts
            .iter()
            .zip(lens)
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_digit()))
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
                continue;
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A report's date: the header's (`2026-07-14T10:22`, a space becomes `T`), else the slug's
/// timestamp (`20260714-…` → `2026-07-14`), else empty.
pub fn report_date(review: &Review) -> String {
    let d = review.meta.date.trim();
    if !d.is_empty() {
        return d.replacen(' ', "T", 1);
    }
    let s = review.slug.trim();
    match s.get(..8) {
        Some(day) if day.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..])
        }
        _ => String::new(),
    }
}

/// `2026-07` from a report date; `(undated)` when there is none.
pub(super) fn month_of(date: &str) -> String {
    match date.get(..7) {
        Some(m) if valid_date(m) => m.to_string(),
        _ => "(undated)".to_string(),
    }
}
