//! Running pulldown-cmark on report Markdown: the options and the event stream every parse and
//! render of report Markdown uses.
//!
//! pulldown-cmark 0.13 ends an HTML block that starts with `<pre`, `<script`, `<style` or
//! `<textarea` only at the lower-case end tag (`</style>`), while CommonMark (and GitHub) end it
//! at that tag in any case. One `<STYLE>…</STYLE>` line would otherwise turn the rest of a report
//! into raw HTML and hide every later finding. [`events`] parses a copy of the text with those end
//! tags lower-cased ([`fold_html_end_tags`]; same length, so every offset stays valid) and takes
//! the events' text from the original, so readers still see what the report says.

use pulldown_cmark::{
    CowStr, DefaultBrokenLinkCallback, Event, OffsetIter, Options, Parser, Tag, TagEnd,
};
use std::borrow::Cow;
use std::ops::Range;

/// The parser options of report parsing (tables and strikethrough, as in the reports).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The end tags (after `</`) that close an HTML block of CommonMark type 1, exactly as
/// pulldown-cmark looks for them.
const END_TAGS: [&[u8]; 4] = [b"pre>", b"style>", b"script>", b"textarea>"];

/// The byte ranges of the type-1 end tag names in `text` that are not lower-case.
fn upper_end_tags(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = text.as_bytes();
    memchr::memchr_iter(b'<', b).filter_map(move |lt| {
        if b.get(lt + 1) != Some(&b'/') {
            return None;
        }
        let name = lt + 2;
        END_TAGS.iter().find_map(|tag| {
            let end = name + tag.len() - 1;
            let found = b
                .get(name..=end)
                .is_some_and(|t| t.eq_ignore_ascii_case(tag))
                && b.get(name..end)
                    .is_some_and(|n| n.iter().any(u8::is_ascii_uppercase));
            found.then_some(name..end)
        })
    })
}

/// `text` with every `</pre>`, `</script>`, `</style>` and `</textarea>` end tag lower-cased, so
/// pulldown-cmark ends HTML blocks where CommonMark does. Only ASCII letters change: the result
/// has the same length and char boundaries. Borrowed when there is nothing to change.
pub fn fold_html_end_tags(text: &str) -> Cow<'_, str> {
    let mut tags = upper_end_tags(text).peekable();
    if tags.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_owned();
    for range in tags {
        if let Some(name) = out.get_mut(range) {
            name.make_ascii_lowercase();
        }
    }
    Cow::Owned(out)
}

/// Tables with more cells than this are read as text (a paragraph), not laid out: pulldown-cmark
/// and the outline keep a few hundred bytes per cell (an 8 MB table took 760 MB), text a few
/// bytes. The largest table of a real report has a few hundred cells.
pub const MAX_TABLE_CELLS: usize = 20_000;

/// A table of more than [`MAX_TABLE_CELLS`] cells: where its delimiter row starts and how many
/// cells it has (about: counted from its `|` separators).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BigTable {
    pub delimiter: usize,
    pub cells: usize,
}

