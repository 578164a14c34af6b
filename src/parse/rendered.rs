//! The rendered-text form (FORMAT.md §16): the visible text of a published HTML report page,
//! copied from the browser and pasted. Markup is gone: header rows are `KeyValue` lines, headings
//! are bare lines, finding titles carry the agents' names glued at the end, locations and tables
//! are lost. This module recovers what it can and says what is missing.

use super::{header, xref, ParseError};
use crate::model::{
    family_of, Diagnostic, Finding, Level, Meta, Retro, RetroAgent, Review, Reviewer, Section,
    Severity, Status, Strength, Table,
};

/// The first line of a rendered page: `Deep Review: <slug>`.
const TITLE_PREFIX: &str = "Deep Review: ";

/// The warning attached to every review parsed from page text.
pub const LOSSY_WARNING: &str = "This is text copied from a published report page, not the \
report file: finding locations, code formatting and tables (the agent retro) are lost, and there \
is no appendix. Open the report's Markdown (.md) file for the full report.";

/// Header keys as the page shows them, glued to their values (`Date2026-03-19 17:37`).
const HEADER_KEYS: [&str; 15] = [
    "Wall-clock time",
    "Review SHA",
    "Reviewers",
    "Commits",
    "Verdict",
    "Updated",
    "Target",
    "Author",
    "Branch",
    "Round",
    "Repo",
    "Mode",
    "Date",
    "Kind",
    "PR",
];

/// Agent families, used when the header names no reviewers.
const KNOWN_FAMILIES: [&str; 6] = ["Claude", "Codex", "Gemini", "Qwen", "Gemma", "GLM"];

/// Kinds that may appear alone in a `(…)` tag (without a severity first).
const KNOWN_KINDS: [&str; 8] = [
    "regression",
    "gap",
    "enhancement",
    "in-scope",
    "future",
    "pre-existing",
    "out-of-scope",
    "code clarity",
];

/// Lines that are sub-headings inside a section; shown as bold paragraphs.
const SUBHEADINGS: [&str; 15] = [
    "Summary",
    "Summary Table",
    "Reconciliation",
    "Overall Assessment",
    "Per-Agent Assessment",
    "Verified against current code",
    "Skill improvements",
    "Repo context updates",
    "Prompt adjustments",
    "Coverage gaps",
    "Process improvements",
    "Declined in prior rounds",
    "Carried in the code",
    "Standing limitations (documented, in scope)",
    "Concerns",
];

/// Sub-headings that start the retro's report-level notes (rather than an agent's notes).
const RETRO_SUBHEADINGS: [&str; 6] = [
    "Summary",
    "Summary Table",
    "Reconciliation",
    "Overall Assessment",
    "Per-Agent Assessment",
    "Verified against current code",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// `Consolidated Review`, `Findings`: a wrapper around the sections that follow.
    Wrapper,
    Summary,
    Findings(Severity),
    Design,
    Retro,
    ProcessNotes,
    /// Any other known section (testing, documentation, limitations …).
    Other,
}

/// Section heading lines, matched whole (ASCII case-insensitive).
const HEADINGS: [(&str, Kind); 27] = [
    ("Consolidated Review", Kind::Wrapper),
    ("Findings", Kind::Wrapper),
    ("Consolidated Findings", Kind::Wrapper),
    ("Executive Summary", Kind::Summary),
    ("Critical Issues", Kind::Findings(Severity::Critical)),
    ("Critical Findings", Kind::Findings(Severity::Critical)),
    ("Important Issues", Kind::Findings(Severity::Important)),
    ("Important Findings", Kind::Findings(Severity::Important)),
    ("Suggestions", Kind::Findings(Severity::Suggestion)),
    ("Design Observations", Kind::Design),
    ("Testing Assessment", Kind::Other),
    ("Documentation Assessment", Kind::Other),
    ("Commit Structure", Kind::Other),
    ("Acknowledged Limitations", Kind::Other),
    ("Unresolved Feedback", Kind::Other),
    ("Status", Kind::Other),
    ("Addressed", Kind::Other),
    ("Prior-Round Fixes Verified", Kind::Other),
    ("Coverage Summary", Kind::Other),
    ("Resolution", Kind::Other),
    ("Agent Performance Retro", Kind::Retro),
    ("Review Process Notes", Kind::ProcessNotes),
    ("Improvement Recommendations", Kind::ProcessNotes),
    ("Skill Improvement Recommendations", Kind::ProcessNotes),
    ("Appendix: Original Reviews", Kind::Other),
    ("Appendix: Per-Agent Reviews", Kind::Other),
    ("Appendix", Kind::Other),
];

/// A source line: 1-based number and text (without trailing white space).
type Line<'a> = (u32, &'a str);

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// True when the text looks like a copied HTML page rather than Markdown: its first non-blank
/// line starts with `Deep Review: ` and its first lines hold no Markdown heading markers, table
/// pipes or bold keys.
pub fn looks_rendered(text: &str) -> bool {
    let mut lines = strip_bom(text)
        .lines()
        .map(str::trim_start)
        .skip_while(|l| l.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    first.starts_with(TITLE_PREFIX)
        && !lines
            .take(30)
            .any(|l| l.starts_with('#') || l.starts_with('|') || l.starts_with("**"))
}

/// Parse the visible text of a published report page (FORMAT.md §16).
pub fn parse_rendered(text: &str) -> Result<Review, ParseError> {
    let text = strip_bom(text);
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (u32::try_from(i + 1).unwrap_or(u32::MAX), l.trim_end()))
        .collect();
    let Some(start) = lines.iter().position(|(_, l)| !l.trim().is_empty()) else {
        return Err(ParseError::Empty);
    };
    let first = lines.get(start).map_or("", |(_, l)| l.trim());
    let Some(slug) = first.strip_prefix(TITLE_PREFIX.trim_end()) else {
        return Err(ParseError::NotADeepReview {
            kind: None,
            first_line: super::first_line(text),
        });
    };
    let rest = lines.get(start + 1..).unwrap_or(&[]);
    let (meta, header_len, mut diagnostics) = parse_header(rest);
    diagnostics.insert(
        0,
        Diagnostic {
            level: Level::Warning,
            line: 0,
            message: LOSSY_WARNING.to_string(),
        },
    );
    let mut parser = Parser {
        agents: AgentNames::new(&meta.reviewers),
        review: Review {
            slug: slug.trim().to_string(),
            title: first.to_string(),
            meta,
            diagnostics,
            ..Review::default()
        },
        ids: Default::default(),
    };
    for segment in segments(rest.get(header_len..).unwrap_or(&[])) {
        parser.segment(&segment);
    }
    Ok(parser.review)
}

// ---------------------------------------------------------------------------------------------
// Header

