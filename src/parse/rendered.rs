//! The rendered-text form (FORMAT.md §16): the visible text of a published HTML report page,
//! copied from the browser and pasted. Markup is gone: header rows are `KeyValue` lines, headings
//! are bare lines, finding titles carry the agents' names glued at the end, locations and tables
//! are lost. This module recovers what it can and says what is missing.

use super::{header, xref, ParseError};
use crate::model::{
    family_of, Diagnostic, Finding, Level, Meta, Retro, RetroAgent, Review, Reviewer, Section,
    Severity, Status, Strength, Table, FAMILIES, MAIN_FAMILIES,
};

mod meta;
mod text;
use meta::*;
use text::*;

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

/// Lines that are sub-headings inside a section; shown as bold paragraphs. The first
/// [`RETRO_NOTES`] of them start the retro's report-level notes.
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

/// How many of [`SUBHEADINGS`] (the first ones) start the retro's report-level notes.
const RETRO_NOTES: usize = 6;

/// Sub-headings that start the retro's report-level notes (rather than an agent's notes).
const RETRO_SUBHEADINGS: &[&str] = SUBHEADINGS.split_at(RETRO_NOTES).0;

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
            for f in &FAMILIES[..MAIN_FAMILIES] {
                add(f, f);
            }
        }
        add("Consolidator", "Consolidator");
        candidates.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut families: Vec<String> = reviewers.iter().map(|r| r.family.clone()).collect();
        if families.is_empty() {
            families = FAMILIES[..MAIN_FAMILIES]
                .iter()
                .map(|f| f.to_string())
                .collect();
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
    status_by_prefix(
        &lower,
        &[
            ("deferred", Status::Deferred),
            ("dropped", Status::Dropped),
            ("downgraded", Status::Demoted),
            ("demoted", Status::Demoted),
        ],
    )
}

/// A body paragraph that records a resolution (`Fixed.`, `Skipped.`, `Deferred:` …).
fn paragraph_status(text: &str) -> Option<Status> {
    status_by_prefix(
        text,
        &[
            ("Fixed.", Status::Resolved),
            ("Addressed:", Status::Resolved),
            ("Addressed.", Status::Resolved),
            ("Documented.", Status::Resolved),
            ("Skipped.", Status::Declined),
            ("Deferred:", Status::Deferred),
        ],
    )
}

/// The status of the first `(prefix, status)` of `table` that `text` starts with.
fn status_by_prefix(text: &str, table: &[(&str, Status)]) -> Option<Status> {
    table
        .iter()
        .find(|(prefix, _)| text.starts_with(prefix))
        .map(|&(_, status)| status)
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
        let known = super::paths::PathIndex::from_texts(body_text);
        let glued = super::paths::split_glued_location(&parts.title, &known);
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
mod tests;
