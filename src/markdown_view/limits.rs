//! What keeps long report content from overwhelming the page (issue 11): code blocks are
//! highlighted only at the start, long paragraphs come in parts the app mounts a slice at a
//! time, and finding ids enter DOM ids only as tokens that cannot collide.

use super::{token_node, Node, Tag};
use crate::highlight::TokenClass;
use crate::parse::cmark::Fence;

/// Code blocks are highlighted up to this many bytes (cut at a line end); the rest is plain
/// text. A 1 MB block made about a million spans and froze the page 3.6 s; 10 MB ran the page
/// out of memory.
pub const HIGHLIGHT_LIMIT: usize = 64 * 1024;

/// The plain rest of a long block is split into parts of about this size.
const PLAIN_SLICE: usize = 16 * 1024;

/// The class of one part of a long block's plain rest: a block of whole lines
/// (style/code.css lays each out on its own, so the app can mount them a few at a time and the
/// browser lays out only the new part).
pub const CODE_PART_CLASS: &str = "md-code-part";

/// Where a long block's highlighting stops: the end of the last line that fits in
/// [`HIGHLIGHT_LIMIT`] (or the last char boundary, for one huge line). `code.len()` when it all
/// fits.
pub fn highlight_cut(code: &str) -> usize {
    if code.len() <= HIGHLIGHT_LIMIT {
        return code.len();
    }
    let mut cut = HIGHLIGHT_LIMIT;
    while !code.is_char_boundary(cut) {
        cut -= 1;
    }
    code[..cut].rfind('\n').map_or(cut, |nl| nl + 1)
}

/// `text` as `<span class="md-code-part">` parts of about [`PLAIN_SLICE`] bytes, each ending at
/// a line end when the slice has one (else at a char boundary: one huge line).
pub(super) fn plain_slices(mut text: &str, out: &mut Vec<Node>) {
    while !text.is_empty() {
        let mut cut = text.len().min(PLAIN_SLICE);
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        if cut < text.len() {
            if let Some(nl) = text[..cut].rfind('\n') {
                cut = nl + 1;
            }
        }
        let (piece, rest) = text.split_at(cut);
        out.push(Node::el(
            Tag::Span,
            vec![("class", CODE_PART_CLASS.to_owned())],
            vec![Node::Text(piece.to_owned())],
        ));
        text = rest;
    }
}

/// The highlighted head of a long block as `<span class="md-code-part">` parts of about
/// [`HEAD_SLICE`] bytes of whole lines (a plain token is cut after a line end when a part is
/// full): mounting and laying out 64 KB of highlighted code at once took a 300 ms task and a
/// 700 ms frame.
pub(super) fn highlighted_parts(tokens: Vec<(TokenClass, &str)>) -> Vec<Node> {
    let mut out = Vec::new();
    let mut current: Vec<Node> = Vec::new();
    let mut size = 0;
    let mut flush = |current: &mut Vec<Node>, size: &mut usize| {
        if !current.is_empty() {
            out.push(Node::el(
                Tag::Span,
                vec![("class", CODE_PART_CLASS.to_owned())],
                std::mem::take(current),
            ));
        }
        *size = 0;
    };
    for (class, text) in tokens {
        let nl = (size + text.len() >= HEAD_SLICE && class == TokenClass::Plain)
            .then(|| text.rfind('\n'))
            .flatten();
        match nl {
            Some(nl) => {
                let (line_end, rest) = text.split_at(nl + 1);
                current.push(token_node((class, line_end)));
                flush(&mut current, &mut size);
                if !rest.is_empty() {
                    size += rest.len();
                    current.push(token_node((class, rest)));
                }
            }
            None => {
                size += text.len();
                current.push(token_node((class, text)));
            }
        }
    }
    flush(&mut current, &mut size);
    out
}

/// About how much highlighted code one part of a long block's head holds.
const HEAD_SLICE: usize = 4 * 1024;

/// A source piece's first long fenced code block, cut out of the Markdown around it
/// ([`big_fence`]).
#[derive(Debug, PartialEq)]
pub struct BigFence<'a> {
    /// The Markdown before the fence (whole blocks, ending with a blank line; may be empty).
    pub before: &'a str,
    /// The language word of the info string (as the renderer reads it).
    pub word: String,
    /// The code, exactly as the renderer would take it.
    pub code: &'a str,
    /// The Markdown after the closing fence line (may be empty).
    pub after: &'a str,
}