/// A GFM delimiter row (`|---|:--:|`, `--- | ---`).
pub fn is_delimiter_row(line: &str) -> bool {
    if !may_open_delimiter_row(line.as_bytes()) {
        return false;
    }
    let t = line.trim();
    t.contains('-')
        && (t.contains('|') || line.len() > t.len())
        && t.bytes()
            .all(|c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t'))
        && !t.bytes().all(|c| matches!(c, b'-' | b' ' | b'\t'))
}

/// Whether a line's first byte past ASCII blanks can open a delimiter row (`|`, `-`, `:`, or a
/// non-ASCII byte, which may be Unicode white space): most lines are rejected here, before
/// any UTF-8 check or trim.
fn may_open_delimiter_row(line: &[u8]) -> bool {
    matches!(
        line.trim_ascii_start().first(),
        Some(b'|' | b'-' | b':' | 0x80..)
    )
}

/// Tables of more than [`MAX_TABLE_CELLS`] cells, found line by line without parsing (one pass;
/// a table inside a code block counts too, which only costs that block nothing: its text is
/// given back from the original).
pub fn big_tables(text: &str) -> Vec<BigTable> {
    let mut out = Vec::new();
    // A table row counts at most as many cells as it has `|`: with no more `|` in the whole
    // text than the limit there is no big table (a memchr scan instead of one per line).
    if text.len() < MAX_TABLE_CELLS
        || memchr::memchr_iter(b'|', text.as_bytes()).count() <= MAX_TABLE_CELLS
    {
        return out;
    }
    let mut prev_has_pipe = false;
    let mut table: Option<BigTable> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let pipes = line.bytes().filter(|&c| c == b'|').count();
        // `| a | b |` has 3 separators and 2 cells; `a | b` has 1 and 2: about one less.
        let cells = pipes.saturating_sub(1).max(1);
        if let Some(t) = table.as_mut() {
            if pipes > 0 && !line.trim().is_empty() {
                t.cells += cells;
                continue;
            }
            let t = table.take().expect("open table");
            if t.cells > MAX_TABLE_CELLS {
                out.push(t);
            }
        } else if prev_has_pipe && is_delimiter_row(line) {
            let lead = line.len() - line.trim_start().len();
            table = Some(BigTable {
                delimiter: start + lead,
                cells: 0,
            });
            prev_has_pipe = false;
            continue;
        }
        prev_has_pipe = pipes > 0;
    }
    if let Some(t) = table.filter(|t| t.cells > MAX_TABLE_CELLS) {
        out.push(t);
    }
    out
}

/// The text pulldown-cmark is given: HTML end tags folded ([`fold_html_end_tags`]) and the first
/// character of each big table's delimiter row replaced by `x`, which makes the table a
/// paragraph. Same length and char boundaries as `src`.
fn prepared_text(src: &str) -> Cow<'_, str> {
    let mut text = fold_html_end_tags(src);
    for t in big_tables(src) {
        // The delimiter row starts with an ASCII `|`, `-` or `:`: a char boundary either side.
        text.to_mut()
            .replace_range(t.delimiter..t.delimiter + 1, "x");
    }
    text
}

/// A run of non-blank lines (a paragraph, a table read as text …) longer than this is
/// flattened past this point for the report outline ([`long_runs`]).
pub const LONG_RUN: usize = 64 * 1024;

/// Bytes pulldown-cmark treats as inline markup (or table cells) inside a line.
fn is_inline_special(b: u8) -> bool {
    matches!(
        b,
        b'*' | b'_' | b'`' | b'~' | b'[' | b']' | b'!' | b'<' | b'>' | b'&' | b'\\' | b'|'
    )
}

/// Whether a line opens with plain text, which continues a paragraph wherever it stands and
/// can be joined to the line before it without changing any block.
fn plain_start(line: &[u8]) -> bool {
    let t = line.trim_ascii_start();
    match t.first() {
        Some(b'`') => !t.starts_with(b"```"),
        Some(&c) => c.is_ascii_alphabetic() || c >= 0x80 || matches!(c, b'|' | b'(' | b'"' | b'\''),
        None => false,
    }
}

