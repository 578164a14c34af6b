//! Inline helpers: plain text from events or snippets, a small scanner for the text after a
//! finding's bold title (code spans, `[…]`, `(…)`, separators), locations, agent brackets,
//! `(severity, kind)` tags and resolution labels.

use super::cmark;
use super::cmark::Ev;
use crate::model::{family_of, Location, Status};
use pulldown_cmark::Event;
use std::collections::HashSet;

/// The longest `[…]` / `(…)` group the scanner looks for; longer ones are prose.
const MAX_GROUP: usize = 600;
/// The longest code span the scanner looks for.
const MAX_CODE: usize = 2000;

/// A source slice that never panics.
pub(crate) fn slice(src: &str, range: std::ops::Range<usize>) -> &str {
    src.get(range).unwrap_or("")
}

fn is_br(html: &str) -> bool {
    let h = html.trim().to_ascii_lowercase();
    h == "<br>" || h == "<br/>" || h == "<br />"
}

/// Plain text built with white space collapsed on the fly (one allocation, trimmed).
#[derive(Default)]
struct Plain {
    out: String,
    /// A space is owed before the next word.
    space: bool,
}

impl Plain {
    fn text(&mut self, s: &str) {
        if is_collapsed(s) {
            // The common case (a title, a cell, a heading): words with single spaces between.
            self.word(s);
        } else {
            self.words(s);
        }
    }

    /// [`Plain::text`] word by word.
    fn words(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut word_start = 0;
        let mut i = 0;
        while i < b.len() {
            // ASCII bytes are checked directly; other characters are decoded (U+00A0 …).
            let (ws, len) = if b[i] < 0x80 {
                (b[i].is_ascii_whitespace() || b[i] == 0x0b, 1)
            } else {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            };
            if ws {
                self.word(&s[word_start..i]);
                self.space = true;
                word_start = i + len;
            }
            i += len;
        }
        self.word(s.get(word_start..).unwrap_or(""));
    }

    fn word(&mut self, w: &str) {
        if w.is_empty() {
            return;
        }
        if self.space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(w);
    }

    fn event(&mut self, ev: &Event<'_>) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(t)
            }
            Event::SoftBreak | Event::HardBreak => self.space = true,
            Event::InlineHtml(h) if is_br(h) => self.space = true,
            // Report text is data: raw HTML stays visible as text (as the Markdown view shows it).
            Event::InlineHtml(h) | Event::Html(h) => self.text(h),
            _ => {}
        }
    }
}

/// Whether `s` is already collapsed: no white space at either end, none but single spaces
/// inside (what [`Plain::words`] would push word by word, it can push at once).
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if c == b' ' {
                if prev_space {
                    return false;
                }
                prev_space = true;
            } else if c.is_ascii_whitespace() || c == 0x0b {
                return false;
            } else {
                prev_space = false;
            }
            i += 1;
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            if ch.is_whitespace() {
                return false;
            }
            prev_space = false;
            i += ch.len_utf8();
        }
    }
    true
}

/// Plain text of inline events: Markdown removed, white space collapsed, trimmed.
pub(crate) fn plain_events(evs: &[Ev<'_>]) -> String {
    let mut p = Plain::default();
    for (ev, _) in evs {
        p.event(ev);
    }
    p.out
}

/// Plain text of a Markdown snippet (a title, a table cell, a header value).
pub(crate) fn plain_md(md: &str) -> String {
    let mut p = Plain::default();
    if is_simple(md) {
        // Words and single-backtick code spans only: drop the backticks.
        for part in md.split('`') {
            p.text(part);
        }
    } else {
        for (ev, _) in cmark::events(md, cmark::options()) {
            p.event(&ev);
        }
    }
    p.out
}

/// A one-line snippet whose only Markdown is balanced single-backtick code spans.
fn is_simple(md: &str) -> bool {
    let b = md.trim_start().as_bytes();
    let opens_block = b.first().is_some_and(|c| {
        matches!(c, b'#' | b'>' | b'-' | b'+' | b'*' | b'=' | b'|') || c.is_ascii_digit()
    });
    !opens_block
        && md.len() - md.trim_start().len() < 4
        && !md.contains("``")
        && md.bytes().filter(|&c| c == b'`').count() % 2 == 0
        && !md.bytes().any(|c| {
            matches!(
                c,
                b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'\\' | b'&' | b'~' | b'\n' | b'\r'
            )
        })
}

/// Collapse every run of white space to one space and trim.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut p = Plain::default();
    p.text(s);
    p.out
}