/// Parse the `KeyValue` header lines; returns the meta, the number of lines consumed and
/// diagnostics for lines that could not be read.
fn parse_header(lines: &[Line]) -> (Meta, usize, Vec<Diagnostic>) {
    let mut meta = Meta::default();
    let mut diagnostics = Vec::new();
    let mut seen_key = false;
    let mut in_commits = false;
    let mut i = 0;
    while let Some(&(no, line)) = lines.get(i) {
        let t = line.trim();
        if t.is_empty() {
            if seen_key {
                break;
            }
            i += 1;
            continue;
        }
        if in_commits {
            let commits = header::commits(t);
            if !commits.is_empty() && commits.iter().all(|c| !c.sha.is_empty()) {
                meta.commits.extend(commits);
                i += 1;
                continue;
            }
        }
        let Some((key, value)) = header_key(t) else {
            break;
        };
        seen_key = true;
        in_commits = key == "Commits";
        apply_header(&mut meta, key, value, no, &mut diagnostics);
        i += 1;
    }
    if !seen_key {
        diagnostics.push(Diagnostic {
            level: Level::Warning,
            line: 0,
            message: "no header lines (Date, Reviewers, Verdict …) were found after the title"
                .to_string(),
        });
    }
    (meta, i, diagnostics)
}

/// Split a header line into its known key and the value glued to it. Tabs or a colon that a
/// browser may put between the cells are dropped.
fn header_key(line: &str) -> Option<(&'static str, &str)> {
    HEADER_KEYS.iter().find_map(|&key| {
        line.strip_prefix(key)
            .map(|v| (key, v.trim_start_matches([':', '\t', ' '])))
    })
}

/// One header line's value onto `meta`, read by the same value parsers as the Markdown header
/// (`header::apply_value`); only the G2-era family-name pills need their own reading here.
fn apply_header(meta: &mut Meta, key: &str, value: &str, line: u32, diags: &mut Vec<Diagnostic>) {
    let value = value.trim();
    match key {
        "Reviewers" if is_family_pills(value) => meta.reviewers = family_pills(value),
        // One commit per line: the first is glued to the key, the rest follow (parse_header).
        "Commits" => meta.commits.extend(header::commits(value)),
        _ => {
            if let Some(warning) =
                header::apply_value(meta, key, &key.to_ascii_lowercase(), value, value)
            {
                diags.push(Diagnostic {
                    level: Level::Warning,
                    line,
                    message: format!("{warning} (the {key} line “{value}”)"),
                });
            }
        }
    }
}

/// The leading integer of `s` and the rest.
fn leading_number(s: &str) -> Option<(u64, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let n = s.get(..end)?.parse().ok()?;
    Some((n, s.get(end..).unwrap_or("")))
}

/// Split on the first ` — ` or ` -- `.
fn split_dash(s: &str) -> Option<(&str, &str)> {
    [" — ", " -- "]
        .iter()
        .filter_map(|sep| s.find(sep).map(|i| (i, sep.len())))
        .min()
        .and_then(|(i, len)| Some((s.get(..i)?.trim(), s.get(i + len..)?.trim())))
}

/// G2-era reviewer pills are family names only, space-separated: `Claude Codex Gemini`.
fn is_family_pills(value: &str) -> bool {
    !value.contains([',', ';', '(']) && !value.contains(|c: char| c.is_ascii_digit())
}

fn family_pills(value: &str) -> Vec<Reviewer> {
    value
        .split_whitespace()
        .map(|name| Reviewer {
            name: name.to_string(),
            family: family_of(name),
            effort: None,
            note: None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Sections

struct Segment<'a> {
    heading: &'a str,
    kind: Kind,
    lines: &'a [Line<'a>],
}

fn heading_kind(line: &str) -> Option<Kind> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    let t = line.trim();
    HEADINGS
        .iter()
        .find(|(h, _)| h.eq_ignore_ascii_case(t))
        .map(|&(_, k)| k)
}

/// Cut the body into segments at known heading lines; text before the first heading is a
/// segment with an empty heading.
fn segments<'a>(lines: &'a [Line<'a>]) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut heading = "";
    let mut kind = Kind::Other;
    let mut start = 0;
    for (i, &(_, line)) in lines.iter().enumerate() {
        if let Some(k) = heading_kind(line) {
            out.push(Segment {
                heading,
                kind,
                lines: lines.get(start..i).unwrap_or(&[]),
            });
            heading = line.trim();
            kind = k;
            start = i + 1;
        }
    }
    out.push(Segment {
        heading,
        kind,
        lines: lines.get(start..).unwrap_or(&[]),
    });
    out
}

/// Agent names that may be glued to the end of a title, longest first, each with the name to
/// record: a family pill (`Claude`) becomes the reviewer's display name when only one reviewer
/// has that family.
struct AgentNames {
    candidates: Vec<(String, String)>,
    families: Vec<String>,
}

impl AgentNames {
    fn new(reviewers: &[Reviewer]) -> AgentNames {
        let mut candidates: Vec<(String, String)> = Vec::new();
        let mut add = |written: &str, display: &str| {
            if !written.is_empty() && !candidates.iter().any(|(w, _)| w == written) {
                candidates.push((written.to_string(), display.to_string()));
            }
        };
        for r in reviewers {
            add(&r.name, &r.name);
        }
        for r in reviewers {
            let same_family = reviewers.iter().filter(|o| o.family == r.family).count();
            add(
                &r.family,
                if same_family == 1 { &r.name } else { &r.family },
            );
        }
        if reviewers.is_empty() {
            for f in KNOWN_FAMILIES {
                add(f, f);
            }
        }
        add("Consolidator", "Consolidator");
        candidates.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut families: Vec<String> = reviewers.iter().map(|r| r.family.clone()).collect();
        if families.is_empty() {
            families = KNOWN_FAMILIES.iter().map(|f| f.to_string()).collect();
        }
        AgentNames {
            candidates,
            families,
        }
    }

    /// One agent name at the end of `s` (after white space), and what precedes it.
    fn strip_last<'s>(&self, s: &'s str) -> Option<(String, &'s str)> {
        self.candidates.iter().find_map(|(written, display)| {
            let before = s.strip_suffix(written.as_str())?;
            let kept = before.trim_end_matches([' ', '\t', ',']);
            (before.ends_with([' ', '\t']) && !kept.trim().is_empty())
                .then(|| (display.clone(), kept))
        })
    }

    /// A paragraph that starts with an agent's name and a dash: `Claude — Found I2 …`.
    fn lead<'s>(&self, line: &'s str) -> Option<(&str, &'s str)> {
        self.candidates.iter().find_map(|(written, _)| {
            let rest = line.strip_prefix(written.as_str())?;
            [" — ", " -- ", ": "]
                .iter()
                .find_map(|sep| rest.strip_prefix(sep))
                .filter(|r| !r.trim().is_empty())
                .map(|r| (written.as_str(), r))
        })
    }

    /// A retro sub-heading naming one agent: `Claude Opus 4.6`, `Codex`, `Gemini 3.1 Pro`.
    fn is_agent_heading(&self, line: &str) -> bool {
        let words: Vec<&str> = line.split_whitespace().collect();
        (1..=4).contains(&words.len())
            && !line.contains([',', ';', ':'])
            && !line.ends_with('.')
            && self.families.contains(&family_of(line))
            && words.iter().skip(1).all(|w| {
                w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '—')
            })
    }
}