/// For the outline only: past the first [`LONG_RUN`] bytes of every longer run of non-blank
/// lines outside fenced code with no table delimiter row (a multi-megabyte paragraph, a big
/// table read as text; a run that opens with markup keeps its first line whole), inline markup
/// bytes become `x` and a line that opens with plain text is
/// joined to a plain line before it (its line end becomes a space). pulldown-cmark then keeps a
/// node or two per line of that text instead of several per code span, emphasis and link (an
/// 8 MB paragraph took 100 MB of tree). Same length and char boundaries; the outline takes its
/// text from the original, and the app renders bodies from the original. Returns the runs
/// (start, end) to flatten; see [`flatten_runs`].
///
/// Also returns the middles of long lines in such runs ([`long_line_limit`]): a line keeps its
/// first [`LINE_KEEP_FRONT`] bytes (a finding's title) and its last [`LINE_KEEP_BACK`] (its
/// tags, the end of a strike), and the inline markup between becomes `x`. The head of a finding
/// reads its locations, agents and tags from the original text, not from these events.
fn long_runs(text: &str) -> Flatten {
    let bytes = text.as_bytes();
    let line_limit = long_line_limit(text.len());
    let mut out = Flatten::default();
    let mut fence = Fence::default();
    let mut run: Option<(usize, bool)> = None; // start, has a delimiter row
    let mut run_lines: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0;
    let close = |run: &mut Option<(usize, bool)>,
                 run_lines: &mut Vec<(usize, usize)>,
                 end: usize,
                 out: &mut Flatten| {
        if let Some((start, delim)) = run.take() {
            if !delim && end - start > LONG_RUN {
                out.runs.push((start, end));
            }
            if !delim {
                out.lines.append(run_lines);
            }
        }
        run_lines.clear();
    };
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim_ascii_start();
        if fence.step(line.len() - t.len(), t) {
            close(&mut run, &mut run_lines, start, &mut out);
            continue;
        }
        if fence.is_open() || t.is_empty() {
            close(&mut run, &mut run_lines, start, &mut out);
            continue;
        }
        let delim =
            may_open_delimiter_row(t) && std::str::from_utf8(line).is_ok_and(is_delimiter_row);
        match run.as_mut() {
            Some((_, d)) => *d |= delim,
            None => run = Some((start, delim)),
        }
        if line.len() > line_limit {
            run_lines.push((start + LINE_KEEP_FRONT, offset - LINE_KEEP_BACK));
        }
    }
    close(&mut run, &mut run_lines, offset, &mut out);
    out
}

/// What [`long_runs`] found to flatten.
#[derive(Debug, Default)]
struct Flatten {
    /// Runs of lines over [`LONG_RUN`] bytes: (start, end).
    runs: Vec<(usize, usize)>,
    /// Middles of long lines: (from, to).
    lines: Vec<(usize, usize)>,
}

/// A line longer than this is flattened in its middle for the outline: 8 KB in any report (the
/// longest line of a real report is under 2 KB), 1 KB in a report over [`BIG_REPORT`], where
/// lines of a few kilobytes each (a thousand locations on every finding's title line) add up
/// to megabytes of parser tree.
fn long_line_limit(len: usize) -> usize {
    if len > BIG_REPORT {
        1024
    } else {
        8 * 1024
    }
}

/// See [`long_line_limit`].
const BIG_REPORT: usize = 1024 * 1024;
/// What a flattened long line keeps at its start and its end (see [`long_runs`]).
const LINE_KEEP_FRONT: usize = 512;
const LINE_KEEP_BACK: usize = 256;

