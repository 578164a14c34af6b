//! Shared by the integration tests (`mod common;`): the real reports in `../shared/corpus`,
//! `find_diff`, a lifecycle's [`path`], the [`cli`], and [`finding`], the builder of hand-made findings. Never a copy of the corpus:
//! it is read where it lies.
//!
//! When a corpus folder is absent the tests that need it skip with a message on stderr, unless
//! `DEEP_REVIEW_CORPUS=required` (set by `.ci/run`), which turns the absence into a failure.
#![allow(dead_code)]

use deep_review::model::{Finding, Location, Review, Severity, Status};
use deep_review::parse::{self, ParseError};
use deep_review::rounds::{Lifecycle, RoundDiff, ThreadReport};
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

/// Fails with `what` and the parser's error diagnostics when it reported any.
pub fn assert_no_errors(r: &Review, what: &str) {
    let errors: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.level == deep_review::model::Level::Error)
        .collect();
    assert!(errors.is_empty(), "{what}: error diagnostics {errors:?}");
}

/// The diff between the rounds `earlier` and `later` (by slug) among the threads' diffs.
pub fn find_diff<'a>(threads: &'a [ThreadReport], earlier: &str, later: &str) -> &'a RoundDiff {
    threads
        .iter()
        .flat_map(|t| &t.diffs)
        .find(|d| d.earlier.slug == earlier && d.later.slug == later)
        .unwrap_or_else(|| panic!("no diff {earlier} → {later} in the threads"))
}

/// Where a finding went: (round, id, severity) of each of its appearances.
pub fn path(life: &Lifecycle) -> Vec<(usize, &str, Severity)> {
    life.appearances
        .iter()
        .map(|a| (a.round, a.id.as_str(), a.severity))
        .collect()
}

/// Runs the native CLI with `args`: (exit code, stdout, stderr).
pub fn cli(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_deep-review"))
        .args(args)
        .output()
        .expect("run deep-review");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A hand-made finding for a test's report: severity from the id's letter (`I2` important), open,
/// no agents; the builder's methods add the rest, then [`FindingBuilder::build`].
pub fn finding(id: &str) -> FindingBuilder {
    let severity = Severity::parse(&id[..1]).unwrap_or(Severity::Suggestion);
    FindingBuilder(Finding {
        line: 1,
        ..Finding::new(id, severity)
    })
}

/// See [`finding`].
pub struct FindingBuilder(Finding);

impl FindingBuilder {
    /// The plain title and its Markdown.
    pub fn titled(mut self, title: &str, title_md: &str) -> Self {
        self.0.title = title.to_string();
        self.0.title_md = title_md.to_string();
        self
    }

    /// The agents that raised it.
    pub fn by(mut self, agents: &[&str]) -> Self {
        self.0.agents = agents.iter().map(|a| a.to_string()).collect();
        self
    }

    pub fn kinds(mut self, kinds: &[&str]) -> Self {
        self.0.kinds = kinds.iter().map(|k| k.to_string()).collect();
        self
    }

    pub fn status(mut self, status: Status, note: Option<&str>) -> Self {
        self.0.status = status;
        self.0.status_note = note.map(str::to_string);
        self
    }

    /// A location `path:start[-end]`.
    pub fn at(mut self, path: &str, start: u32, end: Option<u32>) -> Self {
        let text = match end {
            Some(e) => format!("{path}:{start}-{e}"),
            None => format!("{path}:{start}"),
        };
        self.0.locations.push(Location {
            path: path.to_string(),
            start_line: Some(start),
            end_line: end,
            text,
        });
        self
    }

    pub fn body(mut self, md: &str) -> Self {
        self.0.body_md = md.to_string();
        self
    }

    pub fn build(self) -> Finding {
        self.0
    }
}