/// What a finding's title line holds besides the title.
#[derive(Default)]
struct TitleParts {
    title: String,
    agents: Vec<String>,
    kinds: Vec<String>,
    status: Option<(Status, String)>,
}

/// The text inside a trailing `(…)` group and what precedes it.
fn trailing_paren(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_suffix(')')?;
    let mut depth = 0usize;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some((body.get(i + 1..)?, body.get(..i)?.trim_end())),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `(important, regression)` → `["regression"]`; `(in-scope)` → `["in-scope"]`;
/// `(suggestion, regression — round 1 S4 unaddressed)` → `["regression"]`.
fn tag_kinds(inner: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    let clean = |p: &str| {
        split_dash(p)
            .map_or(p, |(k, _)| k)
            .trim()
            .trim_matches('*')
            .to_string()
    };
    let (first, rest) = parts.split_first()?;
    if first.len() > 1 && Severity::parse(first).is_some() {
        return Some(
            rest.iter()
                .map(|p| clean(p))
                .filter(|k| !k.is_empty())
                .collect(),
        );
    }
    let kinds: Vec<String> = parts.iter().map(|p| clean(p)).collect();
    kinds
        .iter()
        .all(|k| KNOWN_KINDS.contains(&k.to_ascii_lowercase().as_str()))
        .then_some(kinds)
}

/// A title-line note that sets the status: `(deferred to upstream)`, `(dropped …)`,
/// `(downgraded …)`, `(demoted …)`.
fn note_status(inner: &str) -> Option<Status> {
    let lower = inner.trim().trim_matches('*').to_ascii_lowercase();
    [
        ("deferred", Status::Deferred),
        ("dropped", Status::Dropped),
        ("downgraded", Status::Demoted),
        ("demoted", Status::Demoted),
    ]
    .into_iter()
    .find(|(word, _)| lower.starts_with(word))
    .map(|(_, st)| st)
}

/// A body paragraph that records a resolution (`Fixed.`, `Skipped.`, `Deferred:` …).
fn paragraph_status(text: &str) -> Option<Status> {
    [
        ("Fixed.", Status::Resolved),
        ("Addressed:", Status::Resolved),
        ("Addressed.", Status::Resolved),
        ("Documented.", Status::Resolved),
        ("Skipped.", Status::Declined),
        ("Deferred:", Status::Deferred),
    ]
    .into_iter()
    .find(|(p, _)| text.starts_with(p))
    .map(|(_, st)| st)
}

impl AgentNames {
    /// Split a rendered title line into title, agents (glued at the end), tags and status notes.
    fn title_parts(&self, line: &str) -> TitleParts {
        let mut parts = TitleParts::default();
        let mut s = line.trim();
        for marker in ["FIXED:", "DROPPED:"] {
            for sep in [" -- ", " — "] {
                let needle = format!("{sep}{marker}");
                if let Some((before, note)) = s.split_once(needle.as_str()) {
                    let status = if marker == "FIXED:" {
                        Status::Resolved
                    } else {
                        Status::Dropped
                    };
                    parts.status = Some((status, format!("{marker} {}", note.trim())));
                    s = before.trim_end();
                }
            }
        }
        loop {
            let before = s.len();
            while let Some((agent, rest)) = self.strip_last(s) {
                parts.agents.insert(0, agent);
                s = rest;
            }
            if let Some((inner, rest)) = trailing_paren(s).filter(|(_, r)| !r.is_empty()) {
                if let Some(kinds) = tag_kinds(inner) {
                    parts.kinds.splice(0..0, kinds);
                    s = rest;
                } else if let Some(status) = note_status(inner) {
                    parts.status = Some((status, inner.trim().trim_matches('*').to_string()));
                    s = rest;
                }
            }
            if s.len() == before {
                break;
            }
        }
        parts.title = s.to_string();
        parts
    }
}

// ---------------------------------------------------------------------------------------------
// Plain text → Markdown

#[derive(Debug)]
enum Block<'a> {
    Para(String),
    Sub(&'a str),
    List(Vec<(u64, &'a str)>),
    Code(Vec<&'a str>),
}

/// `  1. text` → (1, `text`).
fn list_item(line: &str) -> Option<(u64, &str)> {
    let (n, rest) = leading_number(line.trim_start())?;
    let rest = rest.strip_prefix(['.', ')'])?;
    (rest.starts_with([' ', '\t']) && !rest.trim().is_empty()).then(|| (n, rest.trim()))
}

fn is_subheading(line: &str) -> bool {
    let t = line.trim();
    SUBHEADINGS.iter().any(|s| s.eq_ignore_ascii_case(t))
        || ["Strengths", "Standing limitations", "Existing limitations"]
            .iter()
            .any(|p| t.starts_with(p) && t.len() < 80)
}

/// A line that can only be code: indented, or nothing but brackets.
fn looks_code(line: &str) -> bool {
    line.starts_with(['\t', ' ']) || line.trim().chars().all(|c| "{}()[];,".contains(c))
}

/// Group lines into blocks. The page puts each paragraph on one line, so a run of several
/// non-blank lines is a code excerpt or a glued table (kept verbatim), unless it is a list.
fn blocks<'a>(lines: &[Line<'a>]) -> Vec<Block<'a>> {
    let mut out = Vec::new();
    let mut run: Vec<&'a str> = Vec::new();
    for &(_, line) in lines.iter().chain(std::iter::once(&(0, ""))) {
        if !line.trim().is_empty() {
            run.push(line);
            continue;
        }
        if run.is_empty() {
            continue;
        }
        let first = run.first().copied().unwrap_or("");
        let first_is_code = looks_code(first);
        let items: Option<Vec<_>> = run.iter().map(|&l| list_item(l)).collect();
        let tail_items: Option<Vec<_>> = run.iter().skip(1).map(|&l| list_item(l)).collect();
        if let Some(items) = items {
            out.push(Block::List(items));
        } else if run.len() == 1 && !first_is_code {
            out.push(if is_subheading(first) {
                Block::Sub(first.trim())
            } else {
                Block::Para(first.trim().to_string())
            });
        } else if let (false, Some(items)) = (first_is_code, tail_items) {
            out.push(Block::Para(first.trim().to_string()));
            out.push(Block::List(items));
        } else if let Some(Block::Code(code)) = out.last_mut() {
            code.push("");
            code.append(&mut run);
        } else {
            out.push(Block::Code(std::mem::take(&mut run)));
        }
        run.clear();
    }
    out
}

/// Backslash-escape what Markdown would otherwise read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    for (i, c) in text.char_indices() {
        let at_start = i == 0 && "#-+=".contains(c);
        let list_marker = digits > 0 && i == digits && (c == '.' || c == ')');
        if at_start || list_marker || "\\`*_[]<>|~&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn render(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for block in blocks {
        parts.push(match block {
            Block::Para(text) if text.is_empty() => continue,
            Block::Para(text) => escape(text),
            Block::Sub(text) => format!("**{}**", escape(text)),
            Block::List(items) => items
                .iter()
                .map(|(n, t)| format!("{n}. {}", escape(t)))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Code(lines) => {
                let longest = lines.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                format!("{fence}\n{}\n{fence}", lines.join("\n"))
            }
        });
    }
    parts.join("\n\n")
}

