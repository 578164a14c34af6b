//! Shared by the integration tests (`mod common;`): the real reports in `../shared/corpus`
//! and `find_diff`. Never a copy of the corpus: it is read where it lies.
//!
//! When a corpus folder is absent the tests that need it skip with a message on stderr, unless
//! `DEEP_REVIEW_CORPUS=required` (set by `.ci/run`), which turns the absence into a failure.
#![allow(dead_code)]

use deep_review::model::Review;
use deep_review::parse::{self, ParseError};
use deep_review::rounds::{RoundDiff, ThreadReport};
use std::path::PathBuf;

/// `../shared/corpus`, beside the checkout.
pub const CORPUS_ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// The folder of one kind of corpus document (`lima`, `supply-chain`, …), or `None` with a
/// message when it is absent; a failure instead when `DEEP_REVIEW_CORPUS=required`.
pub fn corpus_dir(kind: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(CORPUS_ROOT).join(kind);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("DEEP_REVIEW_CORPUS").as_deref() == Ok("required") {
        panic!(
            "DEEP_REVIEW_CORPUS=required but the corpus folder {} is absent",
            dir.display()
        );
    }
    eprintln!(
        "SKIPPING: corpus folder {} is absent (DEEP_REVIEW_CORPUS=required fails instead)",
        dir.display()
    );
    None
}

/// Every document of one kind whose name ends with `ext` (`""`: every file), as
/// `(file name, text)` sorted by name; `None` as [`corpus_dir`].
pub fn corpus_texts(kind: &str, ext: &str) -> Option<Vec<(String, String)>> {
    let dir = corpus_dir(kind)?;
    let mut docs: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(ext) {
                return None;
            }
            let text = std::fs::read_to_string(e.path())
                .unwrap_or_else(|err| panic!("cannot read {}: {err}", e.path().display()));
            Some((name, text))
        })
        .collect();
    docs.sort();
    Some(docs)
}

/// The text of one lima report (`<stem>.md`).
pub fn lima_text(stem: &str) -> Option<String> {
    let path = corpus_dir("lima")?.join(format!("{stem}.md"));
    Some(
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())),
    )
}

/// One lima report, parsed (panics when it does not parse).
pub fn lima_review(stem: &str) -> Option<Review> {
    let text = lima_text(stem)?;
    Some(parse::parse_text(&text).unwrap_or_else(|e| panic!("{stem}: {e}")))
}

/// Every Deep Review of the lima corpus (`.md`), parsed, in file-name order; documents of
/// another kind are left out, any other parse error panics.
pub fn lima_reviews() -> Option<Vec<Review>> {
    let docs = corpus_texts("lima", ".md")?;
    Some(
        docs.iter()
            .filter_map(|(name, text)| match parse::parse_bytes(text.as_bytes()) {
                Ok(r) => Some(r),
                Err(ParseError::NotADeepReview { .. }) => None,
                Err(e) => panic!("{name}: {e}"),
            })
            .collect(),
    )
}

/// The diff between the rounds `earlier` and `later` (by slug) among the threads' diffs.
pub fn find_diff<'a>(threads: &'a [ThreadReport], earlier: &str, later: &str) -> &'a RoundDiff {
    threads
        .iter()
        .flat_map(|t| &t.diffs)
        .find(|d| d.earlier.slug == earlier && d.later.slug == later)
        .unwrap_or_else(|| panic!("no diff {earlier} → {later} in the threads"))
}
