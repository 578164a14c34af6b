//! The Deep Review model and its JSON form (`"schema": "deep-review/1"`, DESIGN.md §2).
//!
//! Everything here is plain data with serde. JSON uses snake_case; optional fields are omitted
//! when absent and default when missing, so Markdown → JSON → model is lossless.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The schema tag written into every JSON review.
pub const SCHEMA: &str = "deep-review/1";

/// The major version of [`SCHEMA`]; a JSON file with another major version is refused.
pub const SCHEMA_MAJOR: u32 = 1;

/// One Deep Review report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub schema: String,
    /// `20260322-142409-pr-242` from `# Deep Review: <slug>`.
    pub slug: String,
    /// The H1 text.
    pub title: String,
    pub meta: Meta,
    #[serde(default)]
    pub summary_md: String,
    /// Consolidated findings only, in document order.
    #[serde(default)]
    pub findings: Vec<Finding>,
    #[serde(default)]
    pub strengths: Vec<Strength>,
    /// Every other consolidated section, in document order (testing, documentation, commit
    /// structure, limitations, unresolved feedback, status, resolution, unknown sections …).
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub retro: Retro,
    #[serde(default)]
    pub process_notes_md: String,
    #[serde(default)]
    pub appendix: Vec<AppendixEntry>,
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

impl Default for Review {
    fn default() -> Self {
        Review {
            schema: SCHEMA.to_string(),
            slug: String::new(),
            title: String::new(),
            meta: Meta::default(),
            summary_md: String::new(),
            findings: Vec::new(),
            strengths: Vec::new(),
            sections: Vec::new(),
            retro: Retro::default(),
            process_notes_md: String::new(),
            appendix: Vec::new(),
            diagnostics: Vec::new(),
        }
    }
}