fn longest_run(s: &str, ch: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for c in s.chars() {
        cur = if c == ch { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

fn markdown(lines: &[Line]) -> String {
    render(&blocks(lines))
}

/// Text that only says the section is empty (`None.`).
fn says_none(md: &str) -> bool {
    let t = md.trim().to_ascii_lowercase();
    t.is_empty() || t.starts_with("none") || t.starts_with("no ") && !t.contains("\n\n")
}

fn is_blank(lines: &[Line], i: usize) -> bool {
    lines.get(i).is_none_or(|(_, l)| l.trim().is_empty())
}

/// A line standing alone between blank lines (a paragraph or heading of the page).
fn standalone(lines: &[Line], i: usize) -> bool {
    (i == 0 || is_blank(lines, i - 1)) && is_blank(lines, i + 1)
}

// ---------------------------------------------------------------------------------------------
// Building the review

struct Parser {
    agents: AgentNames,
    review: Review,
    /// Finding ids given so far.
    ids: std::collections::HashSet<String>,
}

/// How a finding section numbers its items.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// `1. `, `2. ` … (G2/G3 pages)
    Numbered,
    /// `I1. `, `I2. ` … (G4 pages)
    Ids,
}

/// A finding's title line: `N. rest` (when N is `next`) or `<letter>N. rest`.
fn finding_start(
    line: &str,
    letter: char,
    next: u64,
    shape: Option<Shape>,
) -> Option<(Shape, String, &str)> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    let ok = |rest: &str| rest.starts_with(' ') && !rest.trim().is_empty();
    if shape != Some(Shape::Numbered) {
        if let Some((n, rest)) = line.strip_prefix(letter).and_then(leading_number) {
            if let Some(rest) = rest.strip_prefix('.').filter(|r| ok(r)) {
                return Some((Shape::Ids, format!("{letter}{n}"), rest.trim()));
            }
        }
    }
    if shape != Some(Shape::Ids) {
        let (n, rest) = leading_number(line)?;
        let rest = rest.strip_prefix('.').filter(|r| ok(r))?;
        if n == next {
            return Some((Shape::Numbered, String::new(), rest.trim()));
        }
    }
    None
}

/// One item (finding or strength) being collected: its title line and body lines.
struct Item<'a> {
    id: String,
    line: u32,
    title: &'a str,
    body: Vec<Line<'a>>,
}

impl Parser {
    fn segment(&mut self, seg: &Segment) {
        match seg.kind {
            Kind::Summary => push_md(&mut self.review.summary_md, &markdown(seg.lines)),
            Kind::Findings(sev) => self.findings(seg, sev),
            Kind::Design => self.design(seg),
            Kind::Retro => self.retro(seg),
            Kind::ProcessNotes => push_md(&mut self.review.process_notes_md, &markdown(seg.lines)),
            Kind::Wrapper | Kind::Other => self.section(seg.heading, markdown(seg.lines)),
        }
    }

    fn section(&mut self, heading: &str, body_md: String) {
        if body_md.trim().is_empty() {
            return;
        }
        // The same ids as sections of a Markdown report (`sections::slugify`).
        let id = if heading.trim().is_empty() {
            "preamble".to_string()
        } else {
            super::sections::slugify(heading)
        };
        self.review.sections.push(Section {
            id,
            heading: heading.to_string(),
            body_md,
        });
    }

    /// Text before a section's first item: kept as a section unless it only says `None.`.
    fn preamble(&mut self, heading: &str, lines: &[Line]) {
        let md = markdown(lines);
        if !says_none(&md) {
            self.section(heading, md);
        }
    }

    fn findings(&mut self, seg: &Segment, sev: Severity) {
        let letter = sev.letter();
        let mut shape = None;
        let mut items: Vec<Item> = Vec::new();
        let mut preamble = Vec::new();
        for &(no, line) in seg.lines {
            let next = items.len() as u64 + 1;
            if let Some((s, id, title)) = finding_start(line, letter, next, shape) {
                shape = Some(s);
                items.push(Item {
                    id,
                    line: no,
                    title,
                    body: Vec::new(),
                });
            } else if let Some(item) = items.last_mut() {
                item.body.push((no, line));
            } else {
                preamble.push((no, line));
            }
        }
        self.preamble(seg.heading, &preamble);
        for item in items {
            self.push_finding(sev, item);
        }
    }

    /// The next unused `<letter><n>` id for a finding written without one.
    fn next_id(&self, sev: Severity) -> String {
        let last = self
            .review
            .findings
            .iter()
            .rev()
            .find(|f| f.severity == sev);
        let mut n = last
            .and_then(|f| f.id.get(1..)?.parse::<usize>().ok())
            .map_or(1, |n| n.saturating_add(1));
        loop {
            let id = format!("{}{n}", sev.letter());
            if !self.ids.contains(&id) {
                return id;
            }
            n += 1;
        }
    }

