//! Meeting marks ("triage"): what the team decided for each finding, a note, storage and export.
//!
//! Storage-agnostic: the app keeps a [`Triage`] in a signal, saves [`Triage::to_storage_json`]
//! under [`storage_key`] (e.g. in `localStorage`) and loads it back with
//! [`Triage::from_storage_json`]. Exports: [`to_markdown`] (paste into a PR comment) and
//! [`to_json`] / [`import_json`] (hand marks to a colleague).
//!
//! ```
//! use deep_review::triage::{Mark, Triage};
//! let mut t = Triage::default();
//! assert_eq!(t.set_mark("I2", Mark::WillFix), Some(Mark::WillFix));
//! assert_eq!(t.set_mark("I2", Mark::WillFix), None); // same mark again clears it
//! ```

use crate::model::{Finding, Location, Review};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The `schema` tag of stored and exported triage JSON.
pub const TRIAGE_SCHEMA: &str = "deep-review-triage/1";
const TRIAGE_SCHEMA_NAME: &str = "deep-review-triage/";
const TRIAGE_SCHEMA_MAJOR: u32 = 1;

/// A meeting decision for one finding. Order = display and export order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    WillFix,
    WontFix,
    Discuss,
    Duplicate,
}

impl Mark {
    pub const ALL: [Mark; 4] = [Mark::WillFix, Mark::WontFix, Mark::Discuss, Mark::Duplicate];

    /// URL and JSON spelling: `will-fix`, `wont-fix`, `discuss`, `duplicate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::WillFix => "will-fix",
            Mark::WontFix => "wont-fix",
            Mark::Discuss => "discuss",
            Mark::Duplicate => "duplicate",
        }
    }

    /// Human label: `Will fix`, `Won't fix`, `Discuss`, `Duplicate`.
    pub fn label(self) -> &'static str {
        match self {
            Mark::WillFix => "Will fix",
            Mark::WontFix => "Won't fix",
            Mark::Discuss => "Discuss",
            Mark::Duplicate => "Duplicate",
        }
    }

    /// The keyboard key: `1`–`4`.
    pub fn key(self) -> char {
        match self {
            Mark::WillFix => '1',
            Mark::WontFix => '2',
            Mark::Discuss => '3',
            Mark::Duplicate => '4',
        }
    }

    /// The mark a key stands for (tests check `key` against it).
    #[cfg(test)]
    pub fn from_key(key: char) -> Option<Mark> {
        Mark::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Parses the URL spelling (case-insensitive; `_` or no separator also accepted).
    pub fn parse(s: &str) -> Option<Mark> {
        let norm: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' ' | '\''))
            .flat_map(char::to_lowercase)
            .collect();
        Mark::ALL
            .into_iter()
            .find(|m| m.as_str().replace('-', "") == norm)
    }
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The decision and note for one finding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub mark: Option<Mark>,
    pub note: String,
}

impl Entry {
    fn is_empty(&self) -> bool {
        self.mark.is_none() && self.note.trim().is_empty()
    }
}

/// All marks of one report, keyed by finding id. Entries with neither mark nor note are never
/// kept, so `marks.len()` is the number of findings with a decision or a note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Triage {
    pub marks: BTreeMap<String, Entry>,
}

impl Triage {
    pub fn mark_of(&self, id: &str) -> Option<Mark> {
        self.marks.get(id).and_then(|e| e.mark)
    }

    pub fn note_of(&self, id: &str) -> &str {
        self.marks.get(id).map_or("", |e| e.note.as_str())
    }

    /// Sets `mark` on finding `id`; setting the mark it already has clears it (a toggle, like
    /// pressing the same key twice). Returns the finding's mark afterwards.
    pub fn set_mark(&mut self, id: &str, mark: Mark) -> Option<Mark> {
        let entry = self.marks.entry(id.to_string()).or_default();
        entry.mark = if entry.mark == Some(mark) {
            None
        } else {
            Some(mark)
        };
        let result = entry.mark;
        self.tidy(id);
        result
    }

    /// Replaces the note of finding `id` (an empty or blank note removes it).
    pub fn set_note(&mut self, id: &str, note: &str) {
        self.marks.entry(id.to_string()).or_default().note = note.to_string();
        self.tidy(id);
    }

    /// Removes mark and note of finding `id`.
    pub fn clear(&mut self, id: &str) {
        self.marks.remove(id);
    }

    /// Copies every entry of `other` over this one (an import merged into local marks).
    pub fn merge_from(&mut self, other: &Triage) {
        for (id, entry) in &other.marks {
            self.marks.insert(id.clone(), entry.clone());
        }
    }