/// The header block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// `2026-03-22T14:24` or `2026-03-22` (local time, no zone).
    #[serde(default)]
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<Repo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<Round>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pr: Option<PullRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_sha: Option<String>,
    #[serde(default)]
    pub commits: Vec<Commit>,
    #[serde(default)]
    pub reviewers: Vec<Reviewer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall_clock_seconds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Header rows with keys not modelled above (`Target`, `Kind`, …), verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repo {
    /// `lima-vm/lima`
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// The leading integer of the Round cell.
    pub number: u32,
    /// The qualifier in `2 (of PR #4637)`: `PR #4637`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// The cell as written.
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// `jandubois` (without `@`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullRequest {
    pub number: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commit {
    pub sha: String,
    pub subject: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewer {
    /// Display name as written: `Claude Opus 4.7`.
    pub name: String,
    /// `Claude`, `Codex`, `Gemini`, `Qwen`, `Gemma`, `GLM`, … (see [`family_of`]).
    pub family: String,
    /// `xhigh` from `(effort: xhigh — dropped, see retro)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<String>,
    /// Any other annotation: `dropped, see retro`, `produced no output — quota exhausted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// `Merge with fixes`, `Merge as-is`, `Rework`, …
    pub label: String,
    /// The explanation after the label (Markdown).
    #[serde(default)]
    pub text: String,
}

impl Verdict {
    /// A coarse class for colouring and filtering.
    pub fn class(&self) -> VerdictClass {
        let l = self.label.to_ascii_lowercase();
        if l.contains("rework") || l.contains("request changes") || l.contains("block") {
            VerdictClass::Rework
        } else if l.contains("fix") || l.contains("changes") || l.contains("after") {
            VerdictClass::MergeWithFixes
        } else if l.contains("merge") || l.contains("approve") {
            VerdictClass::Merge
        } else {
            VerdictClass::Other
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictClass {
    Merge,
    MergeWithFixes,
    Rework,
    Other,
}

impl VerdictClass {
    pub fn as_str(self) -> &'static str {
        match self {
            VerdictClass::Merge => "merge",
            VerdictClass::MergeWithFixes => "merge-with-fixes",
            VerdictClass::Rework => "rework",
            VerdictClass::Other => "other",
        }
    }
}

/// One consolidated finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable within the report: `C1`, `I2`, `S3`, `D1`.
    pub id: String,
    pub severity: Severity,
    /// Plain text, Markdown stripped.
    pub title: String,
    pub title_md: String,
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub locations: Vec<Location>,
    /// As written: `Claude Opus 4.6`, `Consolidator`.
    #[serde(default)]
    pub agents: Vec<String>,
    /// Agents of `agents` that found it only in a later pass of a multi-pass run, as written
    /// after the finders: `[Gemini 3.1 Pro] (pass 3: [Claude Opus 4.6])`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub later_passes: Vec<AgentPass>,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_note: Option<String>,
    /// Cross-round references written in the text (`round 6 S3`).
    #[serde(default)]
    pub refs: Vec<FindingRef>,
    #[serde(default)]
    pub body_md: String,
    /// 1-based line in the source where the finding starts.
    #[serde(default)]
    pub line: u32,
}

/// An agent that raised a finding in a later pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentPass {
    pub agent: String,
    pub pass: u32,
}

/// The resolution of a finding as the report words it (see [`Finding::resolution`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The word as written: `Fixed`, `Commented`, `Test written`, `Skipped`, or the status.
    pub word: String,
    /// The report says the code was changed for it (not merely commented on or documented).
    pub fixed: bool,
}

/// Resolution words of Resolution tables and `**Fixed.**` lines, longest first.
const RESOLUTION_WORDS: [&str; 14] = [
    "Documentation updated",
    "Documentation drafted",
    "Tests written",
    "Test written",
    "Documented",
    "Addressed",
    "Commented",
    "Withdrawn",
    "Won't fix",
    "Resolved",
    "Deferred",
    "Declined",
    "Skipped",
    "Fixed",
];

impl Finding {
    /// A finding with only its id and severity: open, untitled, no agents, locations or body
    /// (fill the rest with struct update syntax, `Finding { title, ..Finding::new(id, sev) }`).
    pub fn new(id: impl Into<String>, severity: Severity) -> Finding {
        Finding {
            id: id.into(),
            severity,
            title: String::new(),
            title_md: String::new(),
            kinds: Vec::new(),
            locations: Vec::new(),
            agents: Vec::new(),
            later_passes: Vec::new(),
            status: Status::Open,
            status_note: None,
            refs: Vec::new(),
            body_md: String::new(),
            line: 0,
        }
    }

    /// How the report words this finding's resolution: the word its Resolution row or status
    /// line uses (`Commented` stays `Commented`, it is not `Fixed`), else the status; `None`
    /// for an open finding.
    pub fn resolution(&self) -> Option<Resolution> {
        if self.status == Status::Open {
            return None;
        }
        let note = self.status_note.as_deref().unwrap_or("").trim();
        let written = RESOLUTION_WORDS.iter().find(|w| {
            note.len() >= w.len()
                && note.is_char_boundary(w.len())
                && note[..w.len()].eq_ignore_ascii_case(w)
                && note[w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        });
        let word = match written {
            Some(w) => note[..w.len()].to_string(),
            None => {
                let s = self.status.as_str();
                let mut c = s.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        };
        let lower = word.to_ascii_lowercase();
        let fixed = self.status == Status::Resolved
            && !matches!(lower.as_str(), "commented" | "documented")
            && !lower.starts_with("documentation");
        Some(Resolution { word, fixed })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    Important,
    Suggestion,
    Design,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::Important,
        Severity::Suggestion,
        Severity::Design,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Important => "important",
            Severity::Suggestion => "suggestion",
            Severity::Design => "design",
        }
    }

    /// Section heading used by the reports: `Critical`, `Important`, `Suggestions`, `Design`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Critical => "Critical",
            Severity::Important => "Important",
            Severity::Suggestion => "Suggestions",
            Severity::Design => "Design observations",
        }
    }

    /// The id prefix letter: `C`, `I`, `S`, `D`.
    pub fn letter(self) -> char {
        match self {
            Severity::Critical => 'C',
            Severity::Important => 'I',
            Severity::Suggestion => 'S',
            Severity::Design => 'D',
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "critical" | "c" => Some(Severity::Critical),
            "important" | "i" => Some(Severity::Important),
            "suggestion" | "suggestions" | "s" => Some(Severity::Suggestion),
            "design" | "d" => Some(Severity::Design),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Open,
    Resolved,
    Deferred,
    Demoted,
    Dropped,
    Declined,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Open,
        Status::Resolved,
        Status::Deferred,
        Status::Demoted,
        Status::Dropped,
        Status::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Resolved => "resolved",
            Status::Deferred => "deferred",
            Status::Demoted => "demoted",
            Status::Dropped => "dropped",
            Status::Declined => "declined",
        }
    }

    /// Still to be dealt with: open or deferred (not resolved, declined, dropped or demoted).
    pub fn is_open(self) -> bool {
        matches!(self, Status::Open | Status::Deferred)
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s.trim().to_ascii_lowercase())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    /// As written (without backticks).
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRef {
    /// The round named in the text; `None` for a reference within the same report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    /// `S3`, `I1`.
    pub id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strength {
    pub text_md: String,
    #[serde(default)]
    pub agents: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// A stable slug: `testing-assessment`, `resolution`, …
    pub id: String,
    pub heading: String,
    pub body_md: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retro {
    #[serde(default)]
    pub agents: Vec<RetroAgent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<Table>,
    #[serde(default)]
    pub notes_md: String,
    /// The section's heading as the author wrote it (`Agent Performance Retro`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub heading: String,
    /// The parts in the author's order: prose written above the table stays above it, the
    /// table keeps the heading written over it. Empty when not known (then: agents, table,
    /// notes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<RetroPart>,
}

/// One part of a retro section, in order (see [`Retro::order`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "part", rename_all = "lowercase")]
pub enum RetroPart {
    /// `agents[index]`.
    Agent { index: usize },
    /// The summary table, with the heading written right above it (`Summary Table`).
    Table {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        heading: Option<String>,
    },
    /// Prose (Markdown), headings included.
    Notes { md: String },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetroAgent {
    pub name: String,
    pub family: String,
    pub notes_md: String,
}

/// A table as written: `columns` is the header row, each row has the same number of cells.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppendixEntry {
    pub agent: String,
    pub family: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass: Option<u32>,
    pub body_md: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub level: Level,
    /// 1-based source line (0 when not tied to a line).
    pub line: u32,
    pub message: String,
}

/// The family of an agent display name: the first word (`Claude Opus 4.7` → `Claude`),
/// `GLM-4.7 Flash` → `GLM`, `Gemma4 31B` → `Gemma`, `Qwen3 Coder Next` → `Qwen`;
/// brackets and backticks are ignored.
pub fn family_of(name: &str) -> String {
    let cleaned = name
        .trim()
        .trim_matches(|c| c == '[' || c == ']' || c == '`');
    let first = cleaned.split_whitespace().next().unwrap_or("");
    let alpha: String = first.chars().take_while(|c| c.is_alphabetic()).collect();
    if alpha.is_empty() {
        first.to_string()
    } else {
        alpha
    }
}

/// Agent families known without a report's header (its `Reviewers` row adds more). The first
/// [`MAIN_FAMILIES`] are the Deep Review tool's own reviewers, in the order of their colour
/// slots in the app.
pub const FAMILIES: [&str; 14] = [
    "Claude",
    "Codex",
    "Gemini",
    "Qwen",
    "Gemma",
    "GLM",
    "GPT",
    "Consolidator",
    "Copilot",
    "Grok",
    "Llama",
    "Mistral",
    "DeepSeek",
    "Kimi",
];

/// How many of [`FAMILIES`] are the tool's own reviewer families.
pub const MAIN_FAMILIES: usize = 6;

/// Counts per severity and per status, used by the index and the summary bar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub critical: u32,
    pub important: u32,
    pub suggestion: u32,
    pub design: u32,
    #[serde(default)]
    pub by_status: BTreeMap<String, u32>,
    /// Findings still open ([`Status::is_open`]) per severity. `None` in an index written
    /// before this field existed: then every finding counts as open ([`Counts::open`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<OpenCounts>,
}

/// Open findings per severity (see [`Counts::open`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCounts {
    pub critical: u32,
    pub important: u32,
    pub suggestion: u32,
    pub design: u32,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        let mut open = OpenCounts::default();
        for f in findings {
            *c.severity_mut(f.severity) += 1;
            *c.by_status
                .entry(f.status.as_str().to_string())
                .or_default() += 1;
            if f.status.is_open() {
                *match f.severity {
                    Severity::Critical => &mut open.critical,
                    Severity::Important => &mut open.important,
                    Severity::Suggestion => &mut open.suggestion,
                    Severity::Design => &mut open.design,
                } += 1;
            }
        }
        c.open = Some(open);
        c
    }

    /// Findings of severity `s` still open; all of them when the index does not say.
    pub fn open(&self, s: Severity) -> u32 {
        match &self.open {
            None => self.severity(s),
            Some(o) => match s {
                Severity::Critical => o.critical,
                Severity::Important => o.important,
                Severity::Suggestion => o.suggestion,
                Severity::Design => o.design,
            },
        }
    }

    /// Findings of severity `s` no longer open (resolved, declined, dropped, demoted).
    pub fn closed(&self, s: Severity) -> u32 {
        self.severity(s).saturating_sub(self.open(s))
    }

    pub fn severity(&self, s: Severity) -> u32 {
        match s {
            Severity::Critical => self.critical,
            Severity::Important => self.important,
            Severity::Suggestion => self.suggestion,
            Severity::Design => self.design,
        }
    }

    fn severity_mut(&mut self, s: Severity) -> &mut u32 {
        match s {
            Severity::Critical => &mut self.critical,
            Severity::Important => &mut self.important,
            Severity::Suggestion => &mut self.suggestion,
            Severity::Design => &mut self.design,
        }
    }
}