/// Flattens what [`long_runs`] found (see there).
fn flatten_runs(text: String, found: &Flatten) -> String {
    let mut bytes = text.into_bytes();
    for &(from, to) in &found.lines {
        for b in &mut bytes[from..to] {
            if is_inline_special(*b) {
                *b = b'x';
            }
        }
    }
    for &(start, end) in &found.runs {
        // A run that opens with markup (a list item: a finding's title line with its
        // locations, severity and agents) keeps its whole first line.
        let first_end = bytes[start..end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(end, |p| start + p + 1);
        let mut from = start + LONG_RUN;
        if !plain_start(&bytes[start..first_end]) {
            from = from.max(first_end);
        }
        // The line holding `from` keeps its start and its line, and is flattened from `from`.
        let mut at = from;
        while at > start && bytes[at - 1] != b'\n' {
            at -= 1;
        }
        let mut prev_plain = false;
        while at < end {
            let line_end = bytes[at..end]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(end, |p| at + p + 1);
            let line = &bytes[at..line_end];
            let plain = plain_start(line);
            let joined = plain && prev_plain;
            // A line that stays a line keeps its opening bytes (block markers).
            let keep = if joined {
                0
            } else {
                line.len() - line.trim_ascii_start().len() + 4
            };
            if joined {
                bytes[at - 1] = b' ';
            }
            for b in &mut bytes[(at + keep).max(from).min(line_end)..line_end] {
                if is_inline_special(*b) {
                    *b = b'x';
                }
            }
            prev_plain = plain;
            at = line_end;
        }
    }
    // Only ASCII bytes changed to ASCII bytes: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A report's Markdown prepared for pulldown-cmark (see [`prepared_text`]); [`Source::events`]
/// streams its events without collecting them, with text taken from the original.
pub struct Source<'a> {
    src: &'a str,
    text: Cow<'a, str>,
}

impl<'a> Source<'a> {
    pub fn new(src: &'a str) -> Source<'a> {
        Source {
            src,
            text: prepared_text(src),
        }
    }

    /// For the report outline: also flattens runs of text over [`LONG_RUN`] bytes
    /// ([`long_runs`]), whose inline markup the outline never reads.
    pub fn for_outline(src: &'a str) -> Source<'a> {
        let text = prepared_text(src);
        let found = if src.len() > long_line_limit(src.len()) {
            long_runs(&text)
        } else {
            Flatten::default()
        };
        let text = if found.runs.is_empty() && found.lines.is_empty() {
            text
        } else {
            Cow::Owned(flatten_runs(text.into_owned(), &found))
        };
        Source { src, text }
    }

    pub fn events(&self, opts: Options) -> SourceEvents<'a, '_> {
        match &self.text {
            // Nothing changed: the events borrow from `src` itself, no event is rebuilt.
            Cow::Borrowed(text) => {
                SourceEvents::Direct(Parser::new_ext(text, opts).into_offset_iter())
            }
            Cow::Owned(text) => SourceEvents::Restored {
                events: Parser::new_ext(text, opts).into_offset_iter(),
                text,
                src: self.src,
            },
        }
    }
}

/// The events of a [`Source`].
#[allow(clippy::large_enum_variant)]
pub enum SourceEvents<'a, 'b> {
    /// The source was given to pulldown-cmark as it is.
    Direct(OffsetIter<'a, DefaultBrokenLinkCallback>),
    /// Parsed from a changed copy (`text`); each event's text is taken from `src` ([`restore`]).
    Restored {
        events: OffsetIter<'b, DefaultBrokenLinkCallback>,
        text: &'b str,
        src: &'a str,
    },
}

impl<'a> Iterator for SourceEvents<'a, '_> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            SourceEvents::Direct(it) => it.next(),
            SourceEvents::Restored { events, text, src } => events
                .next()
                .map(|(ev, range)| (restore(ev, text, src), range)),
        }
    }
}

/// pulldown-cmark's events with their source ranges, HTML blocks ending as in CommonMark (see
/// the module docs) and big tables read as text. Event text borrowed from the parsed text is
/// taken from `src` itself. Collects the events when the text needed changes: for a whole report
/// or body use [`Source`], which streams them.
pub fn events(src: &str, opts: Options) -> Events<'_> {
    match prepared_text(src) {
        Cow::Borrowed(_) => Events::Direct(Parser::new_ext(src, opts).into_offset_iter()),
        Cow::Owned(folded) => Events::Folded(
            Parser::new_ext(&folded, opts)
                .into_offset_iter()
                .map(|(ev, range)| (restore(ev, &folded, src), range))
                .collect::<Vec<_>>()
                .into_iter(),
        ),
    }
}

/// An event with its source range.
pub(crate) type Ev<'a> = (Event<'a>, Range<usize>);

#[allow(clippy::large_enum_variant)]
pub enum Events<'a> {
    /// Nothing to fold: pulldown-cmark on the text itself.
    Direct(OffsetIter<'a, DefaultBrokenLinkCallback>),
    /// Parsed from a folded copy, collected (the copy does not outlive [`events`]).
    Folded(std::vec::IntoIter<(Event<'a>, Range<usize>)>),
}

impl<'a> Iterator for Events<'a> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Events::Direct(it) => it.next(),
            Events::Folded(it) => it.next(),
        }
    }
}

/// An event parsed from `folded` with its text from `src` (same length, same offsets).
fn restore<'a>(ev: Event<'_>, folded: &str, src: &'a str) -> Event<'a> {
    let s = |t| restore_str(t, folded, src);
    match ev {
        Event::Text(t) => Event::Text(s(t)),
        Event::Code(t) => Event::Code(s(t)),
        Event::Html(t) => Event::Html(s(t)),
        Event::InlineHtml(t) => Event::InlineHtml(s(t)),
        Event::InlineMath(t) => Event::InlineMath(s(t)),
        Event::DisplayMath(t) => Event::DisplayMath(s(t)),
        Event::FootnoteReference(t) => Event::FootnoteReference(s(t)),
        // Link targets, code block info strings …: kept as parsed.
        ev => ev.into_static(),
    }
}