/// The first fenced code block of `md` holding at least `min` bytes of code, when it is a
/// top-level block the renderer can be spared: its opening fence is unindented and follows a
/// blank line (or starts `md`), and its info string has no backtick. The app builds such a
/// block with [`super::code_block`] directly: running the Markdown parser over a 5 MB fence took
/// most of a second in one task. Rendering `before`, the block and `after` one after the other
/// gives the same tree as rendering `md` (tested).
pub fn big_fence(md: &str, min: usize) -> Option<BigFence<'_>> {
    let mut offset = 0;
    let mut prev_blank = true;
    let mut lines = md.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        // Indented fences (in list items) are skipped whole but never taken.
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let c = trimmed.as_bytes().first().copied();
        let run = match c {
            Some(c @ (b'`' | b'~')) if indent < 4 => {
                trimmed.bytes().take_while(|&b| b == c).count()
            }
            _ => 0,
        };
        let info = trimmed.get(run..).unwrap_or("");
        if run < 3 || (c == Some(b'`') && info.contains('`')) {
            prev_blank = line.trim().is_empty();
            continue;
        }
        let fence = c.unwrap_or(b'`');
        // The fence's code runs to the closing line (or the end of `md`).
        let code_start = offset;
        let mut code_end = md.len();
        let mut after = md.len();
        for line in lines.by_ref() {
            let line_start = offset;
            offset += line.len();
            let trimmed = line.trim_start_matches(' ');
            let close = trimmed.bytes().take_while(|&b| b == fence).count();
            if line.len() - trimmed.len() < 4 && close >= run && trimmed[close..].trim().is_empty()
            {
                code_end = line_start;
                after = offset;
                break;
            }
        }
        if indent == 0 && prev_blank && code_end - code_start >= min {
            return Some(BigFence {
                before: &md[..start],
                word: super::lang_word(info),
                code: &md[code_start..code_end],
                after: &md[after..],
            });
        }
        prev_blank = false;
    }
    None
}

/// A paragraph with more than `budget` bytes of text as consecutive paragraphs of about
/// `budget` bytes each (class `md-part`, the last one also `md-part-last`: style/main.css joins
/// them without a gap and lets the browser skip laying out those off screen), so the
/// app can mount a 5 MB paragraph a slice at a time; any other node is returned as it is. A
/// long text run is cut at a space near the budget when there is one.
pub fn split_long_paragraph(node: Node, budget: usize) -> Vec<Node> {
    let budget = budget.max(1);
    let (attrs, children) = match node {
        Node::Element {
            tag: Tag::P,
            attrs,
            children,
        } if children
            .iter()
            .map(|c| c.text_content().len())
            .sum::<usize>()
            > budget =>
        {
            (attrs, children)
        }
        other => return vec![other],
    };
    let mut pieces = Vec::new();
    for child in children {
        match child {
            Node::Text(text) if text.len() > budget => {
                let mut rest = text.as_str();
                while !rest.is_empty() {
                    // Forward to a char boundary: every piece holds at least one char.
                    let mut cut = rest.len().min(budget);
                    while !rest.is_char_boundary(cut) {
                        cut += 1;
                    }
                    if cut < rest.len() {
                        if let Some(space) = rest[..cut].rfind(' ').filter(|&i| i > budget / 2) {
                            cut = space + 1;
                        }
                    }
                    let (piece, tail) = rest.split_at(cut);
                    pieces.push(Node::Text(piece.to_owned()));
                    rest = tail;
                }
            }
            other => pieces.push(other),
        }
    }
    let parts = pack(pieces, budget, |n| n.text_content().len());
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, children)| {
            let mut attrs = attrs.clone();
            let class = if i == last {
                "md-part md-part-last"
            } else {
                "md-part"
            };
            attrs.push(("class", class.to_owned()));
            Node::Element {
                tag: Tag::P,
                attrs,
                children,
            }
        })
        .collect()
}