/// `[text](url)` links of a Markdown snippet, in order.
pub(crate) fn links_md(md: &str) -> Vec<(String, String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut cur: Option<(Plain, String, usize)> = None;
    for (ev, range) in cmark::events(md, cmark::options()) {
        match ev {
            Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                cur = Some((Plain::default(), dest_url.to_string(), range.start));
            }
            Event::End(pulldown_cmark::TagEnd::Link) => {
                if let Some((text, url, start)) = cur.take() {
                    out.push((text.out, url, start..range.end));
                }
            }
            ref ev => {
                if let Some((text, _, _)) = cur.as_mut() {
                    text.event(ev);
                }
            }
        }
    }
    out
}

/// The first `**strong**` of a snippet when the snippet starts with it: (plain inner, end offset).
pub(crate) fn leading_strong_md(md: &str) -> Option<(String, usize)> {
    let mut depth = 0usize;
    let mut text = Plain::default();
    for (ev, range) in cmark::events(md, cmark::options()) {
        match ev {
            Event::Start(pulldown_cmark::Tag::Paragraph) => {}
            Event::Start(pulldown_cmark::Tag::Strong) => {
                if depth == 0 && range.start != md.len() - md.trim_start().len() {
                    return None;
                }
                depth += 1;
            }
            Event::End(pulldown_cmark::TagEnd::Strong) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some((text.out, range.end));
                }
            }
            ref ev if depth > 0 => text.event(ev),
            _ => return None,
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// The scanner for the text after a bold title.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum T<'s> {
    /// A code span's content.
    Code(&'s str),
    /// `[…]` (not a link): its inner text.
    Bracket(&'s str),
    /// `(…)`: its inner text.
    Paren(&'s str),
    /// `[text](url)`.
    Link,
    /// `—`, `–`, `--`, `,`, `;`, `:`, `/`, `+`, `&`, ` - `.
    Sep(&'s str),
    /// Anything else.
    Word(&'s str),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'s> {
    pub t: T<'s>,
    pub start: usize,
    pub end: usize,
}

/// The end of the backtick run starting at `i`.
fn run_end(b: &[u8], i: usize) -> usize {
    i + b[i..].iter().take_while(|&&c| c == b'`').count()
}

/// The code span opening at `i` (a backtick run): (content, end offset).
///
/// A backtick run that opens no span is literal text as a whole (CommonMark): callers skip the
/// entire run ([`run_end`]) rather than retrying from each of its backticks, which would rescan
/// the run once per backtick (quadratic on one long run).
fn code_span<'s>(s: &'s str, i: usize, budget: &mut usize) -> Option<(&'s str, usize)> {
    let b = s.as_bytes();
    let n = run_end(b, i) - i;
    *budget = budget.checked_sub(n)?;
    let mut j = i + n;
    let limit = (i + MAX_CODE).min(b.len());
    while j < limit {
        *budget = budget.checked_sub(1)?;
        if b[j] == b'`' {
            let m = b[j..].iter().take_while(|&&c| c == b'`').count();
            if m == n {
                let mut content = s.get(i + n..j)?;
                if content.len() >= 2
                    && content.starts_with(' ')
                    && content.ends_with(' ')
                    && !content.trim().is_empty()
                {
                    content = &content[1..content.len() - 1];
                }
                return Some((content, j + m));
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

/// The offset of the byte closing the group opened at `i`, skipping code spans.
fn close_group(s: &str, i: usize, open: u8, close: u8, budget: &mut usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut j = i;
    let limit = (i + MAX_GROUP).min(b.len());
    while j < limit {
        *budget = budget.checked_sub(1)?;
        let c = b[j];
        if c == b'`' {
            match code_span(s, j, budget) {
                Some((_, end)) => {
                    j = end;
                    continue;
                }
                None => {
                    j = run_end(b, j);
                    continue;
                }
            }
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        } else if c == b'\n' && j + 1 < b.len() && b[j + 1] == b'\n' {
            return None;
        }
        j += 1;
    }
    None
}

/// Split a line of Markdown into tokens (see [`T`]).
///
/// Unclosed code spans and groups are retried from every opening character; a work budget
/// proportional to the input keeps pathological input (`((((…`, backtick soup) linear.
pub(crate) fn tokens(s: &str) -> Vec<Tok<'_>> {
    scan_tokens(s, true)
}

/// The code spans, `[…]`, `(…)` and links of [`tokens`], without its words and separators
/// (for callers that read only groups). A word never runs over a byte that opens a group, so
/// stepping over words byte by byte finds the same groups.
pub(crate) fn groups(s: &str) -> Vec<Tok<'_>> {
    scan_tokens(s, false)
}

/// Pushes the token `t` at `start..end` when `keep` (separators only when the scan keeps words)
/// and returns `end`, where the scan goes on.
fn push_tok<'s>(out: &mut Vec<Tok<'s>>, keep: bool, t: T<'s>, start: usize, end: usize) -> usize {
    if keep {
        out.push(Tok { t, start, end });
    }
    end
}

fn scan_tokens(s: &str, words: bool) -> Vec<Tok<'_>> {
    let mut budget = 32 * s.len() + 4096;
    let budget = &mut budget;
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'_' => {
                i += 1;
                continue;
            }
            b'~' if b.get(i + 1) == Some(&b'~') => {
                i += 2;
                continue;
            }
            b'`' => {
                if let Some((content, end)) = code_span(s, i, budget) {
                    out.push(Tok {
                        t: T::Code(content),
                        start,
                        end,
                    });
                    i = end;
                    continue;
                }
                // Unmatched: the whole run starts a word (the scan below goes on from its
                // last backtick).
                i = run_end(b, i) - 1;
            }
            b'[' => {
                if let Some(j) = close_group(s, i, b'[', b']', budget) {
                    if b.get(j + 1) == Some(&b'(') {
                        if let Some(k) = close_group(s, j + 1, b'(', b')', budget) {
                            i = push_tok(&mut out, true, T::Link, start, k + 1);
                            continue;
                        }
                    }
                    i = push_tok(&mut out, true, T::Bracket(slice(s, i + 1..j)), start, j + 1);
                    continue;
                }
            }
            b'(' => {
                if let Some(j) = close_group(s, i, b'(', b')', budget) {
                    i = push_tok(&mut out, true, T::Paren(slice(s, i + 1..j)), start, j + 1);
                    continue;
                }
            }
            b',' | b';' | b'+' | b'&' | b':' => {
                i = push_tok(&mut out, words, T::Sep(slice(s, i..i + 1)), start, i + 1);
                continue;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                i = push_tok(&mut out, words, T::Sep("--"), start, i + 2);
                continue;
            }
            b'-' | b'/' if b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()) => {
                i = push_tok(&mut out, words, T::Sep(slice(s, i..i + 1)), start, i + 1);
                continue;
            }
            _ => {
                for dash in ["—", "–"] {
                    if s[i..].starts_with(dash) {
                        i = push_tok(&mut out, words, T::Sep(dash), start, i + dash.len());
                        break;
                    }
                }
                if i != start {
                    continue;
                }
            }
        }
        // A word: up to white space or a character that opens a token.
        let mut j = i + 1;
        while j < b.len() && !matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'`' | b'[' | b'(') {
            if matches!(b[j], b',' | b';') {
                break;
            }
            j += 1;
        }
        while j < b.len() && !s.is_char_boundary(j) {
            j += 1;
        }
        if !words {
            i = j;
            continue;
        }
        out.push(Tok {
            t: T::Word(slice(s, start..j)),
            start,
            end: j,
        });
        i = j;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Locations.

/// `257`, `637-657`, `516–578`, `~325-340`, `L12`: (start, end).
fn parse_range(s: &str) -> Option<(u32, Option<u32>)> {
    let s = s.trim().trim_start_matches(['~', 'L']);
    let (a, b) = match s.find(['-', '–', '—']) {
        Some(i) => {
            let dash = s[i..].chars().next().map_or(1, char::len_utf8);
            (&s[..i], Some(s[i + dash..].trim_start_matches(['~', 'L'])))
        }
        None => (s, None),
    };
    let a: u32 = a.trim().parse().ok()?;
    match b {
        Some(b) => Some((a, Some(b.trim().parse().ok()?))),
        None => Some((a, None)),
    }
}

/// Parse location text (`pkg/a.go:47-56`, `a.go:257,264`, `260-277`, `x.go:56 + y.go:405`)
/// into `out`; bare ranges continue `prev`'s path.
pub(crate) fn parse_locations(text: &str, prev: &mut Option<String>, out: &mut Vec<Location>) {
    const SPACED: [&str; 6] = [" + ", " and ", " vs. ", " vs ", " / ", " & "];
    let b = text.as_bytes();
    let mut pieces: Vec<&str> = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let sep_len = match b[i] {
            b',' | b';' => 1,
            b' ' => SPACED
                .iter()
                .find(|s| text[i..].starts_with(*s))
                .map_or(0, |s| s.len()),
            _ => 0,
        };
        if sep_len > 0 {
            pieces.push(&text[start..i]);
            i += sep_len;
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(&text[start.min(text.len())..]);
    for piece in pieces {
        let piece = piece
            .trim()
            .trim_start_matches("also ")
            .trim_matches(|c: char| c == '`' || c.is_whitespace());
        if piece.is_empty() || piece.contains(char::is_whitespace) {
            continue;
        }
        if let Some((start, end)) = parse_range(piece) {
            if let Some(path) = prev.clone() {
                out.push(Location {
                    path,
                    start_line: Some(start),
                    end_line: end,
                    text: piece.to_string(),
                });
            }
            continue;
        }
        let (path, lines) = match piece.rfind(':') {
            Some(i) => match parse_range(&piece[i + 1..]) {
                Some(lines) => (&piece[..i], Some(lines)),
                None => (piece, None),
            },
            None => (piece, None),
        };
        if path.is_empty() {
            continue;
        }
        *prev = Some(path.to_string());
        out.push(Location {
            path: path.to_string(),
            start_line: lines.map(|l| l.0),
            end_line: lines.and_then(|l| l.1),
            text: piece.to_string(),
        });
    }
}

/// Does plain (unbackticked) text look like a location list (`cmd/a.go:238-258`)?
pub(crate) fn looks_like_location(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.split_whitespace().all(|w| {
            matches!(w, "+" | "and" | "vs" | "vs." | "/" | "&" | "also")
                || (w.contains(['/', '.', ':']) && !w.ends_with('.'))
                || parse_range(w.trim_end_matches(',')).is_some()
        })
        && s.contains(['/', '.', ':'])
}

// ---------------------------------------------------------------------------------------------
// Agents, tags, notes.

/// The agent families a report knows: built-in ones plus its reviewers'.
#[derive(Debug, Clone, Default)]
pub(crate) struct Families(HashSet<String>);

impl Families {
    pub fn new<'n>(reviewer_names: impl Iterator<Item = &'n str>) -> Families {
        let mut set: HashSet<String> = crate::model::FAMILIES
            .iter()
            .map(|s| s.to_ascii_lowercase())
            .collect();
        for n in reviewer_names {
            let f = family_of(n);
            if !f.is_empty() {
                set.insert(f.to_ascii_lowercase());
            }
        }
        Families(set)
    }

    /// `Claude Opus 4.6`, `Gemma4 31B`, `GLM-4.7 Flash`, `Consolidator`, `Claude` — but not
    /// `Claude's`, `round 5 S4`, or a sentence.
    pub fn is_agent(&self, name: &str) -> bool {
        let name = name.trim().trim_matches(['`', '[', ']']).trim();
        if name.is_empty() || name.len() > 60 || name.bytes().filter(|&b| b == b' ').count() > 5 {
            return false;
        }
        let first = name.split(' ').next().unwrap_or("");
        // The family: the first word's leading letters (`Gemma4` → `Gemma`), as `family_of`.
        let n = first.bytes().take_while(u8::is_ascii_alphabetic).count();
        if n == 0 || n > 32 {
            return false;
        }
        let mut buf = [0u8; 32];
        buf[..n].copy_from_slice(&first.as_bytes()[..n]);
        buf[..n].make_ascii_lowercase();
        let fam = std::str::from_utf8(&buf[..n]).unwrap_or("");
        if !self.0.contains(fam) {
            return false;
        }
        let tail = &first[n..];
        tail.is_empty() || tail.starts_with(|c: char| c.is_ascii_digit() || c == '-')
    }

    /// Does a text open with an agent family (`[Claude] …`, `Codex GPT 5.4 Review`)?
    pub fn opens_with_family(&self, text: &str) -> bool {
        let t = text.trim_start().trim_start_matches(['[', '`']);
        let word = t.split([' ', ']']).next().unwrap_or("");
        !word.is_empty() && self.is_agent(word)
    }

    /// The agents in a bracket's inner text, when every comma-separated part is an agent.
    pub fn agents_in(&self, inner: &str) -> Option<Vec<String>> {
        let parts: Vec<String> = inner
            .split([',', ';'])
            .map(|p| p.trim().trim_matches('`').trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        (!parts.is_empty() && parts.iter().all(|p| self.is_agent(p))).then_some(parts)
    }
}

const SEVERITY_WORDS: [&str; 6] = [
    "critical",
    "important",
    "suggestion",
    "suggestions",
    "minor",
    "design",
];
const KIND_WORDS: [&str; 10] = [
    "regression",
    "gap",
    "enhancement",
    "code clarity",
    "future",
    "in-scope",
    "in scope",
    "pre-existing",
    "preexisting",
    "out-of-scope",
];

/// The kinds of a `(severity, kind)` / `(in-scope)` tag's inner text.
pub(crate) fn parse_kind_tag(inner: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    let clean = |p: &str| -> String {
        let cut = [" — ", " -- ", " – ", " - ", " ("]
            .iter()
            .filter_map(|s| p.find(s))
            .min()
            .unwrap_or(p.len());
        p[..cut].trim().to_ascii_lowercase()
    };
    let first = parts.first()?.to_ascii_lowercase();
    if parts.len() >= 2 && SEVERITY_WORDS.contains(&first.as_str()) {
        let kinds: Vec<String> = parts[1..]
            .iter()
            .map(|p| clean(p))
            .filter(|k| !k.is_empty() && k.len() <= 30)
            .collect();
        return (!kinds.is_empty()).then_some(kinds);
    }
    let kinds: Vec<String> = parts.iter().map(|p| clean(p)).collect();
    kinds
        .iter()
        .all(|k| KIND_WORDS.contains(&k.as_str()))
        .then_some(kinds)
}

/// A `(severity, kind)` tag at the very end of a paragraph's source, decorated or not:
/// `… (important, gap)`, `*(important, gap)*`, `` `(important, regression)` ``.
pub(crate) fn kind_tag_at_end(text: &str) -> Option<Vec<String>> {
    let t = text.trim_end().trim_end_matches(['*', '_', '`', '.']);
    if !t.ends_with(')') {
        return None;
    }
    let b = t.as_bytes();
    let mut depth = 0usize;
    let lower = t.len().saturating_sub(MAX_GROUP);
    let mut i = t.len();
    while i > lower {
        i -= 1;
        match b[i] {
            b')' => depth += 1,
            b'(' => {
                depth -= 1;
                if depth == 0 {
                    let inner = t.get(i + 1..t.len() - 1)?;
                    if inner.contains(',') || !inner.contains(' ') {
                        return parse_kind_tag(inner);
                    }
                    return None;
                }
            }
            b'\n' => return None,
            _ => {}
        }
    }
    None
}

/// A resolution label opening a paragraph: (status, label, bytes to skip).
pub(crate) fn status_label(text: &str) -> Option<(Status, &'static str, usize)> {
    const LABELS: [(&str, Status, &str); 12] = [
        ("**Fixed.**", Status::Resolved, "Fixed"),
        ("**Fixed:**", Status::Resolved, "Fixed"),
        ("**Fixed**:", Status::Resolved, "Fixed"),
        ("**Addressed:**", Status::Resolved, "Addressed"),
        ("**Addressed.**", Status::Resolved, "Addressed"),
        ("**Documented.**", Status::Resolved, "Documented"),
        ("**Skipped.**", Status::Declined, "Skipped"),
        ("**Skipped:**", Status::Declined, "Skipped"),
        ("**Deferred.**", Status::Deferred, "Deferred"),
        ("**Deferred:**", Status::Deferred, "Deferred"),
        ("Deferred:", Status::Deferred, "Deferred"),
        ("**Declined.**", Status::Declined, "Declined"),
    ];
    LABELS
        .iter()
        .find(|(p, _, _)| text.starts_with(p))
        .map(|(p, st, label)| (*st, *label, p.len()))
}

/// A title-line note that states a status: `(deferred to upstream)`, `(downgraded from …)`.
pub(crate) fn status_note(inner: &str) -> Option<Status> {
    let l = inner.trim().as_bytes();
    let starts = |w: &str| {
        l.get(..w.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(w.as_bytes()))
    };
    if starts("deferred") {
        Some(Status::Deferred)
    } else if starts("downgraded") || starts("demoted") {
        Some(Status::Demoted)
    } else if starts("dropped") {
        Some(Status::Dropped)
    } else {
        None
    }
}

// Heading text

/// `1. Consolidated Review` → `Consolidated Review`; `4) X` → `X`.
pub(crate) fn strip_numbering(text: &str) -> &str {
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = t[digits..].strip_prefix(['.', ')']) {
            return rest.trim_start();
        }
    }
    t
}

/// Lower-case heading text without numbering or a trailing colon.
pub(crate) fn normalize(text: &str) -> String {
    strip_numbering(text)
        .trim_end_matches(':')
        .trim()
        .to_ascii_lowercase()
}

/// `Testing Assessment` → `testing-assessment`.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in strip_numbering(text).chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

#[cfg(test)]
mod tests;