    /// Number of findings with a mark (will fix, won't fix, discuss, duplicate): "marked"
    /// everywhere (meeting mode, the Marks button). A note alone does not mark a finding.
    pub fn marked_total(&self) -> usize {
        self.marks.values().filter(|e| e.mark.is_some()).count()
    }

    /// Findings with a note.
    pub fn noted_total(&self) -> usize {
        self.marks
            .values()
            .filter(|e| !e.note.trim().is_empty())
            .count()
    }

    /// Number of findings of `ids` that have a mark (see [`Triage::marked_total`]).
    pub fn marked_count<S: AsRef<str>>(&self, ids: &[S]) -> usize {
        ids.iter()
            .filter(|id| self.mark_of(id.as_ref()).is_some())
            .count()
    }

    /// Where to go after marking `current` in a meeting: the first finding without a mark
    /// after `current` in `ids` (the filtered list, in display order), wrapping around to the
    /// start; `current` itself is never returned. `None` when every other finding is marked.
    /// When `current` is `None` or not in `ids`, the search starts at the top.
    pub fn next_untriaged<'a, S: AsRef<str>>(
        &self,
        ids: &'a [S],
        current: Option<&str>,
    ) -> Option<&'a str> {
        let start = current
            .and_then(|c| ids.iter().position(|id| id.as_ref() == c))
            .map_or(0, |i| i + 1);
        ids.iter()
            .cycle()
            .skip(start)
            .take(ids.len())
            .map(AsRef::as_ref)
            .find(|id| Some(*id) != current && self.mark_of(id).is_none())
    }

    /// The JSON to keep in browser storage under [`storage_key`] (compact, no titles).
    pub fn to_storage_json(&self, review: &Review) -> String {
        serde_json::to_string(&TriageFile::new(review, self, false)).unwrap_or_default()
    }

    /// Loads what [`Triage::to_storage_json`] wrote. Anything else — not JSON, another
    /// format or version, another report, or another version of this report — is an error
    /// with a message for the user; nothing here panics.
    pub fn from_storage_json(review: &Review, json: &str) -> Result<Triage, TriageError> {
        let file = TriageFile::parse(review, json)?;
        if file.report != content_hash(review) {
            return Err(TriageError::ReportChanged {
                slug: review.slug.clone(),
            });
        }
        Ok(file.into_triage())
    }

    fn tidy(&mut self, id: &str) {
        if self.marks.get(id).is_some_and(Entry::is_empty) {
            self.marks.remove(id);
        }
    }
}

/// The storage key for a report's marks: `deep-review/triage/v1/<slug>/<hash>`.
///
/// The slug alone is not enough: two bundles served from the same origin can hold different
/// reports with the same slug (re-runs, edited copies), and marks made on one must not show up
/// on the other. The hash ([`content_hash`]) covers the report's identity and its findings'
/// ids and titles — exactly what marks refer to — and deliberately not the bodies or the
/// parser's diagnostics, so marks survive a viewer update that renders the same report
/// differently, but not a change to the findings themselves.
pub fn storage_key(review: &Review) -> String {
    format!(
        "deep-review/triage/v1/{}/{}",
        review.slug,
        content_hash(review)
    )
}

/// A short (12 hex digits, 48-bit FNV-1a) hash of what identifies a report and its findings:
/// slug, date, repository, PR, round, and every finding's id and title, in order.
pub fn content_hash(review: &Review) -> String {
    let mut h = Fnv::default();
    h.field(&review.slug);
    h.field(&review.meta.date);
    h.field(review.meta.repo.as_ref().map_or("", |r| r.name.as_str()));
    h.field(
        &review
            .meta
            .pr
            .as_ref()
            .map_or(String::new(), |p| p.number.to_string()),
    );
    h.field(review.meta.round.as_ref().map_or("", |r| r.text.as_str()));
    for f in &review.findings {
        h.field(&f.id);
        h.field(&f.title);
    }
    format!("{:012x}", h.0 >> 16)
}