/// Consecutive `items` in groups of at most `budget` by `weight` (a group holds at least one
/// item, however heavy): how long content is cut into parts the app mounts one per task.
pub fn pack<T>(
    items: impl IntoIterator<Item = T>,
    budget: usize,
    weight: impl Fn(&T) -> usize,
) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = Vec::new();
    let mut current = Vec::new();
    let mut size = 0;
    for item in items {
        let w = weight(&item);
        if size > 0 && size + w > budget {
            out.push(std::mem::take(&mut current));
            size = 0;
        }
        size += w;
        current.push(item);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// At most about this many cells of one table are built and laid out together: a table of
/// 4,600 rows (18,000 cells, still under `MAX_TABLE_CELLS`) was one 180 ms task to build and a
/// 490 ms layout, one 670 ms frame.
pub const TABLE_PART_CELLS: usize = 800;

/// The cells of a table node (header and body rows), 0 for any other node.
pub fn table_cells(node: &Node) -> usize {
    fn rows(children: &[Node]) -> usize {
        children
            .iter()
            .map(|c| match c {
                Node::Element {
                    tag: Tag::Tr,
                    children,
                    ..
                } => children.len(),
                Node::Element {
                    tag: Tag::Thead | Tag::Tbody,
                    children,
                    ..
                } => rows(children),
                _ => 0,
            })
            .sum()
    }
    match node {
        Node::Element {
            tag: Tag::Table,
            children,
            ..
        } => rows(children),
        _ => 0,
    }
}

/// A table of more than `max_cells` cells as consecutive tables of about `max_cells` cells each
/// (class `md-table-part`; those after the first also `md-table-cont` and the last
/// `md-table-part-last`): style/main.css gives them one fixed column layout, joins them without
/// a gap and lets the browser skip laying out those off screen, so the app can mount a long
/// table a slice at a time. Each continuation repeats the header row, visually hidden, so a
/// screen reader still names every column. Any other node is returned as it is.
pub fn split_long_table(node: Node, max_cells: usize) -> Vec<Node> {
    if table_cells(&node) <= max_cells.max(1) {
        return vec![node];
    }
    let Node::Element {
        tag: Tag::Table,
        attrs,
        children,
    } = node
    else {
        unreachable!("table_cells is 0 for anything but a table");
    };
    let mut head = None;
    let mut rows = Vec::new();
    for child in children {
        match child {
            Node::Element {
                tag: Tag::Thead, ..
            } => head = Some(child),
            Node::Element {
                tag: Tag::Tbody,
                children,
                ..
            } => rows.extend(children),
            other => rows.push(other),
        }
    }
    let parts = pack(rows, max_cells, |row| match row {
        Node::Element { children, .. } => children.len().max(1),
        Node::Text(_) => 1,
    });
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, rows)| {
            let mut attrs = attrs.clone();
            let mut class = String::from("md-table-part");
            if i > 0 {
                class.push_str(" md-table-cont");
            }
            if i == last {
                class.push_str(" md-table-part-last");
            }
            attrs.push(("class", class));
            let mut children = Vec::new();
            if let Some(head) = &head {
                let mut head = head.clone();
                if let (true, Node::Element { attrs, .. }) = (i > 0, &mut head) {
                    attrs.push(("class", "visually-hidden".to_owned()));
                }
                children.push(head);
            }
            children.push(Node::Element {
                tag: Tag::Tbody,
                attrs: vec![],
                children: rows,
            });
            Node::Element {
                tag: Tag::Table,
                attrs,
                children,
            }
        })
        .collect()
}