    fn push_finding(&mut self, sev: Severity, item: Item) {
        let mut parts = self.agents.title_parts(item.title);
        // A location the copied page glued to the title (`…Runningcmd/rdd/service.go:88-91`).
        let body_text: Vec<&str> = item.body.iter().map(|(_, l)| *l).collect();
        let known = crate::paths::PathIndex::from_texts(body_text);
        let glued = crate::paths::split_glued_location(&parts.title, &known);
        let locations: Vec<crate::model::Location> = match glued {
            Some((title, loc)) => {
                parts.title = title;
                vec![loc]
            }
            None => Vec::new(),
        };
        let mut kinds = parts.kinds;
        let mut status = parts.status;
        let mut blocks = blocks(&item.body);
        for block in &mut blocks {
            let Block::Para(text) = block else { continue };
            if let Some((inner, rest)) = trailing_paren(text) {
                if let Some(found) = tag_kinds(inner) {
                    kinds.extend(found);
                    *text = rest.to_string();
                }
            }
            if status.is_none() {
                status = paragraph_status(text).map(|st| (st, text.clone()));
            }
        }
        let mut seen = std::collections::HashSet::new();
        kinds.retain(|k| seen.insert(k.clone()));
        let body_md = render(&blocks);
        let refs = xref::cross_refs(&format!("{}\n{body_md}", parts.title));
        let id = if item.id.is_empty() || self.ids.contains(&item.id) {
            self.next_id(sev)
        } else {
            item.id
        };
        self.ids.insert(id.clone());
        let (status, status_note) = match status {
            Some((st, note)) => (st, Some(note)),
            None => (Status::Open, None),
        };
        self.review.findings.push(Finding {
            id,
            severity: sev,
            title_md: escape(&parts.title),
            title: parts.title,
            kinds,
            locations,
            agents: parts.agents,
            later_passes: Vec::new(),
            status,
            status_note,
            refs,
            body_md,
            line: item.line,
        });
    }

    /// Design Observations: items under Concerns (or all, without a split) are findings,
    /// items under Strengths are strengths. Items are numbered (`1. `, `D1. `) or, on pages
    /// whose lists lost their markers, title paragraphs ending in a scope tag or agent names.
    fn design(&mut self, seg: &Segment) {
        let mut strengths_group = false;
        let mut shape = None;
        let mut items: Vec<(bool, Item)> = Vec::new();
        let mut in_group = 0usize;
        let mut preamble = Vec::new();
        for (i, &(no, line)) in seg.lines.iter().enumerate() {
            let t = line.trim();
            if standalone(seg.lines, i)
                && ["Concerns", "Strengths"]
                    .iter()
                    .any(|h| h.eq_ignore_ascii_case(t))
            {
                strengths_group = t.eq_ignore_ascii_case("Strengths");
                shape = None;
                in_group = 0;
                continue;
            }
            let next = in_group as u64 + 1;
            let start = match finding_start(line, 'D', next, shape) {
                Some((s, id, title)) => Some((Some(s), id, title)),
                None if shape.is_none()
                    && !line.starts_with(char::is_whitespace)
                    && standalone(seg.lines, i) =>
                {
                    let parts = self.agents.title_parts(t);
                    let tagged = !parts.agents.is_empty() || !parts.kinds.is_empty();
                    (tagged && !parts.title.ends_with('.')).then(|| (None, String::new(), t))
                }
                None => None,
            };
            if let Some((s, id, title)) = start {
                shape = s.or(shape);
                in_group += 1;
                items.push((
                    strengths_group,
                    Item {
                        id,
                        line: no,
                        title,
                        body: Vec::new(),
                    },
                ));
            } else if let Some((_, item)) = items.last_mut() {
                item.body.push((no, line));
            } else {
                preamble.push((no, line));
            }
        }
        self.preamble(seg.heading, &preamble);
        for (is_strength, item) in items {
            if is_strength {
                let parts = self.agents.title_parts(item.title);
                let mut text_md = format!("**{}**", escape(&parts.title));
                push_md(&mut text_md, &markdown(&item.body));
                self.review.strengths.push(Strength {
                    text_md,
                    agents: parts.agents,
                });
            } else {
                self.push_finding(Severity::Design, item);
            }
        }
    }

    /// Agent Performance Retro: per-agent blocks start at a line naming an agent; the glued
    /// table rows and the summary/overall notes go to the retro notes.
    fn retro(&mut self, seg: &Segment) {
        let table = tab_table(seg.lines);
        let mut notes: Vec<Line> = Vec::new();
        let mut agents: Vec<(String, Vec<Line>)> = Vec::new();
        let mut in_agent = false;
        for (i, &(no, line)) in seg.lines.iter().enumerate() {
            if table.as_ref().is_some_and(|(rows, _)| rows.contains(&i)) {
                continue;
            }
            let t = line.trim();
            let alone = standalone(seg.lines, i) && !line.starts_with(char::is_whitespace);
            if alone && RETRO_SUBHEADINGS.iter().any(|h| h.eq_ignore_ascii_case(t)) {
                in_agent = false;
                notes.extend([(no, ""), (no, line), (no, "")]);
            } else if alone && self.agents.is_agent_heading(t) {
                in_agent = true;
                agents.push((t.to_string(), Vec::new()));
            } else if let Some((name, rest)) = alone.then(|| self.agents.lead(t)).flatten() {
                in_agent = true;
                agents.push((name.to_string(), vec![(no, rest)]));
            } else if let (true, Some((_, body))) = (in_agent, agents.last_mut()) {
                body.push((no, line));
            } else {
                notes.push((no, line));
            }
        }
        let retro: &mut Retro = &mut self.review.retro;
        retro.table = table.map(|(_, t)| t);
        for (name, body) in agents {
            retro.agents.push(RetroAgent {
                family: family_of(&name),
                name,
                notes_md: markdown(&body),
            });
        }
        push_md(&mut retro.notes_md, &markdown(&notes));
    }
}

/// The first run of two or more lines whose cells are separated by tabs, all with the same
/// number of cells (what some browsers put on the clipboard for an HTML table): its line
/// indexes and the table, header row first.
fn tab_table(lines: &[Line]) -> Option<(std::ops::Range<usize>, Table)> {
    let cells = |l: &str| -> Vec<String> { l.split('\t').map(|c| c.trim().to_string()).collect() };
    let mut i = 0;
    while i < lines.len() {
        let width = lines.get(i).map_or(0, |(_, l)| l.split('\t').count());
        let run = lines
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .take_while(|(_, l)| width >= 2 && l.split('\t').count() == width)
            .count();
        if run >= 2 {
            let mut rows = lines.get(i..i + run)?.iter().map(|(_, l)| cells(l));
            let columns = rows.next()?;
            return Some((
                i..i + run,
                Table {
                    columns,
                    rows: rows.collect(),
                },
            ));
        }
        i += run.max(1);
    }
    None
}