/// `deep-review index DIR` output and `public/reviews/index.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub schema: String,
    pub reports: Vec<IndexEntry>,
    #[serde(default)]
    pub skipped: Vec<Skipped>,
    /// Documents of other kinds on the same branch (Supply Chain Scan, CI Failures), shown as
    /// plain Markdown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentEntry>,
    /// What became of every finding of the reports, their rounds threaded at index time
    /// (`scoreboard::outcomes`), so the agent scoreboard does not diff the bundled rounds again
    /// in the browser. Absent in indexes written before it; ignored when its version is not
    /// [`OUTCOMES_VERSION`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcomes: Option<Outcomes>,
}

/// The version of [`Outcomes`] this build writes and reads: raised whenever threading the
/// same reports can give other outcomes (`scripts/test` also fails on a bundled index that
/// differs from a fresh one).
pub const OUTCOMES_VERSION: u32 = 1;

/// The threads of an index's reports and the fate of each finding (`index.json` → `outcomes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcomes {
    pub version: u32,
    pub threads: Vec<ThreadOutcome>,
}

/// One thread (the reports of one PR): its reports in round order, by slug; per report and
/// finding (in report order) the number of its issue within the thread; per issue its fate
/// (`fixed`, `declined`, `dropped`, `demoted`, `not_raised`, `open`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadOutcome {
    pub reports: Vec<String>,
    pub issues: Vec<Vec<u32>>,
    pub fates: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub slug: String,
    /// Relative to the indexed directory, `/`-separated.
    pub path: String,
    pub title: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<Repo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pr: Option<PullRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<Round>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    pub counts: Counts,
    #[serde(default)]
    pub reviewers: Vec<Reviewer>,
}