/// A finding id (any text in a JSON report) as a piece of a DOM id: ASCII letters and digits
/// stay, every other character becomes `_` + its hex code + `_`. The result has no `-`, so
/// `finding-{token}` and `finding-body-{token}` can never be equal, whatever the ids are.
pub fn dom_token(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

/// A long Markdown source cut into pieces of about `size` bytes that render on their own, so
/// the app renders a multi-megabyte body a piece per task instead of all at once. Cuts are at a
/// blank line outside fenced code (between blocks), or, when there is none within `2 * size`,
/// at a line end outside fenced code (inside one huge paragraph, whose parts then show as
/// separate lines); a line longer than `2 * size` is cut at spaces. A fenced block is never
/// cut. The pieces concatenate to `md`.
pub fn source_chunks(md: &str, size: usize) -> Vec<&str> {
    let size = size.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    let mut fence = Fence::default();
    let mut last_blank_cut = None;
    let mut offset = 0;
    // A table being read (from its delimiter row), with about how many cells so far: its rows
    // are never cut apart, since a piece that starts inside a table has no header row and
    // would show its rows as text. A table too big to lay out (`MAX_TABLE_CELLS`) is text
    // anyway and is cut like a paragraph.
    let mut table_cells: Option<usize> = None;
    let mut prev_has_pipe = false;
    let mut lines = md.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let line_start = offset;
        offset += line.len();
        if !fence.is_open() {
            let pipes = line.bytes().filter(|&c| c == b'|').count();
            table_cells = match table_cells {
                Some(n) if pipes > 0 && !line.trim().is_empty() => {
                    Some(n + pipes.saturating_sub(1).max(1))
                }
                Some(_) => None,
                None if prev_has_pipe && crate::parse::cmark::is_delimiter_row(line) => Some(0),
                None => None,
            };
            prev_has_pipe = pipes > 0;
        }
        // A table's header row stays with its delimiter row too.
        let in_table = table_cells.is_some_and(|n| n <= crate::parse::cmark::MAX_TABLE_CELLS)
            || (prev_has_pipe
                && lines
                    .peek()
                    .is_some_and(|next| crate::parse::cmark::is_delimiter_row(next)));
        let trimmed = line.trim_start_matches(' ');
        fence.step(line.len() - trimmed.len(), trimmed.as_bytes());
        if fence.is_open() {
            continue;
        }
        // One huge line (a paragraph with no line breaks): cut it at spaces. A code span or
        // link that straddles a cut shows as literal text; only lines over `2 * size` are cut.
        if line.len() > 2 * size {
            let mut at = start.max(line_start);
            while offset - at > 2 * size {
                let window = &md[at..at + size];
                let Some(space) = window.rfind(' ').filter(|&i| i > 0) else {
                    break;
                };
                let cut = at + space + 1;
                if cut > start {
                    out.push(&md[start..cut]);
                    start = cut;
                }
                at = cut;
            }
            last_blank_cut = None;
        }
        if line_start == start {
            continue;
        }
        // A cut before the line after this one.
        if line.trim().is_empty() {
            last_blank_cut = Some(offset);
        }
        let len = offset - start;
        let cut = if len >= size && last_blank_cut.is_some() {
            last_blank_cut
        } else if len >= 2 * size && !in_table {
            Some(offset)
        } else {
            None
        };
        if let Some(cut) = cut.filter(|&c| c > start && c < md.len()) {
            out.push(&md[start..cut]);
            start = cut;
            last_blank_cut = None;
        }
    }
    if start < md.len() || out.is_empty() {
        out.push(&md[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{code_block, render, Options};
    use super::*;

    fn render_default(md: &str) -> Vec<Node> {
        render(md, &Options::default())
    }

    /// How many elements of `tag` a tree has.
    fn count(nodes: &[Node], tag: Tag) -> usize {
        nodes
            .iter()
            .map(|n| match n {
                Node::Element {
                    tag: t, children, ..
                } => (*t == tag) as usize + count(children, tag),
                Node::Text(_) => 0,
            })
            .sum()
    }

    /// Issue 11: a long body is rendered a piece at a time, and a piece that started inside a
    /// table had no header row, so the rest of a table over 256 KB (twice the app's 128 KB
    /// pieces, when no blank line comes sooner) showed as lines of text. A table is now kept in
    /// one piece, header and delimiter rows included, unless it is too big to be a table.
    #[test]
    fn long_sources_never_cut_a_table_apart() {
        let size = 128 * 1024;
        let prose = "A line of prose about `src/a.rs` with no blank line after it.\n";
        let row = |i: usize| {
            format!("| `src/module_{i}/file.rs` | {i} | a longer cell of words here | yes |\n")
        };
        let rows: String = (0..4_000).map(row).collect();
        let table = format!("| file | line | what | ok |\n|---|---|---|---|\n{rows}");
        assert!(table.len() > 2 * size && 4 * 4_000 < crate::parse::cmark::MAX_TABLE_CELLS);
        // The header row falls anywhere relative to the cut points.
        for lead in [0, 1_000, 4_000, 4_300] {
            let md = format!("{}{table}\n{}", prose.repeat(lead), prose.repeat(5_000));
            let chunks = source_chunks(&md, size);
            assert_eq!(chunks.concat(), md);
            assert!(chunks.len() > 2, "{}", chunks.len());
            let rendered: Vec<Vec<Node>> = chunks.iter().map(|c| render_default(c)).collect();
            let tables: usize = rendered.iter().map(|n| count(n, Tag::Table)).sum();
            let rows: usize = rendered.iter().map(|n| count(n, Tag::Tr)).sum();
            assert_eq!((tables, rows), (1, 4_001), "lead {lead}");
        }
        // A table too big to lay out is text, and is cut like a paragraph.
        let big: String = (0..10_000).map(row).collect();
        let md = format!("| file | line | what | ok |\n|---|---|---|---|\n{big}");
        let chunks = source_chunks(&md, size);
        assert_eq!(chunks.concat(), md);
        // Kept whole only up to the cell limit (5,000 rows of 4 cells), then cut.
        let limit = 5_001 * row(9_999).len() + 2 * size;
        assert!(chunks.len() > 2, "{}", chunks.len());
        assert!(chunks.iter().all(|c| c.len() <= limit));
    }

    #[test]
    fn long_sources_are_cut_between_blocks_and_never_inside_a_fence() {
        let para = "Some text with `code` and *emphasis*.\n";
        let fence = format!("```rust\n{}\n```\n", "let x = 1;\n\n".repeat(2_000));
        let md = format!("{}\n{fence}\n{}", para.repeat(20_000), para.repeat(3));
        let chunks = source_chunks(&md, 64 * 1024);
        assert_eq!(chunks.concat(), md);
        assert!(chunks.len() > 5, "{}", chunks.len());
        assert!(chunks
            .iter()
            .all(|c| c.len() <= 2 * 64 * 1024 + fence.len()));
        // The fence stays whole in one chunk.
        assert_eq!(chunks.iter().filter(|c| c.contains("```")).count(), 1);
        let with_fence = chunks.iter().find(|c| c.contains("```")).unwrap();
        assert_eq!(with_fence.matches("```").count(), 2);
        // Blank-line cuts when there are blank lines: every chunk but the last ends with one.
        let blocks = "A paragraph.\n\n".repeat(50_000);
        let chunks = source_chunks(&blocks, 64 * 1024);
        assert!(chunks[..chunks.len() - 1]
            .iter()
            .all(|c| c.ends_with("\n\n")));
        // One huge line is cut at spaces.
        let line = "word ".repeat(200_000);
        let chunks = source_chunks(&line, 64 * 1024);
        assert_eq!(chunks.concat(), line);
        assert!(chunks.len() > 10);
        assert!(chunks[..chunks.len() - 1]
            .iter()
            .all(|c| c.ends_with(' ') && c.len() <= 64 * 1024));
        // Short sources are one chunk.
        assert_eq!(source_chunks("# T\n\ntext", 64), vec!["# T\n\ntext"]);
        assert_eq!(source_chunks("", 64), vec![""]);
    }

    /// Issue 11 item 2: highlighting is bounded per block; the text is all there.
    #[test]
    fn long_code_blocks_are_highlighted_only_at_the_start() {
        let line = "    let x: Vec<u8> = vec![1, 2, 3]; // \"str\" and 'c'\n";
        let code = line.repeat(5 * 1024 * 1024 / line.len());
        let node = code_block("rust", &code);
        assert_eq!(node.text_content(), code, "every byte is shown");
        let cut: usize = node.attr("data-plain-from").unwrap().parse().unwrap();
        assert!(cut <= HIGHLIGHT_LIMIT && cut > HIGHLIGHT_LIMIT - line.len());
        assert!(code[..cut].ends_with('\n'), "cut at a line end");
        let Node::Element { children, .. } = &node else {
            panic!()
        };
        let Node::Element {
            children: inner, ..
        } = &children[0]
        else {
            panic!()
        };
        // The head is highlighted, in parts of whole lines too.
        let head: Vec<&Node> = inner
            .iter()
            .take_while(|n| matches!(n, Node::Element { children, .. } if children.len() > 1))
            .collect();
        assert!(
            head.len() >= cut / (HEAD_SLICE + line.len()),
            "{} head parts",
            head.len()
        );
        assert!(head
            .iter()
            .all(|p| p.attr("class") == Some(CODE_PART_CLASS) && p.text_content().ends_with('\n')));
        let spans: usize = head
            .iter()
            .map(|p| match p {
                Node::Element { children, .. } => children
                    .iter()
                    .filter(|n| n.attr("class").is_some())
                    .count(),
                Node::Text(_) => 0,
            })
            .sum();
        assert!(spans > 1000, "the head is highlighted");
        assert_eq!(
            head.iter().map(|p| p.text_content()).collect::<String>(),
            code[..cut]
        );
        let plain: Vec<&Node> = inner[head.len()..].iter().collect();
        assert!(plain
            .iter()
            .all(|n| n.attr("class") == Some(CODE_PART_CLASS)));
        assert!(
            plain.len() >= (code.len() - cut) / PLAIN_SLICE,
            "the rest is plain text in parts"
        );
        assert!(
            plain
                .iter()
                .all(|p| matches!(p, Node::Element { children, .. }
                if matches!(children.as_slice(), [Node::Text(t)] if t.ends_with('\n')))),
            "each part is plain text of whole lines"
        );
        assert!(inner.len() < 100_000, "no node per token past the limit");
        // One huge line: cut at a char boundary.
        let one = "é".repeat(HIGHLIGHT_LIMIT);
        let node = code_block("", &one);
        assert_eq!(node.text_content(), one);
        // Short blocks are unchanged.
        assert_eq!(
            code_block("rust", "fn main() {}\n").attr("data-plain-from"),
            None
        );
    }

    /// Issue 11 item 2: the app builds a long fence without the Markdown parser; before, block
    /// and after rendered one after the other read as the whole piece rendered at once.
    #[test]
    fn a_big_fence_cut_out_renders_as_the_whole() {
        let line = "    let x: Vec<u8> = vec![1, 2, 3]; // \"str\" and 'c' ```\n";
        let code = line.repeat(2000);
        let cases = [
            format!("Intro *text*.\n\n```rust title\n{code}```\n\nAfter `x`.\n"),
            format!("```\n{code}```"),
            format!("~~~~python\n{code}~~~\n~~~~~   \n# After\n\n- item\n"),
            format!("- a list\n\n  ```\n  small\n  ```\n\n````go\n{code}\n```\nstill code\n"),
            format!("Para\n\n```\nsmall\n```\n\n```js\n{code}   ```\n\ntail"),
            // The outer fence is the block, not the one inside it.
            format!("````\n\n```\n{code}```\n````\n"),
        ];
        for md in &cases {
            let f = big_fence(md, 1000).unwrap_or_else(|| panic!("no fence in {md:.40}"));
            assert!(f.code.len() >= code.len());
            let mut parts = render_default(f.before);
            parts.push(code_block(&f.word, f.code));
            parts.extend(render_default(f.after));
            assert_eq!(parts, render_default(md), "{md:.60}");
        }
        // Not taken: indented, right after a paragraph line, a backtick in the info string,
        // or too short.
        let no = [
            format!("  ```\n{code}```\n"),
            format!("Para\n```\n{code}```\n"),
            format!("``` a`b\n{code}```\n"),
            "```\nsmall\n```\n".to_string(),
        ];
        for md in &no {
            let f = big_fence(md, 1000);
            assert!(f.is_none(), "{md:.40}: {:?}", f.map(|f| f.before));
        }
    }

    /// Issue 11 item 5: one 5 MB paragraph was one block, mounted in one long task.
    #[test]
    fn a_long_paragraph_splits_into_parts_with_all_its_text() {
        let unit = "The writer flushes `buf` before *the* [checkpoint](https://x.test/a) lands. ";
        let md_text = unit.repeat(5 * 1024 * 1024 / unit.len());
        let nodes = render_default(&md_text);
        assert_eq!(nodes.len(), 1);
        let whole = nodes[0].text_content();
        let parts = split_long_paragraph(nodes.into_iter().next().unwrap(), 16 * 1024);
        assert!(parts.len() > 200, "{} parts", parts.len());
        assert!(parts
            .iter()
            .all(|p| p.text_content().len() <= 16 * 1024 + unit.len()));
        let (last, rest) = parts.split_last().unwrap();
        assert!(rest.iter().all(|p| p.attr("class") == Some("md-part")));
        assert_eq!(last.attr("class"), Some("md-part md-part-last"));
        assert_eq!(
            parts.iter().map(Node::text_content).collect::<String>(),
            whole
        );
        // One long run of plain text is cut at spaces.
        let plain = "word ".repeat(100_000);
        let parts = split_long_paragraph(render_default(&plain).remove(0), 16 * 1024);
        assert!(parts.len() > 20);
        assert_eq!(
            parts.iter().map(Node::text_content).collect::<String>(),
            plain.trim_end()
        );
        assert!(parts[..parts.len() - 1]
            .iter()
            .all(|p| p.text_content().ends_with(' ')));
        // Short paragraphs and other blocks are unchanged.
        let short = render_default("short *text*").remove(0);
        assert_eq!(split_long_paragraph(short.clone(), 16), vec![short.clone()]);
        let code = code_block("", &"x".repeat(100_000));
        assert_eq!(split_long_paragraph(code.clone(), 16), vec![code]);
    }

    /// Issue 11: a table of 4,600 rows was built in one task and laid out in one 490 ms frame.
    #[test]
    fn a_long_table_splits_into_parts_with_every_row_once() {
        let rows: String = (0..4_600)
            .map(|i| format!("| `a{i}.rs` | {i} | x | yes |\n"))
            .collect();
        let md_text = format!("| file | line | what | ok |\n|---|---|---|---|\n{rows}");
        let nodes = render_default(&md_text);
        assert_eq!(nodes.len(), 1);
        assert_eq!(table_cells(&nodes[0]), 4 * 4_601);
        let whole = nodes[0].text_content();
        let parts = split_long_table(nodes.into_iter().next().unwrap(), TABLE_PART_CELLS);
        // Body rows fill the parts; each part also holds the header row (4 cells).
        assert_eq!(parts.len(), (4 * 4_600usize).div_ceil(TABLE_PART_CELLS));
        assert!(parts.iter().all(|p| table_cells(p) <= TABLE_PART_CELLS + 4));
        // The first part has the visible header; every later one repeats it, visually hidden.
        let head = |p: &Node| match p {
            Node::Element { children, .. } => children[0].clone(),
            Node::Text(_) => unreachable!(),
        };
        assert_eq!(head(&parts[0]).attr("class"), None);
        assert!(parts[1..]
            .iter()
            .all(|p| head(p).attr("class") == Some("visually-hidden")));
        assert_eq!(parts[0].attr("class"), Some("md-table-part"));
        assert_eq!(parts[1].attr("class"), Some("md-table-part md-table-cont"));
        assert_eq!(
            parts.last().unwrap().attr("class"),
            Some("md-table-part md-table-cont md-table-part-last")
        );
        // Every body row once, in order: the parts' text without the repeated headers.
        let body = |p: &Node| match p {
            Node::Element { children, .. } => children.last().unwrap().text_content(),
            Node::Text(_) => unreachable!(),
        };
        let head_text = head(&parts[0]).text_content();
        assert_eq!(
            format!("{head_text}{}", parts.iter().map(body).collect::<String>()),
            whole
        );
        // A small table and other blocks are unchanged.
        let small = render_default("| a | b |\n|---|---|\n| 1 | 2 |\n").remove(0);
        assert_eq!(
            split_long_table(small.clone(), TABLE_PART_CELLS),
            vec![small]
        );
        let para = render_default("text").remove(0);
        assert_eq!(split_long_table(para.clone(), 1), vec![para]);
    }

    #[test]
    fn finding_ids_become_dom_tokens_without_dashes() {
        assert_eq!(dom_token("I2"), "I2");
        assert_eq!(dom_token("I2-2"), "I2_2d_2");
        assert_eq!(dom_token("body I1"), "body_20_I1");
        // `finding-{token}` of one id never equals `finding-body-{token}` of another.
        assert!(!dom_token("body-I1").contains('-'));
    }
}
