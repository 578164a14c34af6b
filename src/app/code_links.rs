//! Where a report's file references link (context of a report screen): locations and prose
//! `file:line` code spans go to the file at the reviewed commit; a bare file name
//! (`settingsValidator.ts:290`) is first resolved against the full paths the report writes
//! elsewhere (`crate::paths`), and an ambiguous or unknown one becomes a code search of the
//! repository instead of a link to a file that is not there.

use super::util::{code_ref, location_href, repo_web_url};
use crate::model::{Location, Review};
use crate::paths::{full_path, PathIndex, Resolved};
use std::sync::{Arc, OnceLock};

#[derive(Clone)]
pub struct CodeLinks {
    repo_url: Option<String>,
    code_ref: Option<String>,
    review: Arc<Review>,
    /// Built on the first bare file name: a path with a directory needs no index, and building
    /// it for 100 findings × 1,250 locations was a 230 ms part of opening the report (issue 11).
    paths: Arc<OnceLock<PathIndex>>,
}

impl CodeLinks {
    pub fn of(review: &Arc<Review>) -> CodeLinks {
        CodeLinks {
            repo_url: repo_web_url(&review.meta),
            code_ref: code_ref(&review.meta),
            review: review.clone(),
            paths: Arc::default(),
        }
    }

    fn resolve(&self, path: &str) -> Resolved {
        match full_path(path) {
            Some(p) => Resolved::Full(p.to_string()),
            None => self
                .paths
                .get_or_init(|| PathIndex::of(&self.review))
                .resolve(path),
        }
    }

    /// The link of a location (or of a `file:line` code span), if any.
    pub fn href(&self, loc: &Location) -> Option<String> {
        match self.resolve(&loc.path) {
            Resolved::Full(path) => location_href(
                self.repo_url.as_deref(),
                self.code_ref.as_deref(),
                &Location {
                    path,
                    ..loc.clone()
                },
            ),
            Resolved::Ambiguous(_) | Resolved::Unknown => self.search_href(&loc.path),
        }
    }

    /// A GitHub code search of the repository for a file name.
    fn search_href(&self, path: &str) -> Option<String> {
        let repo = self.repo_url.as_deref()?;
        let rest = repo.strip_prefix("https://github.com/")?;
        let name = path.trim().rsplit('/').next()?;
        if rest.split('/').count() != 2 || name.is_empty() {
            return None;
        }
        let q: String = format!("repo:{rest} path:{name}")
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        Some(format!("https://github.com/search?q={q}&type=code"))
    }
}