impl IndexEntry {
    pub fn of(review: &Review, path: &str) -> IndexEntry {
        IndexEntry {
            slug: review.slug.clone(),
            path: path.to_string(),
            title: review.title.clone(),
            date: review.meta.date.clone(),
            repo: review.meta.repo.clone(),
            pr: review.meta.pr.clone(),
            branch: review.meta.branch.clone(),
            round: review.meta.round.clone(),
            verdict: review.meta.verdict.clone(),
            counts: Counts::of(&review.findings),
            reviewers: review.meta.reviewers.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// One document of the index that is not a Deep Review (a Supply Chain Scan, a CI failure
/// report): listed and rendered as plain Markdown (`crate::document`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEntry {
    /// Relative to the indexed directory, `/`-separated.
    pub path: String,
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub date: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_words_are_kept_as_written() {
        let f = |status, note: Option<&str>| Finding {
            status,
            status_note: note.map(str::to_string),
            ..Finding::new("I1", Severity::Important)
        };
        let r = |status, note| f(status, note).resolution().map(|r| (r.word, r.fixed));
        assert_eq!(r(Status::Open, None), None);
        assert_eq!(
            r(Status::Resolved, Some("Commented: documented in code")),
            Some(("Commented".into(), false))
        );
        assert_eq!(
            r(Status::Resolved, Some("Fixed")),
            Some(("Fixed".into(), true))
        );
        assert_eq!(
            r(Status::Resolved, Some("Test written")),
            Some(("Test written".into(), true))
        );
        assert_eq!(
            r(Status::Resolved, Some("Documentation updated")),
            Some(("Documentation updated".into(), false))
        );
        assert_eq!(
            r(Status::Declined, Some("Skipped: Not worth it")),
            Some(("Skipped".into(), false))
        );
        assert_eq!(r(Status::Resolved, None), Some(("Resolved".into(), true)));
        assert_eq!(
            r(Status::Demoted, Some("DOWNGRADED from CRITICAL")),
            Some(("Demoted".into(), false))
        );
        assert_eq!(
            r(Status::Resolved, Some("Fixedly")),
            Some(("Resolved".into(), true))
        );
    }

    #[test]
    fn families_from_display_names() {
        assert_eq!(family_of("Claude Opus 4.7"), "Claude");
        assert_eq!(family_of("[Codex GPT 5.4]"), "Codex");
        assert_eq!(family_of("GLM-4.7 Flash"), "GLM");
        assert_eq!(family_of("Gemma4 31B"), "Gemma");
        assert_eq!(family_of("Qwen3 Coder Next"), "Qwen");
        assert_eq!(family_of("Consolidator"), "Consolidator");
    }

    #[test]
    fn enums_use_the_schema_spelling() {
        assert_eq!(
            serde_json::to_string(&Severity::Suggestion).unwrap(),
            "\"suggestion\""
        );
        assert_eq!(
            serde_json::to_string(&Status::Declined).unwrap(),
            "\"declined\""
        );
        assert_eq!(Severity::parse("Suggestions"), Some(Severity::Suggestion));
        assert_eq!(Status::parse("Deferred"), Some(Status::Deferred));
    }

    #[test]
    fn counts_by_severity_and_status() {
        let mk = |sev, status| Finding {
            status,
            ..Finding::new("", sev)
        };
        let c = Counts::of(&[
            mk(Severity::Important, Status::Open),
            mk(Severity::Important, Status::Resolved),
            mk(Severity::Design, Status::Open),
        ]);
        assert_eq!((c.critical, c.important, c.design), (0, 2, 1));
        assert_eq!(c.by_status.get("open"), Some(&2));
        assert_eq!(c.by_status.get("resolved"), Some(&1));
    }

    #[test]
    fn verdict_classes() {
        let v = |l: &str| Verdict {
            label: l.into(),
            text: String::new(),
        };
        assert_eq!(v("Merge as-is").class(), VerdictClass::Merge);
        assert_eq!(v("Merge with fixes").class(), VerdictClass::MergeWithFixes);
        assert_eq!(v("Rework").class(), VerdictClass::Rework);
    }
}