/// 64-bit FNV-1a over length-prefixed fields (so `("ab", "c")` ≠ `("a", "bc")`).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn field(&mut self, s: &str) {
        let len = (s.len() as u64).to_le_bytes();
        for b in len.iter().chain(s.as_bytes()) {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Why stored or imported triage data was not loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TriageError {
    /// Not JSON at all (or cut off).
    NotJson { message: String },
    /// JSON, but a value has the wrong shape; `path` is like `entries[2].mark`.
    Invalid { path: String, message: String },
    /// Not triage data, or a version this viewer does not read.
    WrongFormat { found: String },
    /// Marks of another report.
    WrongReport { expected: String, found: String },
    /// Stored marks of another version of this report (same slug, different findings).
    ReportChanged { slug: String },
}

impl fmt::Display for TriageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TriageError::NotJson { message } => write!(
                f,
                "The triage data is not valid JSON ({message}). Export it again from the viewer."
            ),
            TriageError::Invalid { path, message } if path.is_empty() => write!(
                f,
                "The triage data is invalid: {message}. Export it again from the viewer."
            ),
            TriageError::Invalid { path, message } => write!(
                f,
                "The triage data is invalid at `{path}`: {message}. Export it again from the \
                 viewer."
            ),
            TriageError::WrongFormat { found } if found.is_empty() => write!(
                f,
                "This JSON is not triage data from Deep Review Viewer (it has no \"schema\": \
                 \"{TRIAGE_SCHEMA}\")."
            ),
            TriageError::WrongFormat { found } => write!(
                f,
                "The triage data has format \"{found}\", but this viewer reads \
                 \"{TRIAGE_SCHEMA}\"; it was written by another version of the viewer or \
                 another tool."
            ),
            TriageError::WrongReport { expected, found } => write!(
                f,
                "These marks are for report \"{found}\", not for \"{expected}\"; open that \
                 report to use them."
            ),
            TriageError::ReportChanged { slug } => write!(
                f,
                "The saved marks for \"{slug}\" were made on a different version of this report \
                 (its findings changed), so they were not applied."
            ),
        }
    }
}

impl std::error::Error for TriageError {}

/// The result of [`import_json`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Entries for findings of this report.
    pub triage: Triage,
    /// Ids in the import that this report does not have (not applied), in import order.
    pub unknown_ids: Vec<String>,
    /// True when the marks were exported from a different version of this report.
    pub other_version: bool,
}

impl Imported {
    /// Messages to show after an import (empty when everything applied cleanly).
    pub fn notices(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.other_version {
            out.push(
                "These marks were exported from a different version of this report; check \
                 that they still fit."
                    .to_string(),
            );
        }
        if !self.unknown_ids.is_empty() {
            out.push(format!(
                "{} imported mark(s) refer to findings this report does not have and were not \
                 applied: {}.",
                self.unknown_ids.len(),
                self.unknown_ids.join(", ")
            ));
        }
        out
    }
}

/// Triage as JSON to hand to someone else: pretty, with finding titles for readers.
pub fn to_json(review: &Review, triage: &Triage) -> String {
    serde_json::to_string_pretty(&TriageFile::new(review, triage, true)).unwrap_or_default()
}

/// Reads what [`to_json`] (or [`Triage::to_storage_json`]) wrote, for this `review`. Marks of
/// another report, another format, or malformed data are errors; ids this report does not
/// have are listed in [`Imported::unknown_ids`], not applied.
pub fn import_json(review: &Review, json: &str) -> Result<Imported, TriageError> {
    let file = TriageFile::parse(review, json)?;
    let other_version = file.report != content_hash(review);
    let mut triage = Triage::default();
    let mut unknown_ids = Vec::new();
    for e in file.entries {
        if review.findings.iter().any(|f| f.id == e.id) {
            let entry = Entry {
                mark: e.mark,
                note: e.note,
            };
            if !entry.is_empty() {
                triage.marks.insert(e.id, entry);
            }
        } else if !unknown_ids.contains(&e.id) {
            unknown_ids.push(e.id);
        }
    }
    Ok(Imported {
        triage,
        unknown_ids,
        other_version,
    })
}

/// Triage as Markdown for a PR comment: a header naming the report, then the findings grouped
/// by mark (will fix, won't fix, discuss, duplicate, then untriaged), each group in report
/// order, empty groups left out. Each line: ``- **I2** Title — `path:lines` — note``.
pub fn to_markdown(review: &Review, triage: &Triage) -> String {
    let mut out = format!("## Triage: {}\n", review.slug);
    let mut context = Vec::new();
    if let Some(repo) = &review.meta.repo {
        context.push(repo.name.clone());
    }
    if let Some(pr) = &review.meta.pr {
        context.push(match &pr.url {
            Some(url) => format!("[PR #{}]({url})", pr.number),
            None => format!("PR #{}", pr.number),
        });
    }
    if let Some(round) = &review.meta.round {
        context.push(format!("Round {}", round.text));
    }
    if !context.is_empty() {
        out.push('\n');
        out.push_str(&context.join(" · "));
        out.push('\n');
    }
    let groups = Mark::ALL
        .into_iter()
        .map(|m| (m.label(), Some(m)))
        .chain([("Untriaged", None)]);
    for (label, mark) in groups {
        let members: Vec<&Finding> = review
            .findings
            .iter()
            .filter(|f| triage.mark_of(&f.id) == mark)
            .collect();
        if members.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {label} ({})\n\n", members.len()));
        for f in members {
            out.push_str(&markdown_line(f, triage.note_of(&f.id)));
        }
    }
    if review.findings.is_empty() {
        out.push_str("\nNo findings.\n");
    }
    out
}