fn push_md(target: &mut String, md: &str) {
    if md.trim().is_empty() {
        return;
    }
    if !target.is_empty() {
        target.push_str("\n\n");
    }
    target.push_str(md);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{detect, parse_text, InputKind};

    const CORPUS_PAGE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/rendered/20260319-173741-msys2-ci.txt"
    );

    fn corpus_page() -> Option<String> {
        match std::fs::read_to_string(CORPUS_PAGE) {
            Ok(text) => Some(text),
            Err(e) => {
                eprintln!("skipping: corpus page {CORPUS_PAGE} is not available ({e})");
                None
            }
        }
    }

    fn titles(review: &Review, sev: Severity) -> Vec<(&str, &str, Vec<&str>)> {
        review
            .findings
            .iter()
            .filter(|f| f.severity == sev)
            .map(|f| {
                (
                    f.id.as_str(),
                    f.title.as_str(),
                    f.agents.iter().map(String::as_str).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn corpus_page_header() {
        let Some(text) = corpus_page() else { return };
        assert_eq!(detect(&text), InputKind::RenderedText);
        let r = parse_text(&text).expect("the page parses");
        assert_eq!(r.slug, "20260319-173741-msys2-ci");
        assert_eq!(r.title, "Deep Review: 20260319-173741-msys2-ci");
        let m = &r.meta;
        assert_eq!(m.date, "2026-03-19T17:37");
        assert_eq!(m.branch.as_deref(), Some("msys2-ci"));
        assert_eq!(
            (&m.repo, &m.round, &m.author, &m.pr),
            (&None, &None, &None, &None)
        );
        let commits: Vec<(&str, &str)> = m
            .commits
            .iter()
            .map(|c| (c.sha.as_str(), c.subject.as_str()))
            .collect();
        assert_eq!(
            commits,
            [
                (
                    "be9c281",
                    "Fix Windows process signaling for Lima hostagent lifecycle"
                ),
                (
                    "1f0db09",
                    "Fix stopInstanceForcibly to terminate WSL2 distro and clean up files"
                ),
                ("bfa614d", "Enable Lima BATS tests on Windows"),
                (
                    "625737d",
                    "Pre-generate Lima SSH keys on Windows to avoid broken path conversion"
                ),
                (
                    "50c1e96",
                    "Run Windows BATS tests via MSYS2 instead of WSL2"
                ),
            ]
        );
        let reviewers: Vec<(&str, &str)> = m
            .reviewers
            .iter()
            .map(|r| (r.name.as_str(), r.family.as_str()))
            .collect();
        assert_eq!(
            reviewers,
            [
                ("Claude", "Claude"),
                ("Codex", "Codex"),
                ("Gemini", "Gemini")
            ]
        );
        let verdict = m.verdict.as_ref().expect("verdict");
        assert_eq!(verdict.label, "Merge with fixes");
        assert_eq!(
            verdict.text,
            "two regressions in stopInstanceForcibly need attention before merge"
        );
        assert_eq!(m.wall_clock_seconds, Some(23 * 60 + 5));
        assert!(m.extra.is_empty(), "{:?}", m.extra);
        assert!(r.diagnostics.iter().any(|d| d.level == Level::Warning
            && d.message.contains("locations")
            && d.message.contains("Markdown")));
    }

    #[test]
    fn corpus_page_findings() {
        let Some(text) = corpus_page() else { return };
        let r = parse_rendered(&text).expect("the page parses");
        assert!(titles(&r, Severity::Critical).is_empty());
        assert_eq!(
            titles(&r, Severity::Important),
            [
                ("I1", "stopInstanceForcibly leaves orphaned child processes on Windows", vec!["Gemini"]),
                ("I2", "stopInstanceForcibly uses filepath.Glob, which fails on paths with bracket characters", vec!["Gemini"]),
                ("I3", "Deletion removes cleanup finalizer after backend delete failure", vec!["Codex"]),
                ("I4", "shutdownAllHostagents hard-kill fallback skips WSL2 distro termination and temp file cleanup", vec!["Claude"]),
            ]
        );
        assert_eq!(
            titles(&r, Severity::Suggestion),
            [
                (
                    "S1",
                    "stopInstanceForcibly silently discards all errors",
                    vec!["Claude"]
                ),
                (
                    "S2",
                    "SetGroup overwrites SysProcAttr instead of merging",
                    vec!["Gemini"]
                ),
                (
                    "S3",
                    "Duplicated shutdown pattern in stopInstance and handleRestartNeeded",
                    vec!["Claude"]
                ),
                (
                    "S4",
                    "killOrphanedHostagent dropped graceful shutdown on Unix",
                    vec!["Claude"]
                ),
                (
                    "S5",
                    "SSH key race between concurrent controller startups",
                    vec!["Codex"]
                ),
            ]
        );
        assert_eq!(
            titles(&r, Severity::Design),
            [(
                "D1",
                "stopInstanceForcibly forks upstream cleanup semantics instead of overriding just the kill primitive",
                vec!["Codex", "Claude"]
            )]
        );
        let by_id = |id: &str| r.findings.iter().find(|f| f.id == id).expect(id);
        let lines: Vec<u32> = r.findings.iter().map(|f| f.line).collect();
        assert_eq!(lines, [28, 52, 78, 117, 140, 173, 191, 241, 251, 292]);
        assert_eq!(by_id("I1").kinds, ["regression"]);
        assert_eq!(by_id("I4").kinds, ["gap"]);
        assert_eq!(by_id("S4").kinds, ["regression"]);
        assert_eq!(by_id("D1").kinds, ["in-scope"]);
        assert!(r.findings.iter().all(|f| f.status == Status::Open));

        let i1 = &by_id("I1").body_md;
        assert!(
            i1.starts_with("os.Process.Kill() calls TerminateProcess"),
            "{i1}"
        );
        assert!(i1.contains("```\nfunc stopInstanceForcibly(ctx context.Context"));
        assert!(
            i1.contains("Fix: Use taskkill /F /T /PID \\<pid\\>"),
            "{i1}"
        );
        assert!(!i1.contains("(important, regression)"));
        // The second finding's fix code runs straight into the third title: it ends there.
        let i2 = &by_id("I2").body_md;
        assert!(i2.contains("fi, err := os.ReadDir(inst.Dir)"));
        assert!(i2.trim_end().ends_with("```"));
        assert!(!i2.contains("Deletion removes"));
        assert!(by_id("I3")
            .body_md
            .contains("The finalizer removal then proceeds unconditionally:"));
    }

    #[test]
    fn corpus_page_sections_and_retro() {
        let Some(text) = corpus_page() else { return };
        let r = parse_rendered(&text).expect("the page parses");
        assert!(r
            .summary_md
            .starts_with("This branch fixes a critical Windows bug"));
        assert!(r
            .summary_md
            .contains("\n\nThe custom stopInstanceForcibly replaces upstream"));
        assert!(r.summary_md.trim_end().ends_with("warrants discussion."));

        assert_eq!(r.strengths.len(), 3);
        assert!(r.strengths[0]
            .text_md
            .contains("CREATE\\_NEW\\_PROCESS\\_GROUP + targeted GenerateConsoleCtrlEvent"));
        assert!(r.strengths[0].text_md.contains("Correct and clean."));
        assert!(r.strengths.iter().all(|s| s.agents == ["Claude"]));

        let ids: Vec<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["testing-assessment", "documentation-assessment"]);
        let testing = &r.sections[0].body_md;
        assert!(testing.contains("Untested scenarios, ranked by risk:\n\n1. Forceful termination"));
        assert!(testing.contains("\n6. ensureSSHKeys failure paths"));
        assert!(r.sections[1].body_md.contains("orphaned WSL2 distro"));

        let agents: Vec<(&str, &str)> = r
            .retro
            .agents
            .iter()
            .map(|a| (a.name.as_str(), a.family.as_str()))
            .collect();
        assert_eq!(
            agents,
            [
                ("Claude Opus 4.6", "Claude"),
                ("Codex GPT 5.4", "Codex"),
                ("Gemini 3.1 Pro", "Gemini")
            ]
        );
        assert!(r.retro.agents[0]
            .notes_md
            .starts_with("Unique contributions: Identified the shutdownAllHostagents gap"));
        assert!(r.retro.agents[2]
            .notes_md
            .ends_with("two high-value, one overstated."));
        assert!(r.retro.table.is_none());
        let notes = &r.retro.notes_md;
        assert!(notes.contains("Duration10:523:4311:42\nCritical000"));
        assert!(notes.contains("**Overall Assessment**"));
        assert!(notes.contains("no single agent found more than 60%"));
        assert!(r.process_notes_md.is_empty());
        assert!(r.appendix.is_empty());
    }

    /// The header and finding shapes FORMAT.md §6.2, §8.5, §9 and §16 quote from a G4-era page.
    const G4_PAGE: &str = "\
Deep Review: 20260402-101500-pr-336

Date2026-04-02 10:15
Round7 (of target)
Author@jandubois
PR#336 — cli: standardize --wait and --timeout across svc and limavm
Branchwait-timeout
Commitsa1b2c3d4e cli: add --wait
0f1e2d3c4 cli: add --timeout
Review SHAfa082b9b72bf2e975208e536b15fce1ae71c5e21
ReviewersClaude Opus 4.7 (effort: xhigh), Codex GPT 5.4 (effort: high), Gemini 3.1 Pro (effort: default — dropped, quota)
VerdictMerge with fixes — fix the doc-imprecision (I3), add the missing test
Wall-clock time1 h 14 min 30 s

Executive Summary

One paragraph.

Critical Issues

None.

Important Issues

I1. Timeout is ignored when the service is already running Codex Claude

Explanation with a list:

1. first step
2. second step
I2. Second finding (round 6 S3 unaddressed) Gemini

Body. (important, gap)

I3. api_service.md shutdown-signal description conflates two distinct fallback paths Claude

The doc says one thing.

Suggestions

S1. Rename the flag (deferred to upstream) Claude

Design Observations

Concerns

--timeout flag scope is intentionally not extended over ensureServiceRunningcmd/rdd/service.go:88-91 (in-scope) Gemini

The flag only bounds the wait. A later round may revisit it. Claude

Strengths

Agent Performance Retro

Claude

Found I3.

Codex — Found I1, with a reproducer.

Summary

Claude Opus 4.7Codex GPT 5.4Gemini 3.1 Pro
Duration13m 21s12:02—

Review Process Notes

Skill improvements

Repo context updates
";

    #[test]
    fn g4_page_header() {
        assert!(looks_rendered(G4_PAGE));
        let r = parse_text(G4_PAGE).expect("parses");
        let m = &r.meta;
        assert_eq!(m.date, "2026-04-02T10:15");
        let round = m.round.as_ref().expect("round");
        assert_eq!((round.number, round.of.as_deref()), (7, Some("target")));
        assert_eq!(round.text, "7 (of target)");
        let author = m.author.as_ref().expect("author");
        assert_eq!(
            (author.handle.as_deref(), author.name.as_deref()),
            (Some("jandubois"), None)
        );
        let pr = m.pr.as_ref().expect("pr");
        assert_eq!(pr.number, 336);
        assert_eq!(
            pr.title.as_deref(),
            Some("cli: standardize --wait and --timeout across svc and limavm")
        );
        assert_eq!(m.commits.len(), 2);
        assert_eq!(
            (m.commits[1].sha.as_str(), m.commits[1].subject.as_str()),
            ("0f1e2d3c4", "cli: add --timeout")
        );
        assert_eq!(
            m.review_sha.as_deref(),
            Some("fa082b9b72bf2e975208e536b15fce1ae71c5e21")
        );
        let reviewers: Vec<_> = m
            .reviewers
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.family.as_str(),
                    r.effort.as_deref(),
                    r.note.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            reviewers,
            [
                ("Claude Opus 4.7", "Claude", Some("xhigh"), None),
                ("Codex GPT 5.4", "Codex", Some("high"), None),
                (
                    "Gemini 3.1 Pro",
                    "Gemini",
                    Some("default"),
                    Some("dropped, quota")
                ),
            ]
        );
        let verdict = m.verdict.as_ref().expect("verdict");
        assert_eq!(verdict.label, "Merge with fixes");
        assert_eq!(
            verdict.text,
            "fix the doc-imprecision (I3), add the missing test"
        );
        assert_eq!(m.wall_clock_seconds, Some(3600 + 14 * 60 + 30));
    }

    #[test]
    fn g4_page_findings() {
        let r = parse_rendered(G4_PAGE).expect("parses");
        let got: Vec<(&str, &str, Vec<&str>)> = r
            .findings
            .iter()
            .map(|f| {
                (
                    f.id.as_str(),
                    f.title.as_str(),
                    f.agents.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("I1", "Timeout is ignored when the service is already running", vec!["Codex GPT 5.4", "Claude Opus 4.7"]),
                ("I2", "Second finding (round 6 S3 unaddressed)", vec!["Gemini 3.1 Pro"]),
                ("I3", "api_service.md shutdown-signal description conflates two distinct fallback paths", vec!["Claude Opus 4.7"]),
                ("S1", "Rename the flag", vec!["Claude Opus 4.7"]),
                (
                    "D1",
                    "--timeout flag scope is intentionally not extended over ensureServiceRunning",
                    vec!["Gemini 3.1 Pro"]
                ),
            ]
        );
        // A numbered list inside a G4 body is not a finding.
        assert!(r.findings[0]
            .body_md
            .contains("1. first step\n2. second step"));
        assert_eq!(r.findings[1].kinds, ["gap"]);
        assert_eq!(r.findings[1].body_md, "Body.");
        assert_eq!(r.findings[3].status, Status::Deferred);
        assert_eq!(
            r.findings[3].status_note.as_deref(),
            Some("deferred to upstream")
        );
        assert_eq!(r.findings[4].kinds, ["in-scope"]);
        // The location the page glued to the title is split off: title, location, scope, agent.
        assert_eq!(
            r.findings[4].title,
            "--timeout flag scope is intentionally not extended over ensureServiceRunning"
        );
        let loc = &r.findings[4].locations[0];
        assert_eq!(
            (loc.path.as_str(), loc.start_line, loc.end_line),
            ("cmd/rdd/service.go", Some(88), Some(91))
        );
        assert_eq!(r.findings[4].agents, ["Gemini 3.1 Pro"]);
        // A body paragraph ending with an agent name is not a new observation.
        assert!(r.findings[4]
            .body_md
            .contains("A later round may revisit it. Claude"));
        assert!(r.strengths.is_empty());
        assert!(r.sections.is_empty(), "{:?}", r.sections);
        let retro: Vec<(&str, &str)> = r
            .retro
            .agents
            .iter()
            .map(|a| (a.name.as_str(), a.notes_md.as_str()))
            .collect();
        assert_eq!(
            retro,
            [
                ("Claude", "Found I3."),
                ("Codex", "Found I1, with a reproducer.")
            ]
        );
        assert_eq!(
            r.findings[1].refs,
            [crate::model::FindingRef {
                round: Some(6),
                id: "S3".into()
            }]
        );
        assert!(r.retro.notes_md.contains("Duration13m 21s12:02—"));
        assert_eq!(
            r.process_notes_md,
            "**Skill improvements**\n\n**Repo context updates**"
        );
    }

    #[test]
    fn tab_separated_retro_table_is_kept_as_a_table() {
        let page = "Deep Review: x\n\nReviewersClaude Codex\n\nAgent Performance Retro\n\n\
\tClaude\tCodex\nDuration\t1m\t2m\nFindings\t1I\tnone\n\nClaude\n\nGood.\n";
        let r = parse_rendered(page).expect("parses");
        let table = r.retro.table.expect("a table");
        assert_eq!(table.columns, ["", "Claude", "Codex"]);
        assert_eq!(
            table.rows,
            [["Duration", "1m", "2m"], ["Findings", "1I", "none"]]
        );
        assert_eq!(r.retro.agents.len(), 1);
        assert_eq!(r.retro.agents[0].notes_md, "Good.");
        assert_eq!(r.retro.notes_md, "");
    }

    #[test]
    fn g2_numbering_must_continue_the_sequence() {
        let page = "Deep Review: x\n\nReviewersClaude Codex\n\nSuggestions\n\n\
1. First Claude\n\nSteps:\n\n1. not a finding\n3. not a finding either\n\n2. Second Codex\n";
        let r = parse_rendered(page).expect("parses");
        let titles: Vec<&str> = r.findings.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(titles, ["First", "Second"]);
        assert!(r.findings[0].body_md.contains("1. not a finding"));
    }

    #[test]
    fn finding_ids_stay_unique() {
        let page = "Deep Review: x\n\nImportant Issues\n\nI1. A\n\nI1. B\n\n\
Suggestions\n\n1. C\n\nDesign Observations\n\n1. E (future)\n";
        let r = parse_rendered(page).expect("parses");
        let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["I1", "I2", "S1", "D1"]);
    }

    #[test]
    fn plain_text_is_escaped_for_markdown() {
        let page = "Deep Review: x\n\nDate2026-01-01\n\nExecutive Summary\n\n\
Use <pid> with *glob* and [1] | pipe\n\n# not a heading\n\n2) a list item keeps its number\n";
        let r = parse_rendered(page).expect("parses");
        assert!(r
            .summary_md
            .contains("Use \\<pid\\> with \\*glob\\* and \\[1\\] \\| pipe"));
        assert!(r.summary_md.contains("\\# not a heading"));
        assert!(r.summary_md.ends_with("2. a list item keeps its number"));
        assert_eq!(r.meta.date, "2026-01-01");
    }

    #[test]
    fn looks_rendered_only_for_page_text() {
        assert!(looks_rendered("Deep Review: x\nDate2026-01-01\n"));
        assert!(looks_rendered("\u{feff}\n\n  Deep Review: x\n"));
        assert!(!looks_rendered("# Deep Review: x\n"));
        assert!(!looks_rendered("\u{feff}# Deep Review: x\n"));
        assert!(!looks_rendered("\n\n# Deep Review: x\n"));
        assert!(!looks_rendered("Deep Review: x\n\n| | |\n|---|---|\n"));
        assert!(!looks_rendered("Deep Review: x\n\n**Date:** 2026-03-13\n"));
        assert!(!looks_rendered("Deep Review: x\n\n## Executive Summary\n"));
        assert!(!looks_rendered(""));
        assert!(!looks_rendered("Supply Chain Scan: x\n"));
    }

    #[test]
    fn looks_rendered_is_false_for_every_markdown_report() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/lima");
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("skipping: corpus folder {dir} is not available");
            return;
        };
        let mut checked = 0;
        for entry in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for variant in [
                text.clone(),
                format!("\u{feff}{text}"),
                format!("\n\n{text}"),
            ] {
                assert!(!looks_rendered(&variant), "{}", entry.path().display());
            }
            checked += 1;
        }
        assert!(checked > 0, "no reports in {dir}");
    }

    #[test]
    fn errors_and_odd_headers() {
        assert!(matches!(
            parse_rendered("Hello\nworld"),
            Err(ParseError::NotADeepReview { .. })
        ));
        assert_eq!(parse_rendered("\u{feff}\n  \n"), Err(ParseError::Empty));
        let r = parse_rendered("Deep Review: x\n\nRoundabout\nWall-clock timeforever\n")
            .expect("parses");
        assert_eq!(r.meta.extra.get("Round").map(String::as_str), Some("about"));
        assert_eq!(
            r.meta.extra.get("Wall-clock time").map(String::as_str),
            Some("forever")
        );
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.line == 3 && d.message.contains("Round")));
        let r = parse_rendered("Deep Review: y\n\nExecutive Summary\n\nText.\n").expect("parses");
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.message.contains("no header")));
        assert_eq!(r.summary_md, "Text.");
    }

    #[test]
    fn durations_and_reviewer_notes() {
        // The shared header reader (`header::duration_seconds`, as for Markdown headers): a bare
        // number is seconds, as in the retro tables' Duration cells.
        let secs = super::header::duration_seconds;
        assert_eq!(secs("23 min 5 s"), Some(1385));
        assert_eq!(secs("7 h 10 min 14 s"), Some(25814));
        assert_eq!(secs("13m 21s"), Some(801));
        assert_eq!(secs("5"), Some(5));
        assert_eq!(secs("99999999999999999999 h"), None);
        assert_eq!(secs("about a minute"), None);
        let r = super::header::reviewers(
            "Gemini 3.5 Flash (effort: default); Gemini 3.1 Pro (effort: default) produced no output — quota exhausted",
        );
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].name, "Gemini 3.1 Pro");
        assert_eq!(
            r[1].note.as_deref(),
            Some("produced no output — quota exhausted")
        );
    }
}