/// A slice of `folded` becomes the same slice of `src`; text pulldown-cmark built itself (joined
/// lines, decoded entities) is kept as parsed.
fn restore_str<'a>(t: CowStr<'_>, folded: &str, src: &'a str) -> CowStr<'a> {
    if let CowStr::Borrowed(b) = &t {
        let start = (b.as_ptr() as usize).wrapping_sub(folded.as_ptr() as usize);
        if start <= folded.len() {
            if let Some(orig) = start
                .checked_add(b.len())
                .and_then(|end| src.get(start..end))
            {
                return CowStr::Borrowed(orig);
            }
        }
    }
    t.into_static()
}

/// Emphasis, strong, strikethrough, super/subscript, link and image: the tags that stay
/// inside a block.
pub(crate) fn is_inline_tag(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// The end of an [`is_inline_tag`] tag.
pub(crate) fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Where a line-by-line scan of Markdown stands with fenced code: a line of three or more
/// backticks or tildes indented less than four columns opens a fence; a line of at least as
/// many of the same character with only white space after closes it.
#[derive(Debug, Default, Clone, Copy)]
pub struct Fence {
    /// The open fence's character and length.
    open: Option<(u8, usize)>,
}

impl Fence {
    /// Reads one line, `t` without its `indent` leading blanks; true when it is a fence line
    /// (it opened or closed the fence, or is a fence line inside another fence).
    pub fn step(&mut self, indent: usize, t: &[u8]) -> bool {
        let Some(&c) = t
            .first()
            .filter(|&&c| indent < 4 && (c == b'`' || c == b'~'))
        else {
            return false;
        };
        let n = t.iter().take_while(|&&b| b == c).count();
        if n < 3 {
            return false;
        }
        match self.open {
            None => self.open = Some((c, n)),
            Some((open, len)) if open == c && n >= len && t[n..].trim_ascii().is_empty() => {
                self.open = None
            }
            _ => {}
        }
        true
    }

    /// Inside fenced code (after the line just read).
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_closes_only_on_its_own_character_at_its_length_or_more() {
        let mut fence = Fence::default();
        let mut read = |line: &str| {
            let t = line.trim_start_matches(' ');
            (
                fence.step(line.len() - t.len(), t.as_bytes()),
                fence.is_open(),
            )
        };
        assert_eq!(read("text"), (false, false));
        assert_eq!(
            read("    ```"),
            (false, false),
            "indented code, not a fence"
        );
        assert_eq!(read("````rust"), (true, true));
        assert_eq!(
            read("~~~~"),
            (true, true),
            "another character does not close"
        );
        assert_eq!(read("```"), (true, true), "shorter does not close");
        assert_eq!(
            read("```` rust"),
            (true, true),
            "an info string does not close"
        );
        assert_eq!(read("`````  "), (true, false));
        assert_eq!(read("``"), (false, false), "two are not a fence");
    }

    #[test]
    fn folds_only_type_1_end_tags_and_keeps_the_length() {
        let text = "a </STYLE> b </Script> </PRE> </textAREA> </DIV> </STYLE > <STYLE> é</sTyLe>";
        let folded = fold_html_end_tags(text);
        assert_eq!(
            folded,
            "a </style> b </script> </pre> </textarea> </DIV> </STYLE > <STYLE> é</style>"
        );
        assert_eq!(folded.len(), text.len());
        assert!(matches!(
            fold_html_end_tags("<style>x</style> </div> <"),
            Cow::Borrowed(_)
        ));
        for cut in ["</", "</STYL", "</STYLE", "<"] {
            assert!(matches!(fold_html_end_tags(cut), Cow::Borrowed(_)), "{cut}");
        }
    }

    #[test]
    fn an_upper_case_end_tag_closes_the_html_block() {
        for (open, close) in [
            ("<STYLE>", "</STYLE>"),
            ("<script>", "</SCRIPT>"),
            ("<Pre>", "</pRe>"),
            ("<TEXTAREA>", "</TextArea>"),
        ] {
            let src = format!("{open}x{close}\n\n# After\n");
            let heading = events(&src, options())
                .any(|(ev, _)| matches!(ev, Event::Start(pulldown_cmark::Tag::Heading { .. })));
            assert!(heading, "{open}…{close} swallowed the heading");
        }
    }

    #[test]
    fn event_text_is_the_original_text() {
        let src = "<STYLE>p { color: red }</STYLE>\n\nSee `</SCRIPT>` and </PRE> here.\n\n\
                   ```\n</TEXTAREA>\n```\n";
        let evs: Vec<_> = events(src, options()).collect();
        let text: String = evs
            .iter()
            .filter_map(|(ev, _)| match ev {
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    Some(t.as_ref())
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            text,
            "<STYLE>p { color: red }</STYLE>\nSee </SCRIPT> and </PRE> here.</TEXTAREA>\n"
        );
        for (_, range) in &evs {
            assert!(src.get(range.clone()).is_some());
        }
    }

    /// Issue 11: the outline's pulldown-cmark tree for a multi-megabyte paragraph or a big table
    /// read as text held several nodes per code span, emphasis and link. Past [`LONG_RUN`]
    /// bytes such a run is flattened; blocks around it, tables and fences are untouched.
    #[test]
    fn long_runs_are_flattened_past_the_limit_and_nothing_else_is() {
        let unit = "The writer flushes `buf` before *the* [checkpoint](https://x.test/a) lands. ";
        let para = unit.repeat(2 * LONG_RUN / unit.len());
        let lines = "plain line with `code` and *em*\n".repeat(LONG_RUN / 16);
        let table = format!(
            "| a | b |\n|---|---|\n{}",
            "| `x` | *y* |\n".repeat(LONG_RUN / 8)
        );
        let fence = format!("```\n{}```\n", "let x = `a` * 2;\n".repeat(LONG_RUN / 8));
        let item = format!(
            "1. **Title** — {} (important, gap) [Claude]\n",
            "`a.rs:1`, ".repeat(LONG_RUN / 5)
        );
        let src = format!("# T\n\n{para}\n\n{lines}## After\n\n{table}\n{fence}\n{item}\n# End\n");
        let source = Source::for_outline(&src);
        let text: &str = &source.text;
        assert_eq!(text.len(), src.len());
        // The paragraph (one long line): intact at its start, flattened after the limit.
        let p = src.find(&para).unwrap();
        assert_eq!(&text[p..p + LINE_KEEP_FRONT], &src[p..p + LINE_KEEP_FRONT]);
        let tail = &text[p + LONG_RUN..p + para.len()];
        assert!(!tail.contains(['`', '*', '[', ']']), "markup flattened");
        // Lines: joined to one after the limit, and the heading after them is still a line.
        let l = src.find(&lines).unwrap();
        assert!(text[l + LONG_RUN + 64..l + lines.len() - 1]
            .find('\n')
            .is_none());
        assert!(text.contains("\n## After\n"));
        // The table and the fence are untouched.
        for part in [&table, &fence] {
            assert!(text.contains(part.as_str()));
        }
        // The list item's long line keeps its title and its tags; its middle is flattened.
        let i = src.find(&item).unwrap();
        let end = i + item.len();
        assert_eq!(&text[i..i + LINE_KEEP_FRONT], &src[i..i + LINE_KEEP_FRONT]);
        assert_eq!(
            &text[end - LINE_KEEP_BACK..end],
            &src[end - LINE_KEEP_BACK..end]
        );
        assert!(!text[i + LINE_KEEP_FRONT..end - LINE_KEEP_BACK].contains('`'));
        let count = |t: &str| {
            Parser::new_ext(t, options())
                .filter(|e| matches!(e, Event::Start(pulldown_cmark::Tag::Heading { .. })))
                .count()
        };
        assert_eq!(count(text), count(&src), "same headings");
        // Event text still comes from the original.
        let code: usize = source
            .events(options())
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.matches('`').count()),
                _ => None,
            })
            .sum();
        assert!(
            code > 1000,
            "the flattened markup is read as text from the original"
        );
        // Short reports are not copied.
        assert!(matches!(
            Source::for_outline("# T\n\ntext").text,
            Cow::Borrowed(_)
        ));
    }
}