fn markdown_line(f: &Finding, note: &str) -> String {
    let title = if f.title_md.trim().is_empty() {
        &f.title
    } else {
        &f.title_md
    };
    let mut line = format!("- **{}** {}", f.id, one_line(title));
    let locations: Vec<String> = f.locations.iter().map(location_code).collect();
    if !locations.is_empty() {
        line.push_str(" — ");
        line.push_str(&locations.join(", "));
    }
    let note = note.trim();
    if !note.is_empty() {
        // Continuation lines are indented so a multi-line note stays inside the list item.
        line.push_str(" — ");
        line.push_str(&note.lines().collect::<Vec<_>>().join("\n  "));
    }
    line.push('\n');
    line
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `` `path:10-12` ``, `` `path:10` `` or `` `path` `` (the written text when there is no path).
fn location_code(loc: &Location) -> String {
    let text = if loc.path.is_empty() {
        loc.text.clone()
    } else {
        match (loc.start_line, loc.end_line) {
            (Some(s), Some(e)) if e != s => format!("{}:{s}-{e}", loc.path),
            (Some(s), _) => format!("{}:{s}", loc.path),
            _ => loc.path.clone(),
        }
    };
    let text = one_line(&text);
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// The on-disk / exported form.
#[derive(Serialize, Deserialize)]
struct TriageFile {
    schema: String,
    slug: String,
    /// [`content_hash`] of the report the marks were made on.
    report: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pr: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    round: Option<u32>,
    #[serde(default)]
    entries: Vec<FileEntry>,
}

#[derive(Serialize, Deserialize)]
struct FileEntry {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mark: Option<Mark>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    /// For human readers of an export; ignored on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
}

impl TriageFile {
    fn new(review: &Review, triage: &Triage, with_titles: bool) -> TriageFile {
        let title_of = |id: &str| {
            review
                .findings
                .iter()
                .find(|f| f.id == id)
                .map(|f| f.title.clone())
        };
        TriageFile {
            schema: TRIAGE_SCHEMA.to_string(),
            slug: review.slug.clone(),
            report: content_hash(review),
            pr: review.meta.pr.as_ref().map(|p| p.number),
            round: review.meta.round.as_ref().map(|r| r.number),
            entries: triage
                .marks
                .iter()
                .map(|(id, e)| FileEntry {
                    id: id.clone(),
                    mark: e.mark,
                    note: e.note.clone(),
                    title: if with_titles { title_of(id) } else { None },
                })
                .collect(),
        }
    }

    /// Parses and checks format, version and slug before reading the rest.
    fn parse(review: &Review, json: &str) -> Result<TriageFile, TriageError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| TriageError::NotJson {
                message: e.to_string(),
            })?;
        let text_of = |key: &str| match value.get(key) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        let schema = text_of("schema");
        let major = schema
            .strip_prefix(TRIAGE_SCHEMA_NAME)
            .and_then(|v| v.split('.').next())
            .and_then(|v| v.parse::<u32>().ok());
        if major != Some(TRIAGE_SCHEMA_MAJOR) {
            return Err(TriageError::WrongFormat { found: schema });
        }
        let slug = text_of("slug");
        if slug != review.slug {
            return Err(TriageError::WrongReport {
                expected: review.slug.clone(),
                found: slug,
            });
        }
        // The field's path only with the `json-paths` feature (see parse::json::read_review).
        #[cfg(feature = "json-paths")]
        let read = serde_path_to_error::deserialize(value)
            .map_err(|e| (e.path().to_string(), e.into_inner()));
        #[cfg(not(feature = "json-paths"))]
        let read = TriageFile::deserialize(value).map_err(|e| (String::new(), e));
        read.map_err(|(path, e)| TriageError::Invalid {
            path,
            message: e.to_string(),
        })
    }

    fn into_triage(self) -> Triage {
        let mut triage = Triage::default();
        for e in self.entries {
            let entry = Entry {
                mark: e.mark,
                note: e.note,
            };
            if !entry.is_empty() {
                triage.marks.insert(e.id, entry);
            }
        }
        triage
    }
}

#[cfg(test)]
mod tests;
